import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../src/ports/clock.js';
import { createLeaderLease } from '../../src/store/redis-leader.js';
import { createManualClock } from '../fakes/manual-clock.js';
import { startRedisServer } from '../support/redis-server.js';

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the leader lease tests are skipped');
const connections: Redis[] = [];
/** Commands fail at once while disconnected (no offline queue), as a dead Redis looks to a replica. */
const connect = async () => {
  const c = new Redis(server!.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true });
  connections.push(c);
  await c.connect();
  return c;
};
afterAll(async () => {
  connections.forEach((c) => c.disconnect());
  await server?.stop();
});

let n = 0;
/** A replica's lease on its own connection, recording what it was told; ticks are driven by hand. */
async function replica(key: string, ttlMs: number, clock: Clock = systemClock) {
  const changes: boolean[] = [];
  const redis = await connect();
  const lease = createLeaderLease({ redis, key, ttlMs, clock, onChange: (leader) => changes.push(leader) });
  return { lease, changes, redis };
}

/** Waits until Redis itself has expired the key (its clock, not ours): what a dead leader leaves behind. */
async function lapsed(key: string): Promise<void> {
  const admin = await connect();
  while ((await admin.exists(key)) === 1) await new Promise((r) => setTimeout(r, 20));
}

describe.skipIf(!server)('createLeaderLease on a real Redis', () => {
  it('elects one leader, keeps it while it renews, and hands over once it stops renewing', async () => {
    const key = `lease${(n += 1)}`;
    // Redis expires the lease by its own, real, clock: a short lease keeps the wait for the lapse short. Not shorter:
    // a tick waits ttl/3 of real time for Redis's answer (100 ms at a 300 ms lease, which a stalled thread on a
    // loaded machine overran: the acquisition then failed), and a renewal must come before the lease lapses.
    const a = await replica(key, 1500);
    const b = await replica(key, 1500);
    expect(await a.lease.tick()).toBe(true);
    expect(await b.lease.tick()).toBe(false);
    // Renewed every 100 ms for longer than the lease lives: it holds because it is renewed.
    for (let i = 0; i < 17; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      expect(await a.lease.tick()).toBe(true);
      expect(await b.lease.tick()).toBe(false);
    }
    // A dies: it stops renewing. B takes over once the lease lapses in Redis, and only then.
    await lapsed(key);
    expect(await b.lease.tick()).toBe(true);
    expect(b.lease.token()).toBe(await b.redis.get(key));
    // A comes back (a long pause, not a crash): its renewal is refused, it steps down and does not steal the lease.
    expect(await a.lease.tick()).toBe(false);
    expect(a.changes).toEqual([true, false]);
    expect(b.changes).toEqual([true]);
    expect(a.lease.token()).toBeUndefined();
  });

  it('releases the lease on stop so another replica takes it at its next attempt', async () => {
    const key = `lease${(n += 1)}`;
    const a = await replica(key, 60_000);
    const b = await replica(key, 60_000);
    a.lease.start();
    await expect.poll(() => a.lease.isLeader(), { timeout: 10_000 }).toBe(true); // vitest's default 1 s is tight under load
    await a.lease.stop();
    expect(a.changes).toEqual([true, false]);
    expect(await b.lease.tick()).toBe(true);
    await b.lease.stop();
  });

  it('steps down by its own clock when Redis cannot be reached before the lease would lapse', async () => {
    const key = `lease${(n += 1)}`;
    const clock = createManualClock();
    const a = await replica(key, 3000, clock);
    expect(await a.lease.tick()).toBe(true);
    a.redis.disconnect();
    clock.advance(1000);
    expect(await a.lease.tick()).toBe(true); // one failed renewal: the lease still holds 2 s more
    clock.advance(1500);
    expect(await a.lease.tick()).toBe(false);
    expect(a.changes).toEqual([true, false]);
  });
});
