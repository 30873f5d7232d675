import { describe, expect, it } from 'vitest';
import { renderAlertRoot } from '../../../src/slack/alerts/render-alert.js';
import { renderThreadNote } from '../../../src/slack/alerts/render-thread-note.js';
import { parseAlertActionValue } from '../../../src/slack/alerts/alert-actions.js';
import { groupedRoot, makeIncident, makeRoot } from './alert-fixture.js';
import { expectWithinSlackLimits } from '../../support/expect-within-slack-limits.js';

type AnyBlock = { type: string; text?: { type: string; text: string }; elements?: { type: string; text: string | { text: string }; action_id?: string; value?: string }[] };
const mrkdwn = (blocks: unknown[]): string[] =>
  (blocks as AnyBlock[]).flatMap((b) => [
    ...(b.text?.type === 'mrkdwn' ? [b.text.text] : []),
    ...(b.type === 'context' ? (b.elements ?? []).map((e) => e.text as string) : []),
  ]);
const all = (m: { text: string; blocks?: unknown[] }) => [m.text, ...mrkdwn(m.blocks ?? [])].join('\n');
const sec = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const actionsOf = (blocks: unknown[]) => (blocks as AnyBlock[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

/** Slack's limits (reference/slack.md), checked on every rendered message. */
// No mention, broadcast or link can come from API or user text: every `<` that is left opens one of our own tokens.
const expectNoLiveTokens = (text: string) => {
  for (const token of text.match(/<[^>]*>/g) ?? []) expect(token).toMatch(/^<(!date\^\d+\^|@U0ALICE>)/);
};

describe('renderAlertRoot', () => {
  it("shows Anthropic's incident on the root: its name as a link, its status and latest update; the probes; our breaker", () => {
    const m = renderAlertRoot(makeRoot({
      title: 'API overloaded (529) on every probe', breakerOpen: true,
      incidents: [makeIncident({ key: 'api', title: 'API overloaded (529) on every probe', probes: ['key check', 'claude-haiku-4-5', 'Messages'], acknowledgedByAnthropic: true })],
      anthropic: { id: 'inc1', name: 'Elevated errors <!channel>', status: 'investigating', impact: 'major', url: 'https://stspg.io/abc123',
        update: { id: 'u2', status: 'identified', body: 'A fix is rolling out.', at: '2026-11-26T16:10:00.000Z' } },
    }));
    expectWithinSlackLimits(m);
    const shown = all(m);
    expect(shown).toContain('*Acknowledged by Anthropic*: <https://stspg.io/abc123|Elevated errors &lt;!channel&gt;> · identified');
    expect(shown).toContain('>A fix is rolling out.');
    expect(shown).toContain('*Seen by:* key check, claude-haiku-4-5, Messages');
    expect(shown).toContain("circuit breaker is open");
    expect(m.text).toMatch(/^CRITICAL: API overloaded \(529\) on every probe — failing since .* \(acknowledged by Anthropic\)$/);
  });

  it('shows severity, what failed since when, the API error, cause and fix, "only us" and the three buttons', () => {
    const m = renderAlertRoot(makeRoot());
    const shown = all(m);
    expect((m.blocks[0] as AnyBlock).text!.text).toBe(':red_circle: CRITICAL · Authentication fails');
    for (const part of ['*What failed:* Authentication fails', `<!date^${sec('2026-11-26T16:00:00.000Z')}^`, '3 failed rounds', '`401 authentication_error` invalid x-api-key · request `req_011CABC`', '*Likely cause:* The API key was rejected.', '*Fix:* Create a new key', '*Only us (so far)*']) {
      expect(shown).toContain(part);
    }
    expect(m.text).toBe('CRITICAL: Authentication fails — failing since 2026-11-26 16:00 UTC (only us so far)');
    const buttons = actionsOf(m.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual(['alert_recheck', 'alert_ack', 'alert_snooze', 'alert_resolve']);
    expect(buttons.filter((b) => b.value !== undefined).map((b) => b.value)).toEqual(['auth', 'auth', 'auth']);
    expectWithinSlackLimits(m);
  });

  it('says "acknowledged by Anthropic", who acknowledged and muted until when', () => {
    const m = renderAlertRoot(makeRoot({ incidents: [makeIncident({ acknowledgedByAnthropic: true, acknowledgedBy: 'U0ALICE', mutedUntil: '2026-11-26T17:00:00.000Z' })] }));
    const shown = all(m);
    expect(shown).toContain('*Acknowledged by Anthropic*');
    expect(shown).toContain('Acknowledged by <@U0ALICE>');
    expect(shown).toContain(`Muted until <!date^${sec('2026-11-26T17:00:00.000Z')}^`);
    expect(m.text).toContain('acknowledged by Anthropic');
  });

  it('shows a resolved root with its duration and no buttons', () => {
    const incident = makeIncident({ status: 'resolved', resolvedAt: '2026-11-26T16:42:00.000Z', durationMs: 42 * 60_000 });
    const m = renderAlertRoot(makeRoot({ status: 'resolved', incidents: [incident] }));
    expect((m.blocks[0] as AnyBlock).text!.text).toBe(':white_check_mark: RESOLVED · Authentication fails');
    expect(all(m)).toContain(`*Resolved* <!date^${sec('2026-11-26T16:42:00.000Z')}^`);
    expect(all(m)).toContain('after 42 min');
    expect(m.text).toMatch(/^Resolved: Authentication fails/);
    expect(actionsOf(m.blocks)).toHaveLength(0);
  });

  it('fits 60 grouped incidents with hostile text into Slack’s limits, escaped, with one set of buttons for the alert', () => {
    const root = groupedRoot(60);
    const m = renderAlertRoot(root);
    expectWithinSlackLimits(m);
    const shown = all(m);
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain('<@U999>');
    expect(shown).toContain('&lt;!channel&gt; &lt;@U999&gt; &amp; &lt;https://evil.example|click&gt;');
    expectNoLiveTokens(shown);
    expect(shown).toContain('*60 of 60 problems open*');
    expect(shown).toContain('claude-model-0');
    const buttons = actionsOf(m.blocks);
    expect(buttons).toHaveLength(4);
    expect(parseAlertActionValue(buttons[0]!.value!)).toEqual({ kind: 'alert', alertId: root.alertId });
    // Either every incident is listed or the cut is said out loud.
    const listed = (shown.match(/\*Model claude-model-\d+ /g) ?? []).length;
    if (listed < 60) expect(shown).toMatch(/\d+ more problems? not shown/);
  });

  it('cuts a huge group with a note instead of breaking the limits', () => {
    const m = renderAlertRoot(groupedRoot(400, 'x'.repeat(2000)));
    expectWithinSlackLimits(m);
    expect(all(m)).toMatch(/\d+ more problems? not shown/);
    expect(actionsOf(m.blocks)).toHaveLength(4);
  });

  it('escapes hostile text in a single incident and in the header’s fallback text', () => {
    const evil = '<!here> & <@U123|boss>';
    const m = renderAlertRoot(makeRoot({ title: evil, incidents: [makeIncident({ title: evil, cause: evil, fix: evil, acknowledgedBy: '<!channel>', lastFailure: { category: 'server_error', message: evil, requestId: '`<!channel>`' } })] }));
    const shown = all(m);
    expectNoLiveTokens(shown);
    expect(m.text).toContain('&lt;!here&gt; &amp; &lt;@U123|boss&gt;');
    expectWithinSlackLimits(m);
  });
});

describe('renderThreadNote', () => {
  it('mentions who acknowledged or snoozed, and until when', () => {
    const ack = renderThreadNote({ alertId: 'a', incidentKey: 'auth', kind: 'acknowledged', text: 'Acknowledged by <@U0ALICE>.', at: '2026-11-26T16:05:00.000Z', userId: 'U0ALICE' });
    expect(ack.text).toMatch(/^:eyes: Acknowledged by <@U0ALICE> <!date\^/);
    const snooze = renderThreadNote({ alertId: 'a', incidentKey: 'auth', kind: 'snoozed', text: 'x', at: '2026-11-26T16:05:00.000Z', userId: 'U0ALICE', until: '2026-11-26T17:05:00.000Z' });
    expect(snooze.text).toContain(`until <!date^${sec('2026-11-26T17:05:00.000Z')}^`);
  });

  it('escapes the monitor’s text and a forged user id', () => {
    const note = renderThreadNote({ alertId: 'a', incidentKey: '<!channel>', kind: 'still_failing', text: 'Still failing after 30 min: <!channel>', at: '2026-11-26T16:30:00.000Z', durationMs: 1_800_000 });
    expectNoLiveTokens(all(note));
    expect(note.text).toBe(':hourglass_flowing_sand: Still failing after 30 min: &lt;!channel&gt;');
    const forged = renderThreadNote({ alertId: 'a', incidentKey: 'auth', kind: 'acknowledged', text: '', at: '2026-11-26T16:05:00.000Z', userId: '<!channel>' });
    expect(forged.text).toContain('Acknowledged by &lt;!channel&gt;');
  });
});
