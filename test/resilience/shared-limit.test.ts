import { Redis } from 'ioredis';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createClaudeApi, type GuardedClaudeApi } from '../../src/claude/create-claude-api.js';
import { openRedis, type SharedRedis } from '../../src/start-up/open-redis.js';
import { hello } from '../claude/claude-api-harness.js';
import { type FakeClaudeApi, startFakeClaudeApi, TEST_API_KEY } from '../fakes/fake-claude-api.js';
import { startRedisServer } from '../support/redis-server.js';

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the shared rate limit tests are skipped');
afterAll(() => server?.stop());

// 50 a second with a burst of 50 at the fake: three replicas each bursting their own budget would earn 429s.
const RPM = 3_000;
let fake: FakeClaudeApi;
let replicas: GuardedClaudeApi[] = [];
let connections: SharedRedis[] = [];
let admin: Redis | undefined;
afterEach(async () => {
  await Promise.all(replicas.map((api) => api.close()));
  await Promise.all(connections.map((redis) => redis.close()));
  replicas = [];
  connections = [];
  admin?.disconnect();
  admin = undefined;
  await fake?.close();
});

/** One replica of the app's Claude client; `redis: false` for a replica with its own limiter only. */
function replica(redis = true, lines: string[] = [], rpm = RPM, maxConcurrent = 8) {
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
  const api = createClaudeApi({
    apiKey: TEST_API_KEY,
    baseURL: fake.url,
    limits: { rpm, maxConcurrent },
    breaker: { timeoutMs: 5_000, errorPercent: 50, resetMs: 60_000, volumeThreshold: 1_000 },
    logger: pino({ level: 'info' }, stream),
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, // a 429 must show, not be retried away
    ...(redis ? { redis: redisAt(server!.url) } : {}),
  });
  replicas.push(api);
  return api;
}

/** A replica's Redis client and bottleneck's connection over it, as the composition root opens them. */
function redisAt(url: string): SharedRedis {
  const redis = openRedis(url, pino({ level: 'silent' }));
  connections.push(redis);
  return redis;
}

const calls = (api: GuardedClaudeApi, n: number) => Promise.all(Array.from({ length: n }, () => api.createMessage(hello)));

describe.skipIf(!server)('one rate limit shared by the replicas through Redis', () => {
  it('three replicas together never exceed the shared limit; three separate limiters do', async () => {
    // A burst of 10 at the fake, not a second's worth (50): the shared pace (one call per 20 ms across the cluster)
    // never lets 10 bunch up.
    fake = await startFakeClaudeApi({ limits: { rpm: RPM, burst: 10 } });
    const shared = [replica(), replica(), replica()];
    const outcomes = (await Promise.all(shared.map((api) => calls(api, 30)))).flat();
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(fake.stats().rateLimited).toBe(0);

    // The control, at a key's limit of 10 a second: three separate limiters each paced at it overrun it together. At
    // 50 a second it would need a machine that gets more than 50 requests a second to the fake (which answers one at
    // a time); at a load of 10 on two cores this one managed 27, and the replicas, following the headers, stayed under.
    await fake.close();
    fake = await startFakeClaudeApi({ limits: { rpm: 600, burst: 5 } });
    const separate = [replica(false, [], 600, 16), replica(false, [], 600, 16), replica(false, [], 600, 16)];
    await Promise.all(separate.map((api) => calls(api, 15)));
    expect(fake.stats().rateLimited).toBeGreaterThan(0);
  }, 20_000);

  it('a 429 seen by one replica pauses the others too', async () => {
    fake = await startFakeClaudeApi({ limits: { rpm: RPM } });
    const [a, b, c] = [replica(), replica(), replica()];
    await Promise.all([a, b, c].map((api) => api.createMessage(hello))); // all connected and warm
    fake.setFaults([{ fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, endpoint: 'messages', times: 1 }]);
    expect(await a!.createMessage(hello)).toMatchObject({ ok: false, failure: { category: 'rate_limit' } });
    const limited = fake.requests.find((r) => r.status === 429)!;
    const later = await Promise.all([b!, c!].map((api) => api.createMessage(hello)));
    expect(later.every((o) => o.ok)).toBe(true);
    const after = fake.requests.filter((r) => r.at > limited.at);
    expect(after).toHaveLength(2);
    after.forEach((r) => expect(r.at).toBeGreaterThanOrEqual(limited.at + 1000));
  }, 20_000);

  it("paces every replica at the API's limit once one replica has read it in the headers", async () => {
    fake = await startFakeClaudeApi({ limits: { rpm: 600 } }); // the key's real limit, a tenth of what was configured
    const [a] = [replica(), replica()];
    expect((await a!.createMessage(hello)).ok).toBe(true);
    admin = new Redis(server!.url);
    const [settings] = await admin.keys('b_*:messages_settings');
    await expect.poll(() => admin!.hget(settings!, 'minTime'), { timeout: 5_000 }).toBe('100'); // 60 000 ms / 600
  }, 20_000);

  it('a replica started with another CLAUDE_RPM puts its pace in force at its first call', async () => {
    fake = await startFakeClaudeApi();
    expect((await replica().createMessage(hello)).ok).toBe(true);
    admin = new Redis(server!.url);
    const [settings] = await admin.keys('b_*:messages_settings');
    expect(await admin.hget(settings!, 'minTime')).toBe('20'); // 60 000 ms / 3 000
    expect((await replica(true, [], 600).createMessage(hello)).ok).toBe(true);
    await expect.poll(() => admin!.hget(settings!, 'minTime'), { timeout: 5_000 }).toBe('100');
  }, 20_000);

  it('answers on its own budget while Redis is unreachable', async () => {
    fake = await startFakeClaudeApi();
    const stream = new Writable({ write(_chunk, _enc, cb) { cb(); } });
    const api = createClaudeApi({
      apiKey: TEST_API_KEY, baseURL: fake.url, limits: { rpm: RPM, maxConcurrent: 4 },
      breaker: { timeoutMs: 5_000, errorPercent: 50, resetMs: 60_000 }, logger: pino(stream),
      redis: redisAt('redis://127.0.0.1:1'), // nothing listens there
    });
    replicas.push(api);
    expect((await calls(api, 3)).every((o) => o.ok)).toBe(true);
  }, 20_000);

  it('finishes a burst on its own budget when Redis dies in the middle of it', async () => {
    const doomed = (await startRedisServer())!;
    fake = await startFakeClaudeApi();
    const stream = new Writable({ write(_chunk, _enc, cb) { cb(); } });
    const make = () => createClaudeApi({
      apiKey: TEST_API_KEY, baseURL: fake.url, limits: { rpm: 600, maxConcurrent: 2 },
      breaker: { timeoutMs: 5_000, errorPercent: 50, resetMs: 60_000 }, logger: pino(stream), redis: redisAt(doomed.url),
    });
    const pair = [make(), make()];
    replicas.push(...pair);
    await Promise.all(pair.map((api) => api.createMessage(hello)));
    // 10 a second, two slots for the pair: one replica's calls wait in the shared queue for a slot when Redis goes.
    const burst = Promise.all(pair.map((api) => calls(api, 6)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await doomed.stop();
    expect((await burst).flat().filter((o) => !o.ok)).toEqual([]);
  }, 20_000);

  it('keeps working after its Redis state is deleted and the scripts flushed (bottleneck 2.19.5 on Redis 7 would not)', async () => {
    fake = await startFakeClaudeApi();
    const lines: string[] = [];
    const api = replica(true, lines);
    expect((await api.createMessage(hello)).ok).toBe(true);
    admin = new Redis(server!.url);
    const settings = await admin.keys('b_*_settings');
    expect(settings.length).toBeGreaterThan(0);
    // Ids carry a hash of the key, never the key.
    expect((await admin.keys('*')).some((key) => key.includes(TEST_API_KEY))).toBe(false);
    await admin.del(...settings);
    await admin.script('FLUSH');
    const outcomes = await calls(api, 5);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(await admin.exists(...settings)).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes('shared limiter state was lost'))).toBe(true);
    expect(lines.some((line) => line.includes('Redis fault'))).toBe(false); // it was recovered, not bypassed
  }, 20_000);
});
