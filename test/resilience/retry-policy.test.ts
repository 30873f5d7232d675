import { describe, expect, it } from 'vitest';
import type { ApiFailure } from '../../src/ports/claude-api.js';
import { decideRetry, isRetryable, type AttemptFailure } from '../../src/resilience/retry-policy.js';

const failure = (status: number | undefined, category: ApiFailure['category'] = 'server_error', extra: Partial<AttemptFailure> = {}): AttemptFailure => ({ status, category, message: 'x', ...extra });
const base = { attempt: 1, nowMs: 0, deadlineAt: 60_000, random: () => 1 };

describe('retry policy', () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 529])('retries %i', (status) => {
    expect(isRetryable(failure(status))).toBe(true);
  });

  it.each([400, 401, 402, 403, 404, 413])('never retries %i', (status) => {
    expect(isRetryable(failure(status))).toBe(false);
  });

  it('retries connection resets and timeouts, not spend caps or x-should-retry: false', () => {
    expect(isRetryable(failure(undefined, 'connection'))).toBe(true);
    expect(isRetryable(failure(undefined, 'timeout'))).toBe(true);
    expect(isRetryable(failure(429, 'billing', { kind: 'spend_cap' }))).toBe(false);
    expect(isRetryable(failure(503, 'server_error', { shouldRetry: false }))).toBe(false);
  });

  it("never retries our own guard's refusals (breaker open, queue full, the caller's abort)", () => {
    expect(isRetryable(failure(undefined, 'server_error', { kind: 'circuit_open' }))).toBe(false);
    expect(isRetryable(failure(undefined, 'rate_limit', { kind: 'queue_full' }))).toBe(false);
    expect(isRetryable(failure(undefined, 'timeout', { kind: 'aborted' }))).toBe(false);
  });

  it('backs off exponentially with full jitter, capped', () => {
    const delays = [1, 2, 3].map((attempt) => decideRetry({ ...base, attempt, failure: failure(500), policy: { maxAttempts: 9, baseDelayMs: 500, maxDelayMs: 1500 } }));
    expect(delays).toEqual([{ retry: true, delayMs: 500 }, { retry: true, delayMs: 1000 }, { retry: true, delayMs: 1500 }]);
    expect(decideRetry({ ...base, random: () => 0, failure: failure(500) })).toEqual({ retry: true, delayMs: 0 });
  });

  it('honours retry-after, but not past the deadline', () => {
    expect(decideRetry({ ...base, random: () => 0, failure: failure(429, 'rate_limit', { retryAfterSeconds: 3 }) })).toEqual({ retry: true, delayMs: 3000 });
    expect(decideRetry({ ...base, deadlineAt: 2000, failure: failure(429, 'rate_limit', { retryAfterSeconds: 3 }) })).toEqual({ retry: false, reason: 'deadline' });
  });

  it('stops after the last attempt', () => {
    expect(decideRetry({ ...base, attempt: 4, failure: failure(500) })).toEqual({ retry: false, reason: 'attempts exhausted' });
  });
});
