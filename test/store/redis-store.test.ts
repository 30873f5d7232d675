import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openRedisStore } from '../../src/store/redis-store.js';
import { startRedisServer } from '../support/redis-server.js';
import { T0, describeStoreContract, incident, reply } from './store-contract.js';

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the Redis store tests are skipped');
const redis = server ? new Redis(server.url) : undefined;
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

let n = 0;
/** A fresh, empty store: its own key prefix on the one test server. */
const fresh = (bounds = {}) => openRedisStore({ redis: redis!, prefix: `t${(n += 1)}:`, ...bounds });

describe.skipIf(!server)('openRedisStore', () => {
  describeStoreContract('Redis', fresh);

  it('keeps an acknowledgement and a snooze that a round which read the incident before them writes over', async () => {
    const store = fresh();
    const at = new Date(T0).toISOString();
    const stale = incident();
    await store.commit({ incidents: [stale] }, T0);
    // Another replica's button, between the leader's read and its commit.
    await store.commit({ incidents: [{ ...stale, acknowledgedBy: 'U1', acknowledgedAt: at, mutedBy: 'U1', mutedUntilMs: T0 + 3_600_000 }] }, T0);
    await store.commit({ incidents: [{ ...stale, failures: 4 }] }, T0 + 1000);
    expect(await store.incident('generation')).toMatchObject({ failures: 4, acknowledgedBy: 'U1', mutedUntilMs: T0 + 3_600_000 });
    // Recovery ends the snooze (the next incident must alert); who acknowledged stays.
    await store.commit({ incidents: [{ ...stale, status: 'resolved' }] }, T0 + 2000);
    expect(await store.incident('generation')).toMatchObject({ status: 'resolved', acknowledgedBy: 'U1' });
    expect((await store.incident('generation'))?.mutedUntilMs).toBeUndefined();
  });

  it('enqueues a key once when replicas commit it at the same moment, and writes nothing past a lost fence', async () => {
    const prefix = `race${(n += 1)}:`;
    const connections = [0, 1, 2].map(() => redis!.duplicate());
    const replicas = connections.map((c) => openRedisStore({ redis: c, prefix }));
    await Promise.all(replicas.map((s) => s.commit({ incidents: [incident()], deliveries: [reply('root'), reply('note')] }, T0)));
    expect((await replicas[0]!.pendingDeliveries(10)).map((d) => d.idempotencyKey)).toEqual(['root', 'note']);
    await redis!.set(`${prefix}leader`, 'tokenA');
    expect(await replicas[1]!.commitFenced({ deliveries: [reply('late')] }, T0, { key: `${prefix}leader`, token: 'tokenB' })).toBe(false);
    expect(await replicas[1]!.commitFenced({ deliveries: [reply('now')] }, T0, { key: `${prefix}leader`, token: 'tokenA' })).toBe(true);
    expect((await replicas[2]!.pendingDeliveries(10)).map((d) => d.idempotencyKey)).toEqual(['root', 'note', 'now']);
    connections.forEach((c) => c.disconnect());
  });

  it('recovers from a flushed script cache', async () => {
    const store = fresh();
    await store.commit({ deliveries: [reply('a')] }, T0);
    await redis!.script('FLUSH');
    await store.commit({ deliveries: [reply('b')] }, T0);
    const [a] = await store.pendingDeliveries(10);
    await store.markDelivered(a!.id, T0);
    expect((await store.pendingDeliveries(10)).map((d) => d.idempotencyKey)).toEqual(['b']);
  });
});
