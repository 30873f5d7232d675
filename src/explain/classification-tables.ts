import type { Category, Kind } from '../ports/category.js';

/** The classifier's tables, strongest evidence first. Every pattern is bounded. */

/** `error.details.error_code` is the stable machine code: it wins over everything else. */
export const BY_ERROR_CODE: Readonly<Record<string, [Category, Kind?]>> = {
  enforced_spend_limit_reached: ['billing', 'spend_cap'],
  contract_spend_limit_reached: ['billing', 'spend_cap'],
  linked_organization_spend_limit_reached: ['billing', 'spend_cap'],
  linked_organization_billing_unavailable: ['billing', 'payment'],
  ramp_limit_exceeded: ['rate_limit', 'acceleration'],
  organization_on_hold: ['permission', 'org_disabled'],
  request_body_too_large_after_decoding: ['request_too_large'],
  image_dimensions_too_large: ['invalid_request', 'image_too_large'],
};

export const BY_TYPE: Readonly<Record<string, Category>> = {
  authentication_error: 'auth',
  permission_error: 'permission',
  forbidden: 'permission',
  not_found_error: 'not_found',
  invalid_request_error: 'invalid_request',
  conflict_error: 'invalid_request',
  request_too_large: 'request_too_large',
  rate_limit_error: 'rate_limit',
  overloaded_error: 'overloaded',
  api_error: 'server_error',
  timeout_error: 'timeout',
  billing_error: 'billing',
};

export const BY_STATUS: Readonly<Record<number, Category>> = {
  400: 'invalid_request', 401: 'auth', 402: 'billing', 403: 'permission', 404: 'not_found', 408: 'timeout',
  409: 'invalid_request', 413: 'request_too_large', 422: 'invalid_request', 429: 'rate_limit', 500: 'server_error',
  502: 'server_error', 503: 'server_error', 504: 'timeout', 520: 'server_error', 521: 'connection',
  522: 'timeout', 523: 'connection', 524: 'timeout', 529: 'overloaded',
};

/** For class names without a status (connection errors, timeouts, aborts). */
export const BY_SDK_CLASS: Readonly<Record<string, Category>> = {
  APIConnectionTimeoutError: 'timeout',
  APITimeoutError: 'timeout',
  APIUserAbortError: 'timeout',
  APIConnectionError: 'connection',
  OverloadedError: 'overloaded',
  InternalServerError: 'server_error',
};

/** Last resort, on the whole text: words people see in non-HTTP failures. */
export const KEYWORDS: readonly [RegExp, Category][] = [
  [/upstream request timeout|gateway time-?out|timed? ?out|etimedout|deadline exceeded/, 'timeout'],
  [/econnreset|econnrefused|enotfound|eai_again|getaddrinfo|socket hang up|fetch failed|connection (?:error|refused|reset)|certificate|self[- ]signed|unable to verify|network is unreachable|ehostunreach|und_err_socket/, 'connection'],
  [/upstream connect error|no healthy upstream|bad gateway|service unavailable|internal server error/, 'server_error'],
  [/overloaded/, 'overloaded'],
  [/rate limit|too many requests/, 'rate_limit'],
  [/invalid x-api-key|invalid api key|unauthorized/, 'auth'],
  [/access ?denied|(?:don't|do not) have access|not authorized to (?:access|use|invoke)/, 'permission'],
];
