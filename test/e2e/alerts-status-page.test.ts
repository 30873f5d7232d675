import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../fakes/fake-slack.js';
import { operationalSummary } from '../fakes/fake-status-page.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
const ENV = {
  ALERT_CHANNEL: ALERTS, ALERT_FAILURE_THRESHOLD: '2', ALERT_RECOVERY_THRESHOLD: '2', MONITOR_GENERATION_INTERVAL_SECONDS: '0',
};
const OVERLOADED = [{ fault: { kind: 'status' as const, status: 529 as const }, endpoint: 'any' as const }];
const isRoot = (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && c.body.thread_ts === undefined && c.status === 200 && !c.error;
const isResolvedUpdate = (c: RecordedCall) => c.method === 'chat.update' && c.status === 200 && /RESOLVED/.test(JSON.stringify(c.body.blocks));

/**
 * Issue 11: "One bad field on the status page, every round fails ... an API outage during that time produced 0
 * alerts." A status page that answers something unreadable is a warning about the page; the outage is still alerted.
 */
describe('an API outage while the status page is unreadable (rounds stepped on a manual clock, thresholds 2/2)', () => {
  let t: TestApp;
  // The breaker's reset runs on real timers (opossum's): short, so the recovery rounds are not refused for long.
  beforeAll(async () => { t = await startTestApp({ env: ENV, manualTime: true, breakerResetMs: 100 }); });
  afterAll(async () => { await t?.stop(); });

  const outage = async (unreadable: () => void) => {
    const before = t.slack.calls.filter(isRoot).length;
    unreadable();
    t.claude.setFaults(OVERLOADED);
    await t.rounds(2);
    expect(t.slack.calls.filter(isRoot)).toHaveLength(before + 1);
    const report = t.app.core.status.latest() ?? (await t.app.core.probe({ generation: false, priority: 'background' }));
    expect(report.statusPage).toMatchObject({ reachable: false, unreadable: true });
    expect(report.checks.find((c) => c.id === 'status_page')?.summary).toMatch(/unreadable/);
    // The round never failed: the monitor's health has no error.
    expect((await t.app.monitoring!.monitor.health()).lastError).toBeUndefined();
    const updates = t.slack.calls.filter(isResolvedUpdate).length;
    t.claude.clearFaults();
    t.statusPage.setRaw(undefined);
    t.statusPage.setSummary(operationalSummary());
    await t.roundsUntil(() => t.slack.calls.filter(isResolvedUpdate).length > updates);
  };

  it('an HTML page served with 200 (a CDN error page)', async () => {
    await outage(() => t.statusPage.setRaw({ body: '<html><body><h1>502 Bad Gateway</h1></body></html>', contentType: 'text/html' }));
  });

  it('malformed JSON', async () => {
    await outage(() => t.statusPage.setRaw({ body: '{"status": {"indicator": "major"' }));
  });

  it('a component status that is not a string', async () => {
    const bad = operationalSummary() as { components: Record<string, unknown>[] };
    bad.components[2] = { ...bad.components[2], status: 3 };
    await outage(() => t.statusPage.setSummary(bad));
  });

  it('a body past 1 MB', async () => {
    await outage(() => t.statusPage.setRaw({ bytes: 5_000_000 }));
  });
});
