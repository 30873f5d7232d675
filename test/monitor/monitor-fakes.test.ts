import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/run-checks.js';
import { fetchStatusPage } from '../../src/checks/fetch-status-page.js';
import { createClaudeApi, type GuardedClaudeApi } from '../../src/claude/create-claude-api.js';
import { createMonitor, type Monitor } from '../../src/monitor/create-monitor.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi, type FaultRule } from '../fakes/fake-claude-api.js';
import { incidentSummary, operationalSummary, startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { createManualClock } from '../fakes/manual-clock.js';
import { createRecordingSink } from './recording-sink.js';

/**
 * The monitor end to end against the fakes (real SDK and guarded client against the fake Claude API, the real status
 * page reader against the fake status page) with a recording sink and a manual clock: rounds are stepped, not waited.
 */
const MODEL = 'claude-haiku-4-5';
const OTHER = 'claude-sonnet-4-5';
const overloaded = (endpoint: FaultRule['endpoint']): FaultRule[] => [{ fault: { kind: 'status', status: 529 }, endpoint }];

let open: { fake: FakeClaudeApi; page: FakeStatusPage; claude: GuardedClaudeApi; monitor: Monitor } | undefined;
afterEach(async () => {
  await open?.monitor.stop();
  await open?.claude.close();
  await open?.fake.close();
  await open?.page.close();
  open = undefined;
});

async function start(options: { generationIntervalSeconds?: number; intervalSeconds?: number } = {}) {
  const clock = createManualClock();
  const fake = await startFakeClaudeApi({ now: clock.now });
  const page = await startFakeStatusPage(operationalSummary());
  const claude = createClaudeApi({
    apiKey: TEST_API_KEY, baseURL: fake.url, limits: { rpm: 6000, maxConcurrent: 4 },
    // A breaker that stays closed: this test is about the policy, not the guard.
    breaker: { timeoutMs: 5000, errorPercent: 100, resetMs: 60_000, volumeThreshold: 10_000 },
    logger: pino({ level: 'silent' }), clock, sleep: clock.sleep, random: () => 0.5,
  });
  const rec = createRecordingSink();
  const store = openSqliteStore({ path: ':memory:' });
  const monitor = createMonitor({
    runRound: ({ generation }) => runChecks({
      claude, apiKey: TEST_API_KEY, models: [MODEL, OTHER], model: MODEL, clock, generation, priority: 'background',
      statusPage: () => fetchStatusPage({ fetch, urls: [page.url] }),
    }),
    generationIntervalSeconds: options.generationIntervalSeconds ?? 0,
    sink: rec.sink, store, clock, logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    intervalSeconds: options.intervalSeconds ?? 60, failureThreshold: 3, recoveryThreshold: 2, outbox: { paceMs: 0 },
  });
  open = { fake, page, claude, monitor };
  const stepMs = (options.intervalSeconds ?? 60) * 1000;
  const round = async () => {
    const outcome = await monitor.runOnce();
    clock.advance(stepMs);
    return outcome;
  };
  const roots = () => rec.calls.filter((c) => c.method === 'postRoot');
  return { fake, page, rec, clock, monitor, round, roots };
}

describe('monitor against the fakes: one alert per outage', () => {
  it('an outage that trips a different probe each round opens one root, listing the probes', async () => {
    const h = await start();
    h.fake.setFaults(overloaded('models'));
    await h.round();
    h.fake.setFaults(overloaded('count_tokens'));
    await h.round();
    h.fake.setFaults(overloaded('any'));
    await h.round();
    await h.round();
    expect(h.roots()).toHaveLength(1);
    const root = h.roots()[0]!;
    expect(root.method === 'postRoot' && root.root).toMatchObject({ severity: 'critical', title: 'API overloaded (529) on every probe' });
    expect(root.method === 'postRoot' && root.root.incidents.map((i) => [i.key, i.probes])).toEqual([['api', ['key check', MODEL, OTHER]]]);
    expect(h.rec.methods()).toEqual(['postRoot']);
  });

  it("the same outage with Anthropic's incident: one root, acknowledged by Anthropic, then its update", async () => {
    const h = await start();
    h.fake.setFaults(overloaded('any'));
    for (let i = 0; i < 3; i += 1) await h.round();
    // The status page lags our detection: it says so a round later, then posts an update.
    const summary = incidentSummary('Elevated errors on Claude API') as { incidents: { incident_updates: unknown[] }[] };
    h.page.setSummary(summary);
    await h.round();
    await h.round();
    summary.incidents[0]!.incident_updates.unshift({ id: 'u2', status: 'identified', body: 'The cause has been identified; a fix is rolling out.', created_at: '2026-11-26T17:05:00.000Z' });
    h.page.setSummary(summary);
    await h.round();
    await h.round();
    expect(h.roots()).toHaveLength(1);
    expect(h.rec.methods()).toEqual(['postRoot', 'reply:anthropic_acknowledged', 'updateRoot', 'reply:anthropic_updated', 'updateRoot']);
    const [, acked, , updated, last] = h.rec.calls;
    expect(acked?.method === 'reply' && acked.note.text).toMatch(/^Acknowledged by Anthropic: Elevated errors on Claude API \(investigating\) — We are investigating/);
    expect(updated?.method === 'reply' && updated.note.text).toContain('(identified) — The cause has been identified; a fix is rolling out. https://stspg.io/abc123');
    expect(last?.method === 'updateRoot' && last.root.anthropic).toMatchObject({ name: 'Elevated errors on Claude API', url: 'https://stspg.io/abc123', update: { id: 'u2' } });
  });

  it('credit runs out with a 5 s paid-probe interval: the alert comes within one interval', async () => {
    const h = await start({ generationIntervalSeconds: 5, intervalSeconds: 1 });
    await h.round();
    h.fake.addKey(TEST_API_KEY, { organizationId: 'org-test-0001', billing: 'credit_balance_too_low' });
    const exhaustedAt = h.clock.now();
    while (h.roots().length === 0 && h.clock.now() - exhaustedAt <= 10_000) await h.round();
    expect(h.clock.now() - exhaustedAt).toBeLessThanOrEqual(5_000 + 1_000);
    const root = h.roots()[0]!;
    expect(root.method === 'postRoot' && root.root).toMatchObject({ severity: 'critical', title: 'Credit balance too low: Messages fail', incidents: [{ key: 'billing' }] });
    // Between paid probes the last paid result stands: the verdict stays down, no flip back to operational.
    const between = await h.round();
    const generation = between.report.checks.find((c) => c.id === 'generation');
    expect(generation?.carriedFrom).toBeDefined();
    expect(between.report.verdict).toBe('down');
    expect(h.rec.methods()).toEqual(['postRoot']);
  });

  it('a per-model 403 alone is its own alert naming that model, not the healthy ones', async () => {
    const h = await start();
    h.fake.addKey(TEST_API_KEY, { organizationId: 'org-test-0001', forbiddenModels: [OTHER] });
    for (let i = 0; i < 4; i += 1) await h.round();
    expect(h.roots()).toHaveLength(1);
    const root = h.roots()[0]!;
    expect(root.method === 'postRoot' && root.root.incidents.map((i) => i.key)).toEqual([`model:${OTHER}`]);
    expect(root.method === 'postRoot' && root.root.title).toContain(OTHER);
    expect(JSON.stringify(root.method === 'postRoot' && root.root)).not.toContain(MODEL);
  });

  it('a paid probe failing alone is confirmed within a minute, not after the 15-minute interval', async () => {
    const h = await start({ generationIntervalSeconds: 900, intervalSeconds: 30 });
    await h.round();
    h.fake.setFaults([{ fault: { kind: 'status', status: 500 }, endpoint: 'messages' }]);
    const failedAt = h.clock.now();
    while (h.roots().length === 0 && h.clock.now() - failedAt < 1_200_000) await h.round();
    // The first failing paid probe waits for its interval; its confirmations (threshold 3) follow a minute apart.
    expect(h.clock.now() - failedAt).toBeLessThanOrEqual(900_000 + 2 * 60_000 + 30_000);
    expect(h.roots()).toHaveLength(1);
  });
});
