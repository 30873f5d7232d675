import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../fakes/fake-slack.js';
import { incidentSummary, operationalSummary } from '../../fakes/fake-status-page.js';
import { startTestApp, type TestApp } from '../../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
const ENV = {
  ALERT_CHANNEL: ALERTS, ALERT_FAILURE_THRESHOLD: '2', ALERT_RECOVERY_THRESHOLD: '2', MONITOR_GENERATION_INTERVAL_SECONDS: '0',
};
const OVERLOADED = [{ fault: { kind: 'status' as const, status: 529 as const }, endpoint: 'any' as const }];
const INCIDENT = 'Elevated errors on Claude API';
const delivered = (c: RecordedCall) => c.status === 200 && c.error === undefined;
const isRoot = (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && c.body.thread_ts === undefined && delivered(c);
const blocksOf = (c: RecordedCall) => JSON.stringify(c.body.blocks);

/**
 * User run, finding 6: a 529 outage during which Anthropic's status page had an incident on the API, cleared before
 * our probes recovered; the resolved root said ":mag: Only us (so far)". A resolved root tells what was learned
 * while it was open: Anthropic acknowledged it (the incident's name), never "so far".
 */
describe("a resolved alert root keeps Anthropic's acknowledgement (the real app, manual clock, thresholds 2/2)", () => {
  let t: TestApp | undefined;
  afterEach(async () => { await t?.stop(); t = undefined; });

  /**
   * A 529 outage alerted as "only us"; then the status page as `page()` gives it for a round (while still failing),
   * then as `before()` leaves it; then recovery. Returns the root as first posted and as last resolved.
   */
  const outage = async (page: () => unknown, before: () => void = () => undefined) => {
    // The breaker's reset runs on real timers (opossum's): short, so the recovery rounds are not refused for long.
    const app = t = await startTestApp({ env: ENV, manualTime: true, breakerResetMs: 100 });
    await app.round();
    app.claude.setFaults(OVERLOADED);
    await app.rounds(2);
    const root = app.slack.calls.find(isRoot);
    expect(root).toBeDefined();
    const ts = String(app.slack.messages(ALERTS).find((m) => m.thread_ts === undefined)?.ts);
    app.statusPage.setSummary(page());
    await app.round();
    before();
    await app.round();
    app.claude.clearFaults();
    const resolved = (c: RecordedCall) => c.method === 'chat.update' && c.body.ts === ts && delivered(c) && blocksOf(c).includes('RESOLVED');
    await app.roundsUntil(() => app.slack.calls.some(resolved));
    expect(app.slack.calls.filter(isRoot)).toHaveLength(1);
    const updates = app.slack.calls.filter((c) => c.method === 'chat.update' && c.body.ts === ts && delivered(c)).map(blocksOf);
    return { opened: blocksOf(root!), updates, resolved: blocksOf(app.slack.calls.filter(resolved).at(-1)!) };
  };

  it("says Anthropic acknowledged it when Anthropic's incident cleared before ours did", async () => {
    const { opened, updates, resolved } = await outage(() => incidentSummary(INCIDENT), () => t!.statusPage.setSummary(operationalSummary()));
    expect(opened).toContain('Only us (so far)');
    expect(updates.some((u) => u.includes('Acknowledged by Anthropic') && u.includes(INCIDENT))).toBe(true);
    expect(resolved).toContain('Acknowledged by Anthropic');
    expect(resolved).toContain(INCIDENT);
    expect(resolved).not.toMatch(/Only us|so far/);
  });

  it("says Anthropic acknowledged it when Anthropic's incident is still open as ours resolves, without claiming it is open now", async () => {
    const { resolved } = await outage(() => incidentSummary(INCIDENT));
    expect(resolved).toContain('Acknowledged by Anthropic');
    expect(resolved).toContain(INCIDENT);
    expect(resolved).not.toMatch(/Only us|so far|reports an open incident/);
  });

  it('says only us, without "so far", when Anthropic reported nothing while it was open', async () => {
    const { opened, resolved } = await outage(() => operationalSummary());
    expect(opened).toContain('Only us (so far)');
    expect(resolved).toContain('Only us');
    expect(resolved).not.toMatch(/so far|Acknowledged by Anthropic/);
  });
});
