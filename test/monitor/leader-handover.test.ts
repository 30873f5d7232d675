import { Redis } from 'ioredis';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { createLeaderLease } from '../../src/store/redis-leader.js';
import { replicaStore } from '../../src/store/redis-replica-store.js';
import { openRedisStore } from '../../src/store/redis-store.js';
import { createManualClock } from '../fakes/manual-clock.js';
import { startRedisServer } from '../support/redis-server.js';
import { createHarness } from './monitor-harness.js';
import { createRecordingSink } from './recording-sink.js';
import { fail, failure, ok, report } from './report-fixture.js';

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the monitor hand-over tests are skipped');
const connections: Redis[] = [];
afterAll(async () => {
  connections.forEach((c) => c.disconnect());
  await server?.stop();
});

const down = report([ok('auth'), fail('generation', failure('server_error', 500))]);

/**
 * Two replicas' monitors, in one process, on one Redis: a shared store, one lease, one "Slack" (the recording sink)
 * and one manual clock for the monitors. Leases are ticked by hand; a replica dies by no longer ticking.
 */
describe.skipIf(!server)('monitor hand-over between replicas', () => {
  const clock = createManualClock();
  const rec = createRecordingSink();
  const replica = (prefix: string, ttlMs: number) => {
    const redis = new Redis(server!.url);
    connections.push(redis);
    const lease = createLeaderLease({ redis, key: `${prefix}leader`, ttlMs, onChange: () => undefined });
    const harness = createHarness({ store: replicaStore(openRedisStore({ redis, prefix }), lease), clock, rec });
    /** Rounds while leading: the lease is renewed before each, as its timer would. */
    const leadRounds = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        expect(await lease.tick()).toBe(true);
        await harness.runRounds(1);
      }
    };
    return { lease, leadRounds, ...harness };
  };
  /**
   * Every connection ready before the first tick: a tick gives Redis ttl/3 of real time to answer, and a fresh client's
   * connecting was spent from it (on a loaded machine the first acquisition then failed).
   */
  const connected = () => Promise.all(connections.map((c) => (c.status === 'ready' ? undefined : once(c, 'ready'))));
  const lapsed = async (key: string) => {
    while ((await connections[0]!.exists(key)) === 1) await new Promise((r) => setTimeout(r, 20));
  };

  it('posts one alert, continues its thread on the new leader, and fences the old one', async () => {
    // Redis expires the lease by its own, real, clock: 2 s is soon waited out, and it is renewed before every round.
    // Not shorter: a tick waits ttl/3 of real time for Redis's answer, and a round between renewals takes real time,
    // both of which a loaded machine stretches.
    const a = replica('handover:', 2000);
    const b = replica('handover:', 2000);
    await connected();
    expect(await a.lease.tick()).toBe(true);
    expect(await b.lease.tick()).toBe(false);
    a.set(down);
    b.set(down);
    await a.leadRounds(3);
    expect(rec.methods()).toEqual(['postRoot']);
    // Re-check on the follower: it probes and reports but neither stores the round nor sends anything.
    const before = (await a.store.probeHistory(0)).length;
    await b.monitor.runOnce();
    expect((await a.store.probeHistory(0)).length).toBe(before);

    // A dies: it stops renewing. B leads once the lease lapses and carries on the same incident.
    await lapsed(a.lease.key);
    expect(await b.lease.tick()).toBe(true);
    expect((await b.monitor.openIncidents()).map((i) => i.key)).toEqual(['api']);
    await b.leadRounds(2);
    expect(rec.methods()).toEqual(['postRoot']);

    // A was only paused and still believes it leads: its round is refused whole (no probes, no incidents, no note).
    await expect(a.monitor.runOnce()).rejects.toMatchObject({ code: 'ELEASELOST' });
    b.set(report());
    await b.leadRounds(2);
    expect(rec.methods()).toEqual(['postRoot', 'reply:resolved', 'updateRoot']);
    expect(rec.calls[1]!.ref).toEqual(rec.calls[0]!.ref);
    expect(new Set(rec.calls.map((c) => c.key)).size).toBe(rec.calls.length);
    await Promise.all([a.monitor.stop(), b.monitor.stop(), b.lease.stop()]);
  });

  it('lets a follower acknowledge; the leader keeps it and sends the note', async () => {
    const a = replica('ack:', 60_000);
    const b = replica('ack:', 60_000);
    await connected();
    expect(await a.lease.tick()).toBe(true);
    a.set(down);
    await a.runRounds(3);
    const sent = rec.calls.length;
    expect(await b.monitor.acknowledge('api', 'U1')).toMatchObject({ acknowledgedBy: 'U1' });
    expect(rec.calls.length).toBe(sent); // the follower sends nothing itself
    await a.runRounds(1);
    expect(rec.methods().slice(sent)).toEqual(['reply:acknowledged', 'updateRoot']);
    expect((await a.monitor.openIncidents())[0]).toMatchObject({ acknowledgedBy: 'U1' });
    await Promise.all([a.monitor.stop(), b.monitor.stop(), a.lease.stop()]);
  });
});
