import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../ports/clock.js';
import { silentLogger, type MonitorLogger } from '../monitor/monitor-logger.js';
import { realTimers, type Timers } from '../monitor/scheduler.js';

/** Extends the lease only while it is still ours: a replica that lost it (expired, taken) must not steal it back. */
const EXTEND_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes the lease only while it is still ours. */
const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface LeaderLeaseDeps {
  redis: Redis;
  /** The lock's key, shared by every replica. */
  key: string;
  /** How long a lease lives without renewal: the longest a dead leader holds the monitor (about 1.5 × the interval). */
  ttlMs: number;
  /** Told on every change, leader or not; it starts and stops the monitor. */
  onChange(isLeader: boolean): void;
  /** Campaign and renewal period (default ttlMs / 3, so two renewals can fail before the lease lapses). */
  renewEveryMs?: number;
  /** Local time, for stepping down when Redis cannot be reached before the lease would lapse. */
  clock?: Clock;
  /**
   * The renewal timer and the wait for Redis's answer (real ones by default). Redis expires the lease on its own,
   * real, clock whatever these say: tests that let a lease lapse give it a short `ttlMs`.
   */
  timers?: Timers;
  logger?: MonitorLogger;
}

export interface LeaderLease {
  /** Campaigns now and every renewEveryMs: acquire when free, renew while held. */
  start(): void;
  /** Stops campaigning and releases the lease if held, so another replica takes over at its next attempt. */
  stop(): Promise<void>;
  /** One campaign step (what the timer runs); resolves with whether this replica leads afterwards. */
  tick(): Promise<boolean>;
  isLeader(): boolean;
  /** This replica's token while it leads (fences the store's commits), else undefined. */
  token(): string | undefined;
  readonly key: string;
}

/** Resolves with the command's answer, or undefined when it failed or took longer than `ms` (Redis away). */
async function within<T>(work: Promise<T>, ms: number, timers: Timers): Promise<T | undefined> {
  let timer: unknown;
  const late = new Promise<undefined>((resolve) => { timer = timers.setTimeout(() => resolve(undefined), ms); });
  try {
    return await Promise.race([work.catch(() => undefined), late]);
  } finally {
    timers.clearTimeout(timer);
  }
}

/**
 * Leader election on one Redis key: `SET key token NX PX ttl` to acquire, compare-and-extend to renew, compare-and-
 * delete to release. A leader that cannot renew steps down before its lease could lapse, so two replicas never
 * both believe they lead for longer than a command's flight; the store's fenced commit covers that gap.
 */
export function createLeaderLease(deps: LeaderLeaseDeps): LeaderLease {
  const { redis, key, ttlMs } = deps;
  const clock = deps.clock ?? systemClock;
  const timers = deps.timers ?? realTimers;
  const log = deps.logger ?? silentLogger;
  const renewEveryMs = deps.renewEveryMs ?? Math.max(50, Math.floor(ttlMs / 3));
  const token = `${randomUUID()}`;
  let leader = false;
  let validUntil = 0;
  let started = false;
  let timer: unknown;
  let running: Promise<boolean> | undefined;

  const become = (next: boolean, why: string): void => {
    if (next === leader) return;
    leader = next;
    if (next) log.info({ key, ttlMs }, `monitor lease acquired: this replica runs the monitor (${why})`);
    else if (why === 'stopping') log.info({ key }, 'monitor lease released: another replica takes the monitor over');
    else log.warn({ key }, `monitor lease lost: the monitor pauses on this replica (${why})`);
    try {
      deps.onChange(next);
    } catch (error) {
      log.error({ err: error }, 'monitor lease change handler failed');
    }
  };

  async function step(): Promise<boolean> {
    const sentAt = clock.now();
    if (leader) {
      const extended = await within(redis.eval(EXTEND_LUA, 1, key, token, String(ttlMs)) as Promise<number>, renewEveryMs, timers);
      if (extended === 1) validUntil = sentAt + ttlMs;
      else if (extended === 0) become(false, 'another replica holds it, or it lapsed');
      // Redis away: keep leading only while the lease surely still holds at the next attempt.
      else if (clock.now() + renewEveryMs >= validUntil) become(false, 'Redis unreachable');
    } else {
      const set = await within(redis.set(key, token, 'PX', ttlMs, 'NX'), renewEveryMs, timers);
      if (set === 'OK') {
        validUntil = sentAt + ttlMs;
        become(true, 'the lease was free');
      }
    }
    return leader;
  }

  function tick(): Promise<boolean> {
    running ??= step().finally(() => { running = undefined; });
    return running;
  }

  const arm = (): void => {
    timer = timers.setTimeout(() => tick().then(() => undefined).finally(() => { if (started) arm(); }), renewEveryMs);
  };

  return {
    key,
    start() {
      if (started) return;
      started = true;
      void tick().finally(() => { if (started) arm(); });
    },
    async stop() {
      started = false;
      timers.clearTimeout(timer);
      await running;
      if (!leader) return;
      await within(redis.eval(RELEASE_LUA, 1, key, token), renewEveryMs, timers);
      become(false, 'stopping');
    },
    tick,
    isLeader: () => leader,
    token: () => (leader ? token : undefined),
  };
}
