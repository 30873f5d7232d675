import type Bottleneck from 'bottleneck';
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ResilienceEvent, ResilienceSnapshot } from '../ports/claude-api.js';
import type { Clock } from '../ports/clock.js';
import { isNeutralError } from '../resilience/guard-errors.js';
import { createBreaker } from '../resilience/breaker.js';
import { createGuard } from '../resilience/guard.js';
import { createLimiter, type SharedLimiterOptions } from '../resilience/limiter.js';
import type { RetryPolicyOptions } from '../resilience/retry-policy.js';
import { toApiFailure } from './to-api-failure.js';

export interface ClaudeGuardDeps {
  apiKey: string;
  /** `rpm`/`maxConcurrent` from CLAUDE_RPM/CLAUDE_MAX_CONCURRENT; `freeRpm` for count_tokens + models (default `rpm`). */
  limits: { rpm: number; maxConcurrent: number; freeRpm?: number; maxQueue?: number };
  /** From BREAKER_*: per-attempt timeout, error percentage, time open before a trial call. */
  breaker: { timeoutMs: number; errorPercent: number; resetMs: number; volumeThreshold?: number; rollingWindowMs?: number };
  logger: Logger;
  clock: Clock;
  /** Waits between retries and for the rate budget; by default real timers, all cut short by `close()`. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retry?: RetryPolicyOptions;
  /** Total budget of a call without its own `deadlineMs` (default 60 s). */
  defaultDeadlineMs?: number;
  /** After a 429, time to ramp back to the full rate (default 10 s). */
  rampMs?: number;
  /**
   * REDIS_URL: every replica with the same API key then shares one budget, one view of the API's headers and one
   * pause after a 429 (bottleneck's Redis clustering); `limits.maxConcurrent` then bounds the calls in flight
   * across all of them. The breaker stays per replica. The client and bottleneck's connection over it belong to
   * the caller (the composition root shares them with the store and closes them after `close()`).
   */
  redis?: { client: Redis; connection: Bottleneck.IORedisConnection };
}

/**
 * The shared limiter's Redis side. Calls fall back to this replica's own budget while Redis is down; the ids carry
 * a hash of the key, never the key.
 */
function sharedLimiter(redis: NonNullable<ClaudeGuardDeps['redis']>, apiKey: string, attemptTimeoutMs: number, log: Logger): SharedLimiterOptions {
  let loggedAt = Number.NEGATIVE_INFINITY;
  return {
    redis: redis.client,
    connection: redis.connection,
    scope: `claude-status:limiter:${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}`,
    jobMarginMs: attemptTimeoutMs + 5_000,
    onEvent(event) {
      if (event.type === 'recovered') {
        log.warn({ limiter: event.id }, 'shared limiter state was lost in Redis; re-created it');
      } else if (Date.now() - loggedAt > 30_000) {
        // ioredis reports every reconnect attempt: once per 30 s is enough to say the budget is not shared now.
        loggedAt = Date.now();
        log.warn({ err: event.error }, 'shared limiter: Redis fault; pacing on this replica alone until it is back');
      }
    },
  };
}

/**
 * What every Claude call goes through, assembled once: a limiter per lane (header-paced budget, priorities, bounded
 * queue; shared through Redis when given), the breaker and the retry policy, with their events logged and fanned out.
 */
export function createClaudeGuard(deps: ClaudeGuardDeps, log: Logger) {
  const { clock } = deps;
  // close() wakes every wait at once, so neither a retry's backoff nor the pace keeps a stopped process alive.
  const closing = new AbortController();
  const sleep = deps.sleep ?? ((ms: number) => delay(ms, undefined, { signal: closing.signal }).catch(() => undefined));
  const listeners = new Set<(event: ResilienceEvent) => void>();
  const emit = (event: ResilienceEvent) => {
    if (event.type !== 'queue-saturated') log.info({ event }, 'claude resilience event');
    else log.warn({ event }, 'claude queue saturated');
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        log.error({ err: error }, 'resilience event listener failed');
      }
    }
  };
  const maxQueue = deps.limits.maxQueue ?? 1_000;
  const limiter = createLimiter({
    lanes: {
      messages: { rpm: deps.limits.rpm, maxConcurrent: deps.limits.maxConcurrent, maxQueue },
      free: { rpm: deps.limits.freeRpm ?? deps.limits.rpm, maxConcurrent: deps.limits.maxConcurrent, maxQueue },
    },
    clock,
    sleep,
    emit,
    ...(deps.rampMs !== undefined ? { rampMs: deps.rampMs } : {}),
    ...(deps.redis ? { shared: sharedLimiter(deps.redis, deps.apiKey, deps.breaker.timeoutMs, log) } : {}),
  });
  const breaker = createBreaker({
    ...deps.breaker,
    isNeutral: isNeutralError,
    clock,
    onStateChange: (state) => emit({ type: 'breaker', state, at: new Date(clock.now()).toISOString() }),
  });
  const guard = createGuard({
    limiter, breaker, clock, sleep,
    random: deps.random ?? Math.random,
    defaultDeadlineMs: deps.defaultDeadlineMs ?? 60_000,
    toFailure: (error) => toApiFailure(error, clock.now()),
    ...(deps.retry ? { retry: deps.retry } : {}),
  });
  return {
    run: guard.run,
    resilience: (): ResilienceSnapshot => ({ limiter: limiter.snapshot(), breaker: breaker.snapshot() }),
    onEvent(listener: (event: ResilienceEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Queued calls dropped, attempts in flight aborted, opossum's timers stopped; the Redis client stays the caller's. */
    async close(): Promise<void> {
      breaker.shutdown();
      closing.abort();
      await limiter.stop();
    },
  };
}
