import { isOwnRefusal } from '../ports/category.js';
import type { ApiFailure } from '../ports/claude-api.js';

/** A failure as one attempt saw it, with the API's own `x-should-retry` verdict when it sent one. */
export interface AttemptFailure extends ApiFailure {
  shouldRetry?: boolean;
}

export interface RetryPolicyOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

/**
 * Whether another attempt could succeed: transient statuses, connection resets and timeouts; never a caller error
 * (400/401/402/403/404/413), a spend cap (a 429 that waiting will not cure) or what the API marked `x-should-retry: false`.
 */
export function isRetryable(failure: AttemptFailure): boolean {
  if (failure.shouldRetry === false) return false;
  if (failure.category === 'billing') return false;
  // Our own refusals (breaker open, queue full, held by our budget, caller's abort) never reached the API: retrying repeats them.
  if (isOwnRefusal(failure.kind)) return false;
  if (failure.category === 'connection' || failure.category === 'timeout') return true;
  if (failure.status === undefined) return failure.category === 'overloaded' || failure.category === 'server_error'; // stream errors
  return RETRYABLE_STATUS.has(failure.status);
}

/**
 * Exponential backoff with full jitter (a random delay in [0, min(max, base·2ⁿ)]), never sooner than the API's
 * `retry-after`, and only when the retry can start before the call's deadline.
 */
export function decideRetry(input: {
  failure: AttemptFailure;
  /** The attempt that just failed, from 1. */
  attempt: number;
  nowMs: number;
  deadlineAt: number;
  random: () => number;
  policy?: RetryPolicyOptions;
}): RetryDecision {
  const policy = input.policy ?? DEFAULT_RETRY_POLICY;
  if (!isRetryable(input.failure)) return { retry: false, reason: 'not retryable' };
  if (input.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts exhausted' };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (input.attempt - 1));
  const jittered = Math.floor(input.random() * ceiling);
  const retryAfterMs = (input.failure.retryAfterSeconds ?? 0) * 1000;
  const delayMs = Math.max(jittered, retryAfterMs);
  if (input.nowMs + delayMs >= input.deadlineAt) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}
