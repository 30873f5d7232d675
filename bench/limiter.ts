/**
 * bench/limiter (issue 3 item 4): the guarded Claude client against the fake API's continuously refilled token bucket
 * (burst = one second's worth), beside two baselines — the SDK alone with its default retries, and a fixed-interval
 * queue (one call every 60/RPM s). Scenarios: (a) a burst at the limit the bot knows; (b) the same burst when the bot
 * was told a limit ten times the real one (a shared key); (c) an outage of 529s in the middle of steady load.
 * Targets: (a)/(b) ≤ 1.05× calls/rate with 0 errors, wire 429s 0 in (a) and ≤ 1% in (b); added latency ≤ 1 ms at p50
 * beyond bottleneck's own cost; (c) open within 1 s, < 20 upstream calls while open, fail fast < 1 ms, closed within
 * the reset time plus one call. Scaled to a high RPM so the whole run stays near a minute.
 */
import Anthropic from '@anthropic-ai/sdk';
import Bottleneck from 'bottleneck';
import { pathToFileURL } from 'node:url';
import { type FakeClaudeApi, startFakeClaudeApi, TEST_API_KEY } from '../test/fakes/fake-claude-api.js';
import { fixedInterval, guarded, REQUEST, sdkAlone, type Strategy, withPeakHeap } from './support/limiter-strategies.js';
import { percentile } from './support/stats.js';

const CALLS = 1_000;
const REAL_RPM = 6_000;
const LOAD_RPS = 40;
const OUTAGE = { startMs: 1_500, lengthMs: 3_000, totalMs: 6_000 };
const BREAKER = { resetMs: 1_000, rollingWindowMs: 1_000 };

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
const row = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => String(c).padEnd(widths[i] ?? 12)).join('') + '\n';
const out = (text: string) => process.stdout.write(text);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const messageRequests = (fake: FakeClaudeApi, from = 0, to = Number.POSITIVE_INFINITY) =>
  fake.requests.filter((r) => r.path === '/v1/messages' && r.at >= from && r.at < to).length;

async function burst(fake: FakeClaudeApi, strategy: Strategy) {
  fake.reset();
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const { peakMb } = await withPeakHeap(() => Promise.all(Array.from({ length: CALLS }, async () => {
    const t = performance.now();
    const result = await strategy.call();
    latencies.push(performance.now() - t);
    if (!result.ok) errors++;
  })));
  const elapsedMs = performance.now() - started;
  const theoryMs = (CALLS / REAL_RPM) * 60_000;
  await strategy.close();
  return { name: strategy.name, elapsedMs, ratio: elapsedMs / theoryMs, wire429: fake.stats().rateLimited, errors, p50: percentile(latencies, 50), p99: percentile(latencies, 99), peakMb };
}

async function burstScenario(fake: FakeClaudeApi, title: string, toldRpm: number) {
  out(`\n(${title}) ${CALLS} calls at once; real limit ${REAL_RPM} RPM, bot told ${toldRpm} RPM; theoretical minimum ${f1((CALLS / REAL_RPM) * 60)} s\n`);
  const widths = [28, 9, 8, 15, 8, 13, 13, 9];
  out(row(['strategy', 'time s', '× min', 'wire 429s', 'errors', 'call p50 ms', 'call p99 ms', 'heap MB'], widths));
  for (const make of [() => guarded(fake.url, toldRpm), () => fixedInterval(fake.url, toldRpm), () => sdkAlone(fake.url)]) {
    const r = await burst(fake, make());
    out(row([r.name, f2(r.elapsedMs / 1000), f2(r.ratio), `${r.wire429} (${f1((r.wire429 / CALLS) * 100)}%)`, r.errors, f1(r.p50), f1(r.p99), f1(r.peakMb)], widths));
  }
}

async function outage(fake: FakeClaudeApi, strategy: Strategy) {
  fake.reset();
  const transitions: { state: string; at: number }[] = [];
  strategy.api?.onEvent((e) => {
    if (e.type === 'breaker') transitions.push({ state: e.state, at: Date.now() });
  });
  const failFast: number[] = [];
  let errors = 0;
  const calls: Promise<void>[] = [];
  const t0 = Date.now();
  let outageAt = 0;
  let recoveredAt = 0;
  const total = Math.round((OUTAGE.totalMs / 1000) * LOAD_RPS);
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / LOAD_RPS;
    await sleep(Math.max(0, due - Date.now())); // steady load, drift-free
    if (!outageAt && Date.now() - t0 >= OUTAGE.startMs) {
      fake.setFaults([{ fault: { kind: 'status', status: 529 }, endpoint: 'messages' }]);
      outageAt = Date.now();
    }
    if (outageAt && !recoveredAt && Date.now() - outageAt >= OUTAGE.lengthMs) {
      fake.clearFaults();
      recoveredAt = Date.now();
    }
    calls.push((async () => {
      const t = performance.now();
      const result = await strategy.call();
      // Fail-fast latency: calls refused on their first attempt (not those that retried before the breaker opened).
      if (result.kind === 'circuit_open' && result.attempts === 1) failFast.push(performance.now() - t);
      if (!result.ok) errors++;
    })());
  }
  await Promise.all(calls);
  await strategy.close();
  const opened = transitions.find((t) => t.state === 'open' && t.at >= outageAt);
  const closed = transitions.find((t) => t.state === 'closed' && t.at >= recoveredAt);
  return {
    name: strategy.name,
    toOpenMs: opened ? opened.at - outageAt : Number.NaN,
    duringOutage: messageRequests(fake, outageAt, recoveredAt),
    whileOpen: opened ? messageRequests(fake, opened.at, closed?.at) : Number.NaN,
    failFastP50: percentile(failFast, 50),
    failFastP99: percentile(failFast, 99),
    toClosedMs: closed ? closed.at - recoveredAt : Number.NaN,
    errors,
    total,
  };
}

async function outageScenario(fake: FakeClaudeApi) {
  out(`\n(c) steady ${LOAD_RPS} calls/s for ${OUTAGE.totalMs / 1000} s, 529s from ${OUTAGE.startMs / 1000} s for ${OUTAGE.lengthMs / 1000} s; breaker reset ${BREAKER.resetMs} ms, window ${BREAKER.rollingWindowMs} ms\n`);
  const widths = [28, 12, 20, 12, 20, 17, 10];
  out(row(['strategy', 'to open ms', 'upstream in outage', 'while open', 'fail-fast p50/p99', 'recovery→closed', 'errors'], widths));
  for (const make of [() => guarded(fake.url, REAL_RPM, BREAKER), () => fixedInterval(fake.url, REAL_RPM), () => sdkAlone(fake.url)]) {
    const r = await outage(fake, make());
    out(row([r.name, f1(r.toOpenMs), r.duringOutage, Number.isNaN(r.whileOpen) ? 'n/a' : r.whileOpen,
      `${f2(r.failFastP50)}/${f2(r.failFastP99)} ms`, `${f1(r.toClosedMs)} ms`, `${r.errors}/${r.total}`], widths));
  }
}

/**
 * Sequential calls, no queueing: what the guard adds to a direct SDK call, and what a bare bottleneck job (same
 * settings as a lane's) costs. Interleaved round by round so that load on a shared machine touches all three alike.
 */
async function addedLatency() {
  const fake = await startFakeClaudeApi(); // unlimited: only the client's own cost is measured
  const rounds = 500;
  const bare = new Bottleneck({ maxConcurrent: 32, highWater: 5_000, strategy: Bottleneck.strategy.OVERFLOW_PRIORITY });
  const direct = new Anthropic({ apiKey: TEST_API_KEY, baseURL: fake.url, maxRetries: 0, logLevel: 'off' });
  const ours = guarded(fake.url, 600_000);
  const bareMs: number[] = [];
  const directMs: number[] = [];
  const guardedMs: number[] = [];
  const time = async (into: number[], work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    into.push(performance.now() - t);
  };
  for (let i = 0; i < rounds; i++) {
    await time(bareMs, () => bare.schedule({ priority: 2 }, () => Promise.resolve()));
    await time(directMs, () => direct.messages.create(REQUEST));
    await time(guardedMs, () => ours.call());
  }
  await ours.close();
  await fake.close();
  const p = (values: number[], q: number) => percentile(values, q);
  const [d50, d99, g50, g99, b50, b99] = [p(directMs, 50), p(directMs, 99), p(guardedMs, 50), p(guardedMs, 99), p(bareMs, 50), p(bareMs, 99)];
  out(`\nadded latency per call (${rounds} sequential rounds, no queueing)\n`);
  out(`  direct SDK call         p50 ${f2(d50)} ms   p99 ${f2(d99)} ms\n`);
  out(`  guarded call            p50 ${f2(g50)} ms   p99 ${f2(g99)} ms\n`);
  out(`  added by the guard      p50 ${f2(g50 - d50)} ms   p99 ${f2(g99 - d99)} ms\n`);
  out(`  bare bottleneck job     p50 ${f2(b50)} ms   p99 ${f2(b99)} ms\n`);
  out(`  guard beyond bottleneck p50 ${f2(g50 - d50 - b50)} ms (target ≤ 1 ms)\n`);
}

/** Runs the three scenarios and the latency comparison against one fake API; prints tables. */
export async function benchLimiter(): Promise<void> {
  const fake = await startFakeClaudeApi({ limits: { rpm: REAL_RPM } });
  try {
    await burstScenario(fake, 'a', REAL_RPM);
    await burstScenario(fake, 'b', REAL_RPM * 10);
    await outageScenario(fake);
  } finally {
    await fake.close();
  }
  await addedLatency();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchLimiter();
