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
 * fails the build. `circuit_open`, `queue_full` and `aborted` are our own guard's refusals (see `claude/to-api-failure.ts`).
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
  rate_limit: 'requests' | 'input_tokens' | 'output_tokens' | 'acceleration' | 'queue_full';
  overloaded: never;
  server_error: 'circuit_open';
  timeout: 'client_timeout' | 'gateway_timeout' | 'aborted';
  connection: never;
  billing: 'spend_cap' | 'credit_balance' | 'payment';
  unknown: never;
}

export type Kind = KindsByCategory[Category];
