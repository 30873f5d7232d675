import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../fakes/fake-slack.js';
import { createManualTime } from '../fakes/manual-clock.js';
import { MANUAL_CLOCK_LAG_MS, startTestApp, type TestApp } from '../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
const ENV = {
  ALERT_CHANNEL: ALERTS, ALERT_FAILURE_THRESHOLD: '3', ALERT_RECOVERY_THRESHOLD: '2', MONITOR_GENERATION_INTERVAL_SECONDS: '0',
};
const isRoot = (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && c.body.thread_ts === undefined && c.status === 200 && !c.error;
const roomy = { rpm: 100_000, burst: 100_000 };

/**
 * User run, finding 5: another client of the key used 960 of its 1,000 requests a minute once, and an alert opened
 * after that one round and resolved 11 s later. Low headroom heals by waiting (the bucket refills), so like any other
 * such cause it opens only after ALERT_FAILURE_THRESHOLD rounds in a row. The fake's buckets run on the app's manual
 * clock, so a minute between rounds refills them exactly as a real minute would.
 */
describe('rate-limit headroom alerts (the real app, fake Claude API buckets on the manual clock, threshold 3)', () => {
  let t: TestApp | undefined;
  afterEach(async () => { await t?.stop(); t = undefined; });

  const start = async () => {
    const time = createManualTime(Date.now() - MANUAL_CLOCK_LAG_MS);
    t = await startTestApp({
      env: ENV, manualTime: time,
      claude: { now: () => time.clock.now(), limits: roomy, freeLimits: { rpm: 1_000, burst: 1_000 } },
    });
    return { app: t, time };
  };
  /**
   * Another client of the key uses 960 of its 1,000 requests just before the next round: the round reads 4% left. (Used
   * a round's wait earlier, the bucket would be full again by the round, a minute later.)
   */
  const burstBeforeNextRound = async ({ app, time }: Awaited<ReturnType<typeof start>>) => {
    const next = time.pending()[0];
    if (!next) throw new Error('no round armed');
    await time.advanceTo(next.dueMs - 1);
    app.claude.consumeExternally(960, 'free');
  };
  /** The headroom cause's failure streak as the monitor keeps it: proof that the round saw the low headroom. */
  const streak = async (app: TestApp) => (await app.app.monitoring!.store.loadTracks())['headroom:free']?.failStreak ?? 0;

  it('a single round of low headroom opens no alert', async () => {
    const started = await start();
    const { app } = started;
    await app.round();
    await burstBeforeNextRound(started);
    await app.round();
    expect(await streak(app)).toBe(1);
    await app.rounds(3);
    expect(await streak(app)).toBe(0);
    expect(app.slack.calls.filter(isRoot)).toEqual([]);
    expect(await app.app.monitoring!.monitor.openIncidents()).toEqual([]);
  });

  it('low headroom that persists for the threshold opens one alert, and resolves once it is back', async () => {
    const started = await start();
    const { app } = started;
    for (let round = 1; round <= 2; round += 1) {
      await burstBeforeNextRound(started);
      await app.round();
      expect(await streak(app)).toBe(round);
    }
    expect(app.slack.calls.filter(isRoot)).toEqual([]);
    await burstBeforeNextRound(started);
    await app.round();
    const roots = app.slack.calls.filter(isRoot);
    expect(roots).toHaveLength(1);
    expect(String(roots[0]!.body.text)).toMatch(/Rate-limit headroom on the free endpoints is below 10%/);
    expect((await app.app.monitoring!.monitor.openIncidents()).map((i) => i.key)).toEqual(['headroom:free']);
    await app.rounds(2);
    expect(await app.app.monitoring!.monitor.openIncidents()).toEqual([]);
    expect(app.slack.calls.filter(isRoot)).toHaveLength(1);
  });
});
