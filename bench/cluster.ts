/**
 * bench/cluster (issue 8 item 5): three replicas of the guarded Claude client, one API key, against the fake API's
 * continuously refilled bucket (burst = one second's worth). Once with one limit shared through Redis (bottleneck's
 * clustering mode), once with three separate limiters each configured with the key's full limit — what three
 * replicas without Redis do. Figures: completion time over the theoretical minimum (calls / rate) and wire 429s.
 * Target: shared within 1.1× of the minimum with 0 wire 429s; the separate limiters hit many.
 * Needs `redis-server` on the PATH (a throwaway one is started on loopback); skipped otherwise.
 */
import pino from 'pino';
import { pathToFileURL } from 'node:url';
import { createClaudeApi, type GuardedClaudeApi } from '../src/claude/create-claude-api.js';
import { type FakeClaudeApi, startFakeClaudeApi, TEST_API_KEY } from '../test/fakes/fake-claude-api.js';
import { startRedisServer } from '../test/support/redis-server.js';

const REPLICAS = 3;
const CALLS_PER_REPLICA = 200;
const RPM = 6_000; // 100 a second: the run stays near 6 s per scenario
const LATENCY_MS = 100; // answers take time, so what the headers say is already stale when it arrives
const REQUEST = { model: 'claude-haiku-4-5', maxTokens: 16, messages: [{ role: 'user' as const, content: 'hello' }] };

const out = (text: string) => process.stdout.write(text);
const f2 = (n: number) => n.toFixed(2);
const row = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => String(c).padEnd(widths[i] ?? 12)).join('') + '\n';

function replica(fake: FakeClaudeApi, redisUrl: string | undefined): GuardedClaudeApi {
  return createClaudeApi({
    apiKey: TEST_API_KEY,
    baseURL: fake.url,
    limits: { rpm: RPM, maxConcurrent: 32, maxQueue: 5_000 },
    breaker: { timeoutMs: 10_000, errorPercent: 50, volumeThreshold: 1_000, resetMs: 30_000 },
    logger: pino({ level: 'silent' }),
    ...(redisUrl ? { redisUrl } : {}),
  });
}

async function scenario(fake: FakeClaudeApi, name: string, redisUrl: string | undefined) {
  fake.reset();
  const apis = Array.from({ length: REPLICAS }, () => replica(fake, redisUrl));
  // Connect and warm each replica (one call each) so the figures measure pacing, not start-up.
  await Promise.all(apis.map((api) => api.countTokens(REQUEST.model)));
  fake.reset();
  const started = performance.now();
  const outcomes = (await Promise.all(apis.map((api) => Promise.all(
    Array.from({ length: CALLS_PER_REPLICA }, () => api.createMessage(REQUEST)),
  )))).flat();
  const elapsedMs = performance.now() - started;
  await Promise.all(apis.map((api) => api.close()));
  const calls = REPLICAS * CALLS_PER_REPLICA;
  const theoryMs = (calls / RPM) * 60_000;
  return { name, elapsedMs, ratio: elapsedMs / theoryMs, wire429: fake.stats().rateLimited, errors: outcomes.filter((o) => !o.ok).length };
}

/** Shared limit through Redis beside three separate limiters; prints one table. */
export async function benchCluster(): Promise<void> {
  const redis = await startRedisServer();
  if (!redis) {
    out('skipped: redis-server not installed\n');
    return;
  }
  const fake = await startFakeClaudeApi({ limits: { rpm: RPM }, latencyMs: LATENCY_MS });
  try {
    const calls = REPLICAS * CALLS_PER_REPLICA;
    out(`\n${REPLICAS} replicas × ${CALLS_PER_REPLICA} calls at once, one key limited to ${RPM} RPM, each replica configured with ${RPM} RPM; theoretical minimum ${f2((calls / RPM) * 60)} s\n`);
    const widths = [36, 9, 8, 16, 8];
    out(row(['limiters', 'time s', '× min', 'wire 429s', 'errors'], widths));
    for (const [name, url] of [['one limit shared through Redis', redis.url], ['three separate limiters', undefined]] as const) {
      const r = await scenario(fake, name, url);
      out(row([r.name, f2(r.elapsedMs / 1000), f2(r.ratio), `${r.wire429} (${((r.wire429 / calls) * 100).toFixed(1)}%)`, r.errors], widths));
    }
    // Below 1× is possible: the fake's bucket starts full (one second's worth), and separate limiters spend it at once.
    out('(the shared limit paces evenly from the first call; separate limiters spend the starting burst, then earn 429s)\n');
  } finally {
    await fake.close();
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchCluster();
