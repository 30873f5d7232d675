import Bottleneck from 'bottleneck';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Lane, LimiterSnapshot, Priority, RateLimitHeaders, ResilienceEvent } from '../ports/claude-api.js';
import type { Clock } from '../ports/clock.js';
import { type ClusterLane, createClusterLane } from './cluster-lane.js';
import { type CallWeight, LaneBudget } from './lane-budget.js';
import { PacingGate } from './pacing-gate.js';
import { QueueFullError, StoppedError } from './guard-errors.js';
import type { SharedLaneEvent } from './redis-bottleneck.js';

export interface LaneLimits {
  /** The operator's ceiling for this lane, requests per minute. */
  rpm: number;
  maxConcurrent: number;
  /** Calls allowed to wait; beyond it the newest (or a queued background call) is dropped. */
  maxQueue: number;
}

export interface LimiterOptions {
  lanes: Record<Lane, LaneLimits>;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** After a 429, time to ramp back to the full rate. */
  rampMs?: number;
  emit: (event: ResilienceEvent) => void;
  /** Several replicas, one budget: the lanes run in bottleneck's Redis clustering mode. */
  shared?: SharedLimiterOptions;
}

export interface SharedLimiterOptions {
  /** The process's Redis client (the store and the lease use it too); its owner closes it after `stop()`. */
  redis: Redis;
  /**
   * bottleneck's connection over `redis`: bottleneck runs its scripts on `redis` and adds one pub/sub duplicate
   * (a subscribed connection can run no other command). Its owner closes it with `disconnect()` after `stop()`.
   */
  connection: Bottleneck.IORedisConnection;
  /** The same on every replica using one API key, e.g. a hash of it; never the key itself. */
  scope: string;
  /** Added to a call's remaining deadline to expire its job in Redis (covers the attempt's timeout). */
  jobMarginMs: number;
  /** Lost Redis state re-created, or a Redis fault (the lane then paces on its local budget). */
  onEvent?: (event: SharedLaneEvent) => void;
}

export interface ScheduledJob<T> {
  priority: Priority;
  weight: CallWeight;
  deadlineAt: number;
  /** Runs once the budget allows; `seq` numbers the lane's sends so headers can be matched to what followed. */
  task: (seq: number) => Promise<T>;
  /** Checked when the call reaches the front, before it spends budget: an error refuses it (e.g. breaker opened meanwhile). */
  refuse?: () => Error | undefined;
}

export interface Limiter {
  /** Queues by priority, waits for the lane's rate budget, then runs. Throws `QueueFullError` or `DeadlineError`. */
  schedule<T>(lane: Lane, job: ScheduledJob<T>): Promise<T>;
  /** Feeds the API's headers from the answer to send number `seq` into the lane's budget. */
  observe(lane: Lane, headers: RateLimitHeaders | undefined, seq: number): void;
  /** A 429: the whole lane holds until `untilMs`, then ramps back. */
  rateLimited(lane: Lane, untilMs: number): void;
  /** Returns unused estimated tokens once the real usage is known. */
  settle(lane: Lane, charged: CallWeight, used: CallWeight): void;
  snapshot(): LimiterSnapshot;
  /** Stops scheduling; queued calls are refused with StoppedError. The shared Redis connection stays open for its owner to close. */
  stop(): Promise<void>;
}

interface LaneState {
  limits: LaneLimits;
  bottleneck: Bottleneck;
  budget: LaneBudget;
  cluster: ClusterLane | undefined;
  sent: number;
  done: number;
  dropped: number;
  saturatedAt: number;
  inFlight: Set<number>;
  gate: PacingGate;
}

// Bottleneck runs lower numbers first: a person waiting in Slack before a background probe.
const PRIORITY: Record<Priority, number> = { interactive: 2, background: 7 };

/** One bottleneck per lane (concurrency, priorities, bounded queue) paced by that lane's header-driven budget. */
export function createLimiter(options: LimiterOptions): Limiter {
  const { clock, sleep, emit } = options;
  const at = () => new Date(clock.now()).toISOString();
  let rateLimitedCount = 0;
  // Set by stop(): bottleneck then drops the calls still queued, which is shutdown, not a full queue.
  let stopping = false;
  let last429At: number | undefined;
  const shared = options.shared;
  // One connection (the client and its pub/sub duplicate) for both lanes and any limiter re-created after lost state.
  const connection = shared?.connection;
  if (connection) connection.on('error', (error: Error) => shared?.onEvent?.({ type: 'error', error }));
  const writer = randomUUID();

  const lanes = Object.fromEntries(
    (Object.entries(options.lanes) as [Lane, LaneLimits][]).map(([lane, limits]) => {
      const bottleneck = new Bottleneck({ maxConcurrent: limits.maxConcurrent, highWater: limits.maxQueue, strategy: Bottleneck.strategy.OVERFLOW_PRIORITY });
      const budget = new LaneBudget({
        configuredRpm: limits.rpm,
        clock,
        ...(options.rampMs !== undefined ? { rampMs: options.rampMs } : {}),
        onQuotaLow: (what, remaining, limit) => emit({ type: 'quota-low', lane, what, remaining, limit, at: at() }),
      });
      const cluster = shared && connection
        ? createClusterLane({ lane, redis: shared.redis, connection, scope: shared.scope, writer, maxConcurrent: limits.maxConcurrent, budget, clock, jobMarginMs: shared.jobMarginMs, ...(shared.onEvent ? { onEvent: shared.onEvent } : {}) })
        : undefined;
      const state: LaneState = { limits, bottleneck, budget, cluster, sent: 0, done: 0, dropped: 0, saturatedAt: Number.NEGATIVE_INFINITY, inFlight: new Set<number>(), gate: new PacingGate(budget, clock, sleep) };
      bottleneck.on('dropped', () => {
        if (stopping) return;
        state.dropped++;
        // One event a second at most: a burst drops many calls, the monitor needs to hear it once.
        if (clock.now() - state.saturatedAt >= 1000) {
          state.saturatedAt = clock.now();
          emit({ type: 'queue-saturated', lane, queued: bottleneck.counts().QUEUED ?? limits.maxQueue, at: at() });
        }
      });
      return [lane, state];
    }),
  ) as Record<Lane, LaneState>;

  async function send<T>(state: LaneState, job: ScheduledJob<T>): Promise<T> {
    const seq = ++state.sent;
    state.inFlight.add(seq);
    try {
      return await job.task(seq);
    } finally {
      state.inFlight.delete(seq);
      state.done++;
    }
  }

  return {
    async schedule<T>(lane: Lane, job: ScheduledJob<T>): Promise<T> {
      const state = lanes[lane];
      try {
        return await state.bottleneck.schedule({ priority: PRIORITY[job.priority] }, async () => {
          const refusal = job.refuse?.();
          if (refusal) throw refusal;
          // Pace inside the concurrency slot: the budget refills from the clock, so a late timer costs nothing.
          const acquire = () => state.gate.acquire(job.weight, job.deadlineAt);
          if (state.cluster?.usable()) {
            return state.cluster.run(job.deadlineAt, acquire, () => send(state, job), () => state.inFlight.size);
          }
          await acquire(); // alone, or Redis unreachable: this replica's budget only
          return send(state, job);
        });
      } catch (error) {
        if (error instanceof Bottleneck.BottleneckError) throw stopping ? new StoppedError() : new QueueFullError(lane, state.limits.maxQueue);
        throw error;
      }
    },
    observe(lane, headers, seq) {
      let later = 0; // at most maxConcurrent entries
      for (const other of lanes[lane].inFlight) if (other > seq) later++;
      lanes[lane].budget.observe(headers, later);
      lanes[lane].cluster?.observed(headers);
    },
    rateLimited(lane, untilMs) {
      rateLimitedCount++;
      last429At = clock.now();
      lanes[lane].budget.pause(untilMs);
      lanes[lane].cluster?.paused(untilMs);
    },
    settle: (lane, charged, used) => lanes[lane].budget.settle(charged, used),
    snapshot(): LimiterSnapshot {
      const lane = (state: (typeof lanes)[Lane]) => {
        const counts = state.bottleneck.counts();
        return {
          queued: (counts.RECEIVED ?? 0) + (counts.QUEUED ?? 0),
          running: (counts.RUNNING ?? 0) + (counts.EXECUTING ?? 0),
          done: state.done,
          dropped: state.dropped,
          ...state.budget.snapshot(),
        };
      };
      return {
        lanes: { messages: lane(lanes.messages), free: lane(lanes.free) },
        rateLimited: rateLimitedCount,
        ...(last429At !== undefined ? { last429At: new Date(last429At).toISOString() } : {}),
      };
    },
    async stop() {
      // Calls waiting for the budget are refused at once (a sleeping pace must not hold the shutdown), then the queues go:
      // the calls still queued are refused with StoppedError too.
      stopping = true;
      for (const state of Object.values(lanes)) state.gate.close();
      await Promise.all(Object.values(lanes).map((state) => state.bottleneck.stop({ dropWaitingJobs: true })));
      await Promise.all(Object.values(lanes).map((state) => state.cluster?.close()));
    },
  };
}
