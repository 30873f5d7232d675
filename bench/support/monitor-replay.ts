/**
 * A simulated week of realistic failure traces for bench/monitor, replayed through a real monitor (policy, planRound,
 * outbox, in-memory SQLite store) and an in-memory Slack that answers 429s and slow (posted, but timed out) answers.
 * Ground truth is the list of incidents the trace injects; noise (single-round blips) must not alert.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, StatusReport } from '../../src/checks/check-result.js';

export const ROUND_MS = 60_000;
const WEEK_ROUNDS = 7 * 24 * 60;
const T0 = Date.parse('2026-11-23T00:00:00Z');
const MODELS = ['claude-haiku-4-5', 'claude-sonnet-4-5'];
const PROBES = ['auth', `model:${MODELS[0]}`, `model:${MODELS[1]}`, 'generation'] as const;
type Probe = (typeof PROBES)[number];

/** A failure as the trace means it; each policy gets it in its own dialect. */
interface FailureSpec { category: string; kind?: string; oldKind: string; status: number; type: string; message: string }
const OVERLOADED: FailureSpec = { category: 'overloaded', oldKind: 'overloaded', status: 529, type: 'overloaded_error', message: 'Overloaded' };
const SERVER: FailureSpec = { category: 'server_error', oldKind: 'server', status: 500, type: 'api_error', message: 'Internal server error' };
const TIMEOUT: FailureSpec = { category: 'timeout', kind: 'gateway_timeout', oldKind: 'timeout', status: 504, type: 'timeout_error', message: 'Gateway timeout' };
const CREDIT: FailureSpec = { category: 'billing', kind: 'credit_balance', oldKind: 'billing', status: 400, type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API.' };
const FORBIDDEN: FailureSpec = { category: 'permission', oldKind: 'permission', status: 403, type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' };

export interface TruthIncident { name: string; start: number; end: number; /** Rounds after `end` in which an alert still belongs to it. */ tail: number }

/** What fails in one round: per probe, and Anthropic's status page. */
interface RoundTruth { fails: Partial<Record<Probe, FailureSpec>>; page?: { name: string; updateId: string; body: string } }

/** Deterministic pseudo-random numbers (mulberry32), so both policies see the same week. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The week: outages starting on different probes (the status page lagging minutes behind), billing, a model 403, noise. */
export function buildWeek(seed = 11) {
  const rnd = prng(seed);
  const rounds: RoundTruth[] = Array.from({ length: WEEK_ROUNDS }, () => ({ fails: {} }));
  const incidents: TruthIncident[] = [];
  const busy = new Set<number>();
  const place = (length: number): number => {
    for (;;) {
      const start = 60 + Math.floor(rnd() * (WEEK_ROUNDS - length - 200));
      let free = true;
      for (let r = start - 40; r < start + length + 40; r += 1) if (busy.has(r)) free = false;
      if (!free) continue;
      for (let r = start - 40; r < start + length + 40; r += 1) busy.add(r);
      return start;
    }
  };
  const outage = (name: string, spec: FailureSpec, length: number, pageLag: number | undefined, hitRate: number) => {
    const start = place(length);
    // The first probe to see it differs per outage; the others follow over the next rounds.
    const order = [...PROBES].sort(() => rnd() - 0.5);
    for (let i = 0; i < length; i += 1) {
      const r = rounds[start + i]!;
      order.forEach((p, k) => { if (i >= k && rnd() < hitRate) r.fails[p] = spec; });
      if (pageLag !== undefined && i >= pageLag) {
        r.page = { name: `Elevated errors: ${name}`, updateId: i >= pageLag + 15 ? 'u2' : 'u1', body: i >= pageLag + 15 ? 'A fix is rolling out.' : 'We are investigating.' };
      }
    }
    // The status page clears a few minutes after the API is back.
    if (pageLag !== undefined) for (let i = length; i < length + 4; i += 1) rounds[start + i]!.page = rounds[start + length - 1]!.page;
    incidents.push({ name, start, end: start + length, tail: 8 });
  };
  outage('529 outage A', OVERLOADED, 35, 4, 0.9);
  outage('529 outage B', OVERLOADED, 18, 9, 0.85);
  outage('5xx outage', SERVER, 25, undefined, 0.8);
  outage('529 outage C (page first)', OVERLOADED, 40, 0, 0.9);
  outage('gateway timeouts', TIMEOUT, 20, 6, 0.75);
  for (const [name, length] of [['credit exhausted', 180], ['credit exhausted again', 90]] as const) {
    const start = place(length);
    for (let i = 0; i < length; i += 1) rounds[start + i]!.fails.generation = CREDIT;
    // The paid probe runs every 15 rounds: an alert up to then plus its confirmation still belongs to it.
    incidents.push({ name, start, end: start + length, tail: 20 });
  }
  {
    const start = place(60);
    for (let i = 0; i < 60; i += 1) rounds[start + i]!.fails[`model:${MODELS[1]}`] = FORBIDDEN;
    incidents.push({ name: 'model 403', start, end: start + 60, tail: 8 });
  }
  {
    const start = place(30);
    for (let i = 0; i < 30; i += 1) rounds[start + i]!.page = { name: 'Elevated errors on Claude API', updateId: 'u1', body: 'Investigating.' };
    incidents.push({ name: 'Anthropic incident only', start, end: start + 30, tail: 4 });
  }
  // Noise: single-round blips on one probe, never two within ten rounds: not an incident, must not alert.
  let blips = 0;
  for (let r = 100; r < WEEK_ROUNDS - 100 && blips < 60; r += 40 + Math.floor(rnd() * 80)) {
    if (busy.has(r)) continue;
    rounds[r]!.fails[PROBES[Math.floor(rnd() * 3)]!] = rnd() < 0.5 ? SERVER : OVERLOADED;
    blips += 1;
  }
  return { rounds, incidents, blips };
}

/** The report of round `i` in a policy's dialect (`old`: the failure kinds before issue 11). */
export function reportOf(truth: RoundTruth, i: number, generation: boolean, dialect: 'new' | 'old'): StatusReport {
  const failureOf = (s: FailureSpec) => (dialect === 'new'
    ? { category: s.category, ...(s.kind ? { kind: s.kind } : {}), status: s.status, type: s.type, message: s.message, requestId: `req_${i}` }
    : { kind: s.oldKind, status: s.status, type: s.type, message: s.message, requestId: `req_${i}` });
  const check = (id: CheckResult['id'], probe: Probe, subject?: string): CheckResult => {
    const f = truth.fails[probe];
    return f
      ? { id, ...(subject ? { subject } : {}), status: 'fail', summary: `${subject ?? id} failed: ${f.message}`, detail: [], failure: failureOf(f) as never }
      : { id, ...(subject ? { subject } : {}), status: 'ok', summary: `${subject ?? id} ok`, detail: [], latencyMs: 120 };
  };
  const gen = generation ? check('generation', 'generation', MODELS[0]) : { id: 'generation' as const, subject: MODELS[0], status: 'skip' as const, summary: 'Not run', detail: [] };
  const lane = { queued: 0, running: 0, done: 0, dropped: 0, configuredRpm: 50, effectiveRpm: 50 };
  const page = truth.page;
  return {
    verdict: 'operational', blame: 'none', headline: '', checkedAt: new Date(T0 + i * ROUND_MS).toISOString(), durationMs: 1,
    key: { masked: 'sk-ant-…AA' }, models: MODELS,
    checks: [
      { id: 'key_format', status: 'ok', summary: 'ok', detail: [] }, check('auth', 'auth'),
      check('model', `model:${MODELS[0]}`, MODELS[0]), check('model', `model:${MODELS[1]}`, MODELS[1]), gen,
    ],
    rateLimits: {},
    statusPage: {
      reachable: true, source: 'bench', indicator: page ? 'major' : 'none', description: '',
      incidents: page ? [{ id: 'inc1', name: page.name, status: 'investigating', impact: 'major', url: 'https://stspg.io/x', affectsApi: true,
        latestUpdate: { id: page.updateId, status: 'investigating', body: page.body } }] : [],
    },
    resilience: { limiter: { lanes: { messages: lane, free: lane }, rateLimited: 0 }, breaker: { state: 'closed', failures: 0, successes: 0, timeouts: 0, rejections: 0, errorPercent: 0 } },
  };
}

/** Slack in memory: every call counted; some answered 429, some posted but answered too late (a timeout). */
export function createBenchSlack(seed = 7) {
  const rnd = prng(seed);
  const roots: { key: string; atMs: number }[] = [];
  const byKey = new Map<string, { channel: string; ts: string }>();
  let calls = 0;
  let seq = 0;
  let now = () => 0;
  const weather = (): { ok: false; error: string; retryAfterSeconds?: number } | 'slow' | undefined => {
    const x = rnd();
    if (x < 0.05) return { ok: false, error: 'ratelimited', retryAfterSeconds: 1 + Math.floor(rnd() * 30) };
    if (x < 0.08) return 'slow';
    return undefined;
  };
  const sink = {
    async postRoot(_root: unknown, key: string) {
      calls += 1;
      const w = weather();
      if (w && w !== 'slow') return w;
      const ref = { channel: 'C', ts: `${(seq += 1)}.0001` };
      roots.push({ key, atMs: now() });
      byKey.set(key, ref);
      // Slack took it, but the answer came after our timeout: the caller sees a failure.
      return w === 'slow' ? { ok: false as const, error: 'timed out after 5000 ms' } : { ok: true as const, value: ref };
    },
    async updateRoot() { calls += 1; const w = weather(); return w && w !== 'slow' ? w : { ok: true as const, value: undefined }; },
    async reply() { calls += 1; const w = weather(); return w && w !== 'slow' ? w : { ok: true as const, value: { channel: 'C', ts: `${(seq += 1)}.0002` } }; },
    async findRoot(key: string) { calls += 1; return { ok: true as const, value: byKey.get(key) }; },
  };
  return { sink, roots, calls: () => calls, setClock: (fn: () => number) => { now = fn; } };
}

/** Figures of one replay. */
export interface ReplayFigures { alertsPerIncident: number; missed: number; falseAlerts: number; medianRoundsToAlert: number; worstRoundsToAlert: number; slackCallsPerIncident: number }

/** Scores the roots posted against the truth: each root belongs to the incident whose window holds it, else it is false. */
export function score(incidents: TruthIncident[], roots: { atMs: number }[], slackCalls: number): ReplayFigures {
  const counts = incidents.map(() => 0);
  const delays: number[] = [];
  let falseAlerts = 0;
  for (const root of roots) {
    const r = Math.round((root.atMs - T0) / ROUND_MS);
    const i = incidents.findIndex((x) => r >= x.start && r <= x.end + x.tail);
    if (i < 0) { falseAlerts += 1; continue; }
    if (counts[i] === 0) delays.push(r - incidents[i]!.start + 1);
    counts[i]! += 1;
  }
  delays.sort((a, b) => a - b);
  const detected = counts.filter((c) => c > 0);
  return {
    alertsPerIncident: detected.length ? detected.reduce((a, b) => a + b, 0) / detected.length : 0,
    missed: counts.filter((c) => c === 0).length,
    falseAlerts,
    medianRoundsToAlert: delays.length ? delays[Math.floor((delays.length - 1) / 2)]! : NaN,
    worstRoundsToAlert: delays.length ? delays[delays.length - 1]! : NaN,
    slackCallsPerIncident: slackCalls / incidents.length,
  };
}

export const replayClockStart = T0;

/**
 * The monitor as it was before issue 11 (commit c4ab102), unpacked into /tmp with `git archive` (no worktree, no
 * change to the repository) and sharing this checkout's node_modules, so both run in this one process.
 */
export function baselineSource(repo: string, commit = 'c4ab102'): string {
  const dir = `/tmp/claude-status-baseline-${commit}`;
  if (!existsSync(join(dir, 'src/monitor/create-monitor.ts'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git -C "${repo}" archive ${commit} src | tar -x -C "${dir}"`]);
  }
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
