import type { Redis } from 'ioredis';
import type { Monitor } from '../monitor/create-monitor.js';
import type { MonitorLogger } from '../monitor/monitor-logger.js';
import type { Store } from '../monitor/store.js';
import { createLeaderLease } from './redis-leader.js';
import { replicaStore } from './redis-replica-store.js';
import { openRedisStore } from './redis-store.js';

/** Prefix of this app's keys in Redis (the limiter's keys have their own). */
export const REDIS_PREFIX = 'claude-status:';

export interface Replicas {
  /** The shared store, as this replica's monitor must use it (rounds and the outbox only while leading). */
  store: Store;
  /** Campaigns for the monitor lease: the monitor runs on this replica only while it holds it. */
  start(monitor: Pick<Monitor, 'start' | 'stop'>): void;
  /** Stops campaigning and the monitor, and releases the lease so another replica takes over at once. */
  release(): Promise<void>;
  /** Whether this replica holds the monitor lease now (its rounds are the ones stored). */
  isLeader(): boolean;
}

/**
 * Several replicas on one Redis (REDIS_URL): one shared store, and one monitor among them through a leader lease of
 * 1.5 intervals renewed every half interval, so a dead leader's monitor moves to another replica within two
 * intervals. When Redis is away the leader steps down (the monitor pauses and the log says so) while Slack keeps
 * being answered. `redis` is the process's shared client (the rate limiter uses it too): its owner closes it.
 */
export function openReplicas(deps: { redis: Redis; intervalSeconds: number; logger: MonitorLogger }): Replicas {
  const { logger, redis } = deps;
  let monitor: Pick<Monitor, 'start' | 'stop'> | undefined;
  // Lease changes start and stop the monitor in turn: a stop still waiting for its round is not overtaken by a start.
  let turn: Promise<void> = Promise.resolve();
  const lease = createLeaderLease({
    // The lease lives in Redis's real time and is renewed on real timers: it judges its own validity on the real clock
    // too, never the app's (a manual clock stepped by tests made a slow renewal look like a lapsed lease: 'Redis unreachable').
    redis, key: `${REDIS_PREFIX}monitor-leader`, ttlMs: Math.round(deps.intervalSeconds * 1500), logger,
    onChange: (leader) => {
      turn = turn.then(async () => (leader ? monitor?.start() : monitor?.stop())).catch((err: unknown) => logger.error({ err }, 'monitor start/stop failed'));
    },
  });
  const store = replicaStore(openRedisStore({ redis, prefix: REDIS_PREFIX }), lease);
  return {
    store,
    start(m) {
      monitor = m;
      lease.start();
    },
    async release() {
      await lease.stop();
      await turn;
      await monitor?.stop();
    },
    isLeader: () => lease.isLeader(),
  };
}
