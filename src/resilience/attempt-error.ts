import type { CallMeta } from '../ports/claude-api.js';
import type { AttemptFailure } from './retry-policy.js';

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
 * (4xx other than 408), rate limits and spend caps (the API answered, it is up) and the caller's aborts.
 */
function isNeutralFailure(failure: AttemptFailure): boolean {
  if (failure.kind === 'aborted') return true;
  return failure.status !== undefined && failure.status >= 400 && failure.status < 500 && failure.status !== 408;
}

/** The breaker's view: only our classified attempt errors can be neutral; timeouts and the unknown count. */
export function isNeutralError(error: unknown): boolean {
  return error instanceof AttemptError && isNeutralFailure(error.failure);
}
