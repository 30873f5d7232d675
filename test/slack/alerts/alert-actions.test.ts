import { describe, expect, it } from 'vitest';
import { parseSnoozeValue, renderAlertActions, snoozeUntil, SNOOZE_MS } from '../../../src/slack/alerts/alert-actions.js';
import { makeIncident, makeRoot } from './alert-fixture.js';

type Element = { type: string; action_id: string; value?: string; options?: { text: { text: string }; value: string }[] };
const elements = (root = makeRoot()) => (renderAlertActions(root) as { elements: Element[] }).elements;

describe('the alert action row', () => {
  it('offers Re-check, Acknowledge, a snooze menu (1 h, 4 h, until tomorrow) and Resolve while nobody has acknowledged', () => {
    const row = elements();
    expect(row.map((e) => `${e.type}:${e.action_id}`)).toEqual(['button:alert_recheck', 'button:alert_ack', 'static_select:alert_snooze', 'button:alert_resolve']);
    const menu = row.find((e) => e.type === 'static_select')!;
    expect(menu.options!.map((o) => [o.text.text, o.value])).toEqual([
      ['Snooze 1 h', '1h|auth'], ['Snooze 4 h', '4h|auth'], ['Snooze until tomorrow', 'tomorrow|auth'],
    ]);
  });

  it('drops the Acknowledge button once every open incident is acknowledged (the root names who instead)', () => {
    const acked = makeRoot({ incidents: [makeIncident({ acknowledgedBy: 'U1' })] });
    expect(elements(acked).map((e) => e.action_id)).toEqual(['alert_recheck', 'alert_snooze', 'alert_resolve']);
    const half = makeRoot({ incidents: [makeIncident({ acknowledgedBy: 'U1' }), makeIncident({ key: 'model:x' })] });
    expect(elements(half).map((e) => e.action_id)).toContain('alert_ack');
  });

  it('keeps menu values within Slack\'s 150 characters, falling back to the alert id', () => {
    const long = makeRoot({ alertId: 'a@1', incidents: [makeIncident({ key: `model:${'x'.repeat(200)}` })] });
    const menu = elements(long).find((e) => e.type === 'static_select')!;
    expect(menu.options!.every((o) => o.value.length <= 150)).toBe(true);
    expect(parseSnoozeValue(menu.options![1]!.value)).toEqual({ choice: '4h', target: { kind: 'alert', alertId: 'a@1' } });
  });

  it('reads an old Snooze 1 h button (its value is the target alone)', () => {
    expect(parseSnoozeValue('alert:grp@1')).toEqual({ choice: '1h', target: { kind: 'alert', alertId: 'grp@1' } });
    expect(parseSnoozeValue('model:a|b')).toEqual({ choice: '1h', target: { kind: 'incident', key: 'model:a|b' } });
  });

  it('snoozes until the next morning at 09:00 local time, whatever the hour now', () => {
    const late = new Date(2026, 10, 26, 23, 30).getTime();
    expect(new Date(snoozeUntil('tomorrow', late))).toEqual(new Date(2026, 10, 27, 9, 0));
    const early = new Date(2026, 10, 26, 0, 15).getTime();
    expect(new Date(snoozeUntil('tomorrow', early))).toEqual(new Date(2026, 10, 27, 9, 0));
    expect(snoozeUntil('4h', early) - early).toBe(4 * SNOOZE_MS);
  });
});
