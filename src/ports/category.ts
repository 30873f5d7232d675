/** The explainer's categories: exactly the ids the issue names, in a stable order. */
export const CATEGORIES = [
  'auth',
  'permission',
  'not_found',
  'invalid_request',
  'request_too_large',
  'rate_limit',
  'overloaded',
  'server_error',
  'timeout',
  'connection',
  'billing',
  'unknown',
] as const;

export type Category = (typeof CATEGORIES)[number];

/**
 * Finer kinds inside a category, where the fix differs. A kind added here without an entry in the knowledge base
 * fails the build. `circuit_open`, `queue_full`, `held` and `aborted` are our own guard's refusals (see
 * `claude/to-api-failure.ts` and `isOwnRefusal`).
 */
export interface KindsByCategory {
  auth: 'api_key' | 'oauth_token' | 'missing_key' | 'cors';
  permission: 'region' | 'org_disabled';
  not_found: 'retired_model' | 'unknown_model';
  invalid_request:
    | 'prompt_too_long'
    | 'max_tokens_too_large'
    | 'max_tokens_missing'
    | 'tool_result_missing'
    | 'empty_content'
    | 'roles_not_alternating'
    | 'image_too_large';
  request_too_large: never;
  rate_limit: 'requests' | 'input_tokens' | 'output_tokens' | 'acceleration' | 'queue_full' | 'held';
  overloaded: never;
  server_error: 'circuit_open';
  timeout: 'client_timeout' | 'gateway_timeout' | 'aborted';
  connection: never;
  billing: 'spend_cap' | 'credit_balance' | 'payment';
  unknown: never;
}

export type Kind = KindsByCategory[Category];

/** Kinds only our own guard gives (breaker open, queue full, held by our rate budget): never in a pasted error. */
export const GUARD_ONLY_KINDS: ReadonlySet<Kind> = new Set<Kind>(['circuit_open', 'queue_full', 'held']);

/**
 * A refusal of our own — the guard's (`GUARD_ONLY_KINDS`) or the caller's abort: the call never reached the API, so it
 * says nothing about Claude, is not retried and does not pause the lane.
 */
export function isOwnRefusal(kind: Kind | undefined): boolean {
  return kind !== undefined && (GUARD_ONLY_KINDS.has(kind) || kind === 'aborted');
}
