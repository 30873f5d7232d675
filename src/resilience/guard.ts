import type { ApiFailure, CallMeta, CallOptions, ClaudeOutcome, Lane } from '../ports/claude-api.js';
import { isOwnRefusal } from '../ports/category.js';
import type { Clock } from '../ports/clock.js';
import { AttemptError } from './guard-errors.js';
import type { Breaker } from './breaker.js';
import type { CallWeight } from './lane-budget.js';
import type { Limiter } from './limiter.js';
import { type AttemptFailure, decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicyOptions } from './retry-policy.js';

/** What one successful attempt produced: the value, its headers, and the real usage to settle the estimate. */
export interface Attempt<T> {
  value: T;
  meta: CallMeta;
  used?: CallWeight;
}

export interface GuardDeps {
  limiter: Limiter;
  breaker: Breaker;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  retry?: RetryPolicyOptions;
  /** Total budget of a call (queueing and retries included) when the caller sets none. */
  defaultDeadlineMs: number;
  /** Classifies what an attempt threw that is not already an `AttemptError` (limiter, breaker, timeouts). */
  toFailure: (error: unknown) => AttemptFailure;
}

export interface GuardedCall<T> {
  lane: Lane;
  options?: CallOptions;
  weight?: CallWeight;
  /** One HTTP exchange; throws `AttemptError` for an answered failure. Must honour the signal. */
  attempt: (signal: AbortSignal) => Promise<Attempt<T>>;
}

/**
 * When a lane may send again after a 429: `retry-after`; else the reset time of an exhausted window (capped at a
 * minute, since `reset` means "fully replenished", later than "one request's worth"); else one second.
 */
export function resumeAfter429(failure: ApiFailure, meta: CallMeta | undefined, nowMs: number): number {
  if (failure.retryAfterSeconds !== undefined) return nowMs + failure.retryAfterSeconds * 1000;
  const limits = meta?.rateLimits;
  const resets = [limits?.requests, limits?.inputTokens, limits?.outputTokens, limits?.tokens]
    .filter((window) => window?.remaining === 0 && window.resetAt)
    .map((window) => Date.parse(window!.resetAt!))
    .filter((at) => !Number.isNaN(at) && at > nowMs);
  return resets.length > 0 ? Math.min(Math.min(...resets), nowMs + 60_000) : nowMs + 1000;
}

/** Public failures carry no retry hint of ours. */
function publicFailure(failure: AttemptFailure, attempts: number): ApiFailure {
  const { shouldRetry: _shouldRetry, ...rest } = failure;
  return { ...rest, attempts };
}

/**
 * What every Claude call goes through: fail fast while the breaker is open, queue in the lane's limiter, pace by its
 * budget, run through the breaker, feed the answer's headers back, and retry what is worth retrying within the deadline.
 */
export function createGuard(deps: GuardDeps) {
  const { limiter, breaker, clock } = deps;

  async function once<T>(call: GuardedCall<T>, weight: CallWeight, deadlineAt: number): Promise<Attempt<T>> {
    const options = call.options ?? {};
    return limiter.schedule(call.lane, {
      priority: options.priority ?? 'interactive',
      weight,
      deadlineAt,
      // The breaker may have opened while this call waited in the queue: fail it fast, without spending budget.
      ...(options.probe ? {} : { refuse: () => (breaker.refusing() ? breaker.openError() : undefined) }),
      task: async (seq) => {
        try {
          const result = await breaker.run(
            (signal) => call.attempt(options.signal ? AbortSignal.any([signal, options.signal]) : signal),
            { probe: options.probe === true },
          );
          limiter.observe(call.lane, result.meta.rateLimits, seq);
          if (result.used) limiter.settle(call.lane, weight, result.used);
          return result;
        } catch (error) {
          const failed = error instanceof AttemptError ? error : new AttemptError(deps.toFailure(error));
          limiter.observe(call.lane, failed.meta?.rateLimits, seq);
          limiter.settle(call.lane, weight, { inputTokens: weight.inputTokens }); // nothing was generated
          if (failed.failure.category === 'rate_limit' && !isOwnRefusal(failed.failure.kind)) {
            // Everyone on the lane holds, not only this call: the API's bucket is shared.
            limiter.rateLimited(call.lane, resumeAfter429(failed.failure, failed.meta, clock.now()));
          }
          throw failed;
        }
      },
    });
  }

  return {
    async run<T>(call: GuardedCall<T>): Promise<ClaudeOutcome<T>> {
      const options = call.options ?? {};
      const deadlineAt = clock.now() + (options.deadlineMs ?? deps.defaultDeadlineMs);
      const policy = options.probe ? { ...(deps.retry ?? DEFAULT_RETRY_POLICY), maxAttempts: 1 } : deps.retry;
      for (let attempt = 1; ; attempt++) {
        let failure: AttemptFailure;
        let meta: CallMeta | undefined;
        if (!options.probe && breaker.refusing()) {
          failure = deps.toFailure(breaker.openError());
        } else {
          try {
            const result = await once(call, call.weight ?? {}, deadlineAt);
            return { ok: true, value: result.value, meta: result.meta };
          } catch (error) {
            failure = error instanceof AttemptError ? error.failure : deps.toFailure(error);
            meta = error instanceof AttemptError ? error.meta : undefined;
          }
        }
        if (options.signal?.aborted) failure = { category: 'timeout', kind: 'aborted', message: 'call aborted by the caller' };
        const decision = decideRetry({ failure, attempt, nowMs: clock.now(), deadlineAt, random: deps.random, ...(policy ? { policy } : {}) });
        if (!decision.retry) return { ok: false, failure: publicFailure(failure, attempt), ...(meta ? { meta } : {}) };
        await deps.sleep(decision.delayMs);
      }
    },
  };
}
