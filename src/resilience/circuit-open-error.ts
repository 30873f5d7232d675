/**
 * Raised when the breaker refuses a call because the Claude API has been failing: the caller gets it at once,
 * without touching the network. Made from opossum's `EOPENBREAKER` here, so nothing else knows opossum's codes.
 */
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
