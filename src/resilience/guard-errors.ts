import type { CallMeta, Lane } from '../ports/claude-api.js';
import type { AttemptFailure } from './retry-policy.js';

/**
 * The faults the guard's parts raise, each a class with a stable `code`, made where they are seen: opossum's
 * `EOPENBREAKER` becomes `CircuitOpenError` here, so nothing else knows opossum's codes. `claude/to-api-failure.ts`
 * turns each into a failure value.
 */

/** One failed attempt, already classified at the edge that saw it, with the headers its answer carried. */
export class AttemptError extends Error {
  readonly code = 'EATTEMPT' as const;

  constructor(
    readonly failure: AttemptFailure,
    readonly meta?: CallMeta,
  ) {
    super(failure.message);
    this.name = 'AttemptError';
  }
}

/**
 * Failures that say nothing about the API's health, so they must not trip the breaker: the caller's own errors
 * (4xx other than 408), rate limits and spend caps (the API answered, it is up) and the caller's aborts. Timeouts
 * and the unknown count; only our classified attempt errors can be neutral.
 */
export function isNeutralError(error: unknown): boolean {
  if (!(error instanceof AttemptError)) return false;
  const { failure } = error;
  if (failure.kind === 'aborted') return true;
  return failure.status !== undefined && failure.status >= 400 && failure.status < 500 && failure.status !== 408;
}

/** The breaker refuses a call because the Claude API has been failing: the caller gets it at once, off the network. */
export class CircuitOpenError extends Error {
  readonly code = 'ECIRCUITOPEN' as const;

  constructor(
    /** ISO time of the next half-open attempt, when known. */
    readonly nextAttemptAt?: string,
  ) {
    super(`Claude API circuit is open: failing fast${nextAttemptAt ? ` until ${nextAttemptAt}` : ''}`);
    this.name = 'CircuitOpenError';
  }
}

/** A call's total deadline ran out while it waited for the rate budget (before any request was sent). */
export class DeadlineError extends Error {
  readonly code = 'EDEADLINE' as const;

  /** `pausedUntil`: when the wait was the lane's pause after a 429 (epoch ms), until when it holds. */
  constructor(readonly deadlineMs: number, readonly pausedUntil?: number) {
    super(`Claude call deadline of ${deadlineMs} ms ran out while waiting for the rate limit`);
    this.name = 'DeadlineError';
  }
}

/**
 * A lane's bounded queue dropped a call (a burst must not grow memory without bound). Bottleneck drops the newest
 * call, or a queued one of lower priority when an interactive call arrives.
 */
export class QueueFullError extends Error {
  readonly code = 'EQUEUEFULL' as const;

  constructor(
    readonly lane: Lane,
    readonly maxQueue: number,
  ) {
    super(`Claude ${lane} queue is full (${maxQueue} waiting): call dropped`);
    this.name = 'QueueFullError';
  }
}

/** The client is closing (shutdown): a call still waiting for the rate budget is dropped rather than kept waiting. */
export class StoppedError extends Error {
  readonly code = 'ESTOPPED' as const;

  constructor() {
    super('the Claude client is shutting down: call dropped before it was sent');
    this.name = 'StoppedError';
  }
}
