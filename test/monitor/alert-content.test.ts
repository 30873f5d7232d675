import { describe, expect, it } from 'vitest';
import { buildNote } from '../../src/monitor/alert-content.js';
import type { IncidentRecord } from '../../src/monitor/store.js';
import { renderThreadNote } from '../../src/slack/alerts/render-thread-note.js';

const record: IncidentRecord = {
  id: 'generation@2026-11-24T10:00:00.000Z', key: 'generation', kind: 'probe', severity: 'critical', title: 'Generation failing',
  since: '2026-11-24T10:00:00.000Z', openedAt: '2026-11-24T10:00:00.000Z', lastSeenAt: '2026-11-26T12:00:00.000Z', failures: 9,
  acknowledgedByAnthropic: false, lastNotifiedAt: '2026-11-26T12:00:00.000Z', status: 'resolved', alertId: 'a1',
};

const MIN = 60_000;

describe('buildNote', () => {
  // The Slack renderer adds the duration unless the note already says it: the two must spell it the same way.
  it.each([
    [45_000, '45 s'],
    [12 * MIN, '12 min'],
    [185 * MIN, '3 h 5 min'],
    [50 * 60 * MIN, '2 d 2 h'],
  ])('says a %i ms duration once, as "%s", in the note and in Slack', (durationMs, spoken) => {
    for (const kind of ['resolved', 'still_failing'] as const) {
      const note = buildNote(record, kind, '2026-11-26T12:00:00.000Z', { durationMs });
      expect(note.text).toContain(`after ${spoken}:`);
      const shown = renderThreadNote(note).text;
      expect(shown.split(spoken)).toHaveLength(2);
      expect(shown).not.toMatch(/\(\d/);
    }
  });
});
