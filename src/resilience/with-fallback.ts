import type { ApiFailure, ClaudeOutcome, FailureKind } from '../ports/claude-api.js';

/** Failures where an offline answer beats an error: the API is down, overloaded or refusing us for now. */
export const FALLBACK_KINDS: readonly FailureKind[] = ['circuit_open', 'queue_full', 'overloaded', 'server', 'timeout', 'connection', 'rate_limit'];

export type FallbackOutcome<T> = ClaudeOutcome<T> | { ok: true; value: T; fallbackFor: ApiFailure };

/**
 * Answers with `fallback` when the call failed for a reason the API's state explains (breaker open, overload…), so a
 * caller with an offline answer (the explainer) degrades instead of failing. Caller errors are returned as they are.
 * Depends only on the port's types, so the core may use it.
 */
export async function withFallback<T>(
  call: Promise<ClaudeOutcome<T>>,
  fallback: (failure: ApiFailure) => T | Promise<T>,
  kinds: readonly FailureKind[] = FALLBACK_KINDS,
): Promise<FallbackOutcome<T>> {
  const outcome = await call;
  if (outcome.ok || !kinds.includes(outcome.failure.kind)) return outcome;
  return { ok: true, value: await fallback(outcome.failure), fallbackFor: outcome.failure };
}
