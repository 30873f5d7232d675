/**
 * bench/monitor: a simulated week of failure traces replayed through the monitor (alerts per incident, missed, false,
 * rounds to alert, Slack calls per incident) beside the per-probe monitor of commit c4ab102; the incident policy's rounds/s over many checks, outbox throughput through SQLite, the memory of
 * 10,000 history rows, and a soak — a day of one-second rounds under an accelerated clock (or as many as fit in
 * BENCH_MONITOR_SECONDS, default 60) — reporting heap growth and store size. Each figure has its baseline beside it.
 * Run alone: `npx tsx bench/monitor.ts` (add `node --expose-gc` via NODE_OPTIONS for steadier heap figures).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckResult, StatusReport } from '../src/checks/check-result.js';
import { createMonitor } from '../src/monitor/create-monitor.js';
import { decideIncidents } from '../src/monitor/decide-incidents.js';
import { defaultPolicy, emptyPolicyState } from '../src/monitor/incident.js';
import { silentLogger } from '../src/monitor/monitor-logger.js';
import { createOutbox } from '../src/monitor/outbox.js';
import type { AlertSink } from '../src/monitor/alert-sink.js';
import { openSqliteStore, sqliteStorePath } from '../src/store/sqlite-store.js';
import { createManualClock } from '../test/fakes/manual-clock.js';
import { baselineSource, buildWeek, createBenchSlack, replayClockStart, reportOf, ROUND_MS, score, type ReplayFigures } from './support/monitor-replay.js';

const T0 = Date.parse('2026-11-26T00:00:00Z');
const print = (line: string) => process.stdout.write(`${line}\n`);
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1048576;
};
const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en');

function fakeReport(models: number, failing: boolean): StatusReport {
  const checks: CheckResult[] = Array.from({ length: models }, (_, i) => (failing && i % 3 === 0
    ? { id: 'model', subject: `m${i}`, status: 'fail', summary: 'down', detail: [], failure: { category: 'server_error', status: 500, message: 'boom' } }
    : { id: 'model', subject: `m${i}`, status: 'ok', summary: 'ok', detail: [], latencyMs: 120 }));
  const lane = { queued: 0, running: 0, done: 0, dropped: 0, configuredRpm: 50, effectiveRpm: 50 };
  return {
    verdict: 'operational', blame: 'none', headline: '', checkedAt: '', durationMs: 1, key: { masked: 'x' }, models: [],
    checks: [{ id: 'auth', status: 'ok', summary: 'ok', detail: [], latencyMs: 80 }, ...checks],
    rateLimits: { messages: { requests: { limit: 50, remaining: 40 } } },
    statusPage: { reachable: true, source: 'b', indicator: 'none', description: '', incidents: [] },
    resilience: { limiter: { lanes: { messages: lane, free: lane }, rateLimited: 0 }, breaker: { state: 'closed', failures: 0, successes: 0, timeouts: 0, rejections: 0, errorPercent: 0 } },
  };
}

const noopSink: AlertSink = {
  postRoot: async () => ({ ok: true, value: { channel: 'C', ts: '1.0' } }),
  updateRoot: async () => ({ ok: true, value: undefined }),
  reply: async () => ({ ok: true, value: { channel: 'C', ts: '1.1' } }),
};

function benchPolicy(): void {
  const policy = defaultPolicy(3, 2);
  const reports = [fakeReport(50, false), fakeReport(50, true)];
  const rounds = 20_000;
  let state = emptyPolicyState();
  let start = performance.now();
  for (let i = 0; i < rounds; i += 1) state = decideIncidents(state, reports[Math.floor(i / 7) % 2]!, policy, T0 + i * 1000).state;
  const policyMs = performance.now() - start;
  start = performance.now();
  for (let i = 0; i < rounds; i += 1) state = structuredClone(state);
  const cloneMs = performance.now() - start;
  print(`policy: ${perSecond(rounds, policyMs)} rounds/s over 51 checks + signals; baseline structuredClone of the state ${perSecond(rounds, cloneMs)}/s (ratio ${(policyMs / cloneMs).toFixed(2)})`);
}

async function benchOutbox(): Promise<void> {
  const store = openSqliteStore({ path: ':memory:' });
  const n = 5000;
  const deliveries = Array.from({ length: n }, (_, i) => ({ idempotencyKey: `k${i}`, alertId: `a${i % 100}`,
    payload: { kind: 'reply' as const, note: { alertId: `a${i % 100}`, incidentKey: 'x', kind: 'still_failing' as const, text: 'still', at: '' } } }));
  await store.commit({ deliveries }, T0);
  for (let i = 0; i < 100; i += 1) await store.markDelivered(-1, T0, { alertId: `a${i}`, ref: { channel: 'C', ts: `${i}.0` } });
  const outbox = createOutbox({ store, sink: noopSink, clock: createManualClock(T0), paceMs: 0 });
  let start = performance.now();
  let sent = 0;
  while (sent < n) sent += (await outbox.drain()).delivered;
  const outboxMs = performance.now() - start;
  start = performance.now();
  for (const d of deliveries) await noopSink.reply({ channel: 'C', ts: '1' }, d.payload.note, d.idempotencyKey);
  const directMs = performance.now() - start;
  print(`outbox: ${perSecond(n, outboxMs)} deliveries/s through SQLite (store, send, mark); baseline direct sink calls ${perSecond(n, directMs)}/s`);
  await store.close();
}

async function benchHistoryMemory(): Promise<void> {
  const store = openSqliteStore({ path: ':memory:' });
  const probes = Array.from({ length: 10_000 }, (_, i) => ({ key: `model:m${i % 5}`, atMs: T0 + i * 1000, status: 'ok' as const, latencyMs: 100 + (i % 50) }));
  await store.commit({ probes }, T0 + 10_000_000);
  const before = heapMb();
  const rows = await store.probeHistory(0);
  const after = heapMb();
  const baseline = probes.map((p) => ({ ...p }));
  const afterBaseline = heapMb();
  print(`history: ${rows.length.toLocaleString('en')} rows read = ${(after - before).toFixed(2)} MB heap; baseline the same rows as plain objects ${(afterBaseline - after).toFixed(2)} MB (${baseline.length} kept)`);
  await store.close();
}

async function soak(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-monitor-'));
  const path = sqliteStorePath(dir);
  const store = openSqliteStore({ path });
  const budgetMs = Number(process.env.BENCH_MONITOR_SECONDS ?? 60) * 1000;
  const clock = createManualClock(T0);
  let round = 0;
  const healthy = fakeReport(3, false);
  const failing = fakeReport(3, true);
  // An outage of 2 minutes every hour: incidents open, remind, resolve all day long.
  const monitor = createMonitor({
    runRound: async () => (round % 3600 < 120 ? failing : healthy), sink: noopSink, store, clock,
    logger: silentLogger, intervalSeconds: 1, failureThreshold: 3, recoveryThreshold: 2, outbox: { paceMs: 0 },
  });
  const start = performance.now();
  const heap0 = heapMb();
  let heapMid = heap0;
  for (; round < 86_400 && performance.now() - start < budgetMs; round += 1) {
    await monitor.runOnce();
    clock.advance(1000);
    if (round === 10_000) heapMid = heapMb();
  }
  const ms = performance.now() - start;
  const heap1 = heapMb();
  const rows = (await store.probeHistory(0)).length;
  await store.close();
  const sizeMb = ['', '-wal'].reduce((s, ext) => s + (statSync(path + ext, { throwIfNoEntry: false })?.size ?? 0), 0) / 1048576;
  print(`soak: ${round.toLocaleString('en')} one-second rounds (${(round / 3600).toFixed(1)} h simulated) in ${(ms / 1000).toFixed(1)} s = ${perSecond(round, ms)} rounds/s`);
  print(`soak: heap ${heap0.toFixed(1)} MB at start, ${heapMid.toFixed(1)} MB at round 10,000, ${heap1.toFixed(1)} MB at the end; store ${sizeMb.toFixed(1)} MB with ${rows.toLocaleString('en')} probe rows (cap 200,000)`);
  rmSync(dir, { recursive: true, force: true });
}

/** The paid probe's interval in the replay: the default MONITOR_GENERATION_INTERVAL_SECONDS. */
const REPLAY_GENERATION_SECONDS = 900;

/** Replays the week through one monitor (`current`: this checkout; `baseline`: c4ab102, per-probe incidents). */
async function replayWeek(which: 'current' | 'baseline'): Promise<ReplayFigures> {
  const week = buildWeek();
  const root = which === 'current' ? '..' : baselineSource(join(import.meta.dirname, '..'));
  const base = which === 'current' ? new URL('../src/', import.meta.url).href : pathToFileURL(`${root}/src/`).href;
  const { createMonitor: create } = (await import(`${base}monitor/create-monitor.ts`)) as typeof import('../src/monitor/create-monitor.js');
  const { openSqliteStore: open } = (await import(`${base}store/sqlite-store.ts`)) as typeof import('../src/store/sqlite-store.js');
  const store = open({ path: ':memory:' });
  const slack = createBenchSlack();
  const clock = createManualClock(replayClockStart);
  slack.setClock(clock.now);
  let i = 0;
  let lastPaidMs = Number.NEGATIVE_INFINITY;
  const monitor = create({
    // The baseline's start-monitor ran the paid probe every interval, whatever it had found.
    runRound: async (options?: { generation: boolean }) => {
      let generation = options?.generation;
      if (generation === undefined) {
        generation = clock.now() - lastPaidMs >= REPLAY_GENERATION_SECONDS * 1000;
        if (generation) lastPaidMs = clock.now();
      }
      return reportOf(week.rounds[i]!, i, generation, which === 'current' ? 'new' : 'old');
    },
    generationIntervalSeconds: REPLAY_GENERATION_SECONDS,
    sink: slack.sink as never, store, clock, logger: silentLogger, intervalSeconds: 60,
    failureThreshold: 3, recoveryThreshold: 2, outbox: { paceMs: 0 }, deliveryWaitMs: 1_000,
  } as never);
  for (; i < week.rounds.length; i += 1) {
    await monitor.runOnce();
    clock.advance(ROUND_MS);
  }
  await monitor.stop();
  await store.close();
  return score(week.incidents, slack.roots, slack.calls());
}

async function benchReplay(): Promise<void> {
  const week = buildWeek();
  print(`replay: one simulated week (${week.rounds.length.toLocaleString('en')} one-minute rounds, ${week.incidents.length} incidents: 5 outages starting on different probes with the status page minutes late or first, 2 credit exhaustions, a model 403, an Anthropic-only incident; ${week.blips} single-round blips; Slack 5% 429s and 3% slow answers)`);
  const start = performance.now();
  const current = await replayWeek('current');
  const ms = performance.now() - start;
  const baseline = await replayWeek('baseline');
  const row = (name: string, f: ReplayFigures) => print(`replay ${name}: ${f.alertsPerIncident.toFixed(2)} alerts per incident, ${f.missed} missed, ${f.falseAlerts} false alerts, median ${f.medianRoundsToAlert} rounds from failure to alert (worst ${f.worstRoundsToAlert}), ${f.slackCallsPerIncident.toFixed(1)} Slack calls per incident`);
  row('by cause (this checkout)', current);
  row('baseline per probe (c4ab102)', baseline);
  print(`replay: ${(ms / 1000).toFixed(1)} s for the week through the current monitor (policy, planRound, outbox, in-memory SQLite)`);
}

/** Every monitor figure, each beside its baseline. */
export async function benchMonitor(): Promise<void> {
  await benchReplay();
  benchPolicy();
  await benchOutbox();
  await benchHistoryMemory();
  await soak();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchMonitor();
