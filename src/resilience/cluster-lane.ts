import type Bottleneck from 'bottleneck';
import type { Redis } from 'ioredis';
import type { Lane, RateLimitHeaders } from '../ports/claude-api.js';
import type { Clock } from '../ports/clock.js';
import { DeadlineError } from './guard-errors.js';
import type { LaneBudget } from './lane-budget.js';
import { createRedisBottleneck, limiterSettingsKey, type SharedLaneEvent } from './redis-bottleneck.js';
import { createSharedView } from './shared-view.js';

export interface ClusterLaneOptions {
  lane: Lane;
  redis: Redis;
  connection: Bottleneck.IORedisConnection;
  /** Prefix of the lane's bottleneck id and Redis keys, the same on every replica of one API key. */
  scope: string;
  /** This replica (a random id). */
  writer: string;
  maxConcurrent: number;
  budget: LaneBudget;
  clock: Clock;
  /** Added to a call's remaining deadline for its job's expiration: covers the attempt's own timeout. */
  jobMarginMs: number;
  onEvent?: (event: SharedLaneEvent) => void;
}

const ABANDONED: unique symbol = Symbol('abandoned');

/** Whether this replica can reach Redis now; when not, the lane runs on its local budget alone (degraded). */
const isRedisReady = (redis: Redis): boolean => redis.status === 'ready';

/** Ready, or making its first connection: a call then waits for it rather than skip the shared budget at start-up. */
const USABLE_STATUS = new Set(['ready', 'wait', 'connecting', 'connect']);

/**
 * A lane shared by every replica: bottleneck's Redis clustering holds the cluster-wide concurrency and pace; a Redis
 * hash carries the API's latest headers and the pause after a 429, applied to the local budget right before a send.
 */
export function createClusterLane(options: ClusterLaneOptions) {
  const { budget, clock, redis } = options;
  const key = `${options.scope}:${options.lane}`;
  let knownPause = 0;
  /** What Redis enforces, as last read or written; undefined until the first read. */
  let inForce: { minTime?: number; maxConcurrent?: number } | undefined;
  const shared = createRedisBottleneck({
    id: key, connection: options.connection, maxConcurrent: options.maxConcurrent, rpm: budget.ceilingRpm(),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const view = createSharedView({ redis, key: `${key}:view`, writer: options.writer, limiterKey: limiterSettingsKey(key) });
  const fault = (error: unknown) => options.onEvent?.({ type: 'error', error: error instanceof Error ? error : new Error(String(error)) });

  /**
   * Keeps the cluster's pace at min(configured, the API's limit): after headers changed it, or when Redis holds what
   * another replica wrote (an older CLAUDE_RPM, or a write that raced ours). Compared with what Redis holds, not with
   * what we wrote last, so any replica's next call repairs a lost race.
   */
  function followCeiling(): void {
    if (!inForce) return; // not read yet: the first sync decides
    const wanted = shared.wanted(budget.ceilingRpm());
    if (inForce.minTime === wanted.minTime && inForce.maxConcurrent === wanted.maxConcurrent) return;
    inForce = wanted;
    shared.setRpm(budget.ceilingRpm()).catch(fault);
  }

  /** Applies what other replicas saw; true when a pause this replica did not know of holds now. */
  async function sync(uncounted: number): Promise<boolean> {
    const update = await view.read().catch((error: unknown) => { fault(error); return undefined; });
    if (!update) return false;
    inForce = update.limiter;
    if (update.headers) budget.observe(update.headers, uncounted);
    followCeiling();
    if (update.pausedUntil <= knownPause) return false;
    knownPause = update.pausedUntil;
    if (update.pausedUntil <= clock.now()) return false;
    budget.pause(update.pausedUntil);
    return true;
  }

  return {
    /** Whether calls take the shared path now; when not, they go on this replica's budget alone. */
    usable: (): boolean => USABLE_STATUS.has(redis.status),
    /**
     * Runs `send` once the cluster's budget and this replica's budget allow it. `acquire` waits for the local budget
     * (it rejects with `DeadlineError`); it runs again when the shared view shows a pause that began meanwhile.
     */
    async run<T>(deadlineAt: number, acquire: () => Promise<void>, send: () => Promise<T>, uncounted: () => number): Promise<T> {
      let started = false;
      let expired = false;
      const running = shared.run(async () => {
        if (expired) throw new DeadlineError(0); // its caller has gone: give the slot back unused
        started = true;
        do await acquire();
        while (await sync(uncounted()));
        return send();
      }, Math.max(0, deadlineAt - clock.now()) + options.jobMarginMs);
      // Jobs stuck in a limiter whose Redis went away would wait for ever: when the connection drops they go out on
      // this replica's budget instead, and the call's deadline bounds the wait in any case.
      let timer: NodeJS.Timeout | undefined;
      let onDown: (() => void) | undefined;
      let why: 'deadline' | 'redis-down' | undefined;
      const abandoned = new Promise<typeof ABANDONED>((resolve) => {
        const abandon = (reason: NonNullable<typeof why>) => {
          if (started || expired) return;
          expired = true;
          why = reason;
          resolve(ABANDONED);
        };
        timer = setTimeout(() => abandon('deadline'), Math.max(0, deadlineAt - clock.now()));
        onDown = () => abandon('redis-down');
        redis.once('close', onDown);
      });
      running.catch(() => undefined); // when it was abandoned
      try {
        const first = await Promise.race([running, abandoned]);
        if (first !== ABANDONED) return first;
        if (why === 'deadline') throw new DeadlineError(0);
      } catch (error) {
        if (started || expired) throw error;
        fault(error); // Redis failed us before the call went anywhere
      } finally {
        clearTimeout(timer);
        if (onDown) redis.off('close', onDown);
      }
      await acquire(); // this replica's budget alone rather than no answer
      return send();
    },
    /** Our answer's headers for everyone; the shared pace follows the API's limit. */
    observed(headers: RateLimitHeaders | undefined): void {
      if (!headers || !isRedisReady(redis)) return;
      followCeiling();
      view.publish(headers).catch(fault);
    },
    /** A 429 holds every replica's lane, not only ours. */
    paused(untilMs: number): void {
      knownPause = Math.max(knownPause, untilMs);
      if (isRedisReady(redis)) view.pause(untilMs).catch(fault);
    },
    close: () => shared.close(),
  };
}

export type ClusterLane = ReturnType<typeof createClusterLane>;
