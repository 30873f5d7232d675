import type { ApiFailure, FailureKind } from '../ports/claude-api.js';
import { scrubSecrets } from '../secrets/scrub-secrets.js';
import { buildExplanation } from './build-explanation.js';
import type { Category, Kind } from './category.js';
import { chooseKind, invalidRequestKindByWording } from './choose-kind.js';
import type { Explanation } from './explanation.js';
import type { ParsedError } from './parse-error-text.js';

/** Which category (and finer kind) a parsed error belongs to, and how sure we are (0..1). */
export interface Classification {
  category: Category;
  kind?: Kind;
  confidence: number;
  /** What decided it: `error_code`, `message`, `type`, `status`, `sdk_class`, `keywords` or `none`. */
  basis: 'error_code' | 'message' | 'type' | 'status' | 'sdk_class' | 'keywords' | 'none';
}

/** `error.details.error_code` is the stable machine code: it wins over everything else. */
const BY_ERROR_CODE: Readonly<Record<string, [Category, Kind?]>> = {
  enforced_spend_limit_reached: ['billing', 'spend_cap'],
  contract_spend_limit_reached: ['billing', 'spend_cap'],
  linked_organization_spend_limit_reached: ['billing', 'spend_cap'],
  linked_organization_billing_unavailable: ['billing', 'payment'],
  ramp_limit_exceeded: ['rate_limit', 'acceleration'],
  organization_on_hold: ['permission', 'org_disabled'],
  request_body_too_large_after_decoding: ['request_too_large'],
  image_dimensions_too_large: ['invalid_request', 'image_too_large'],
};

/** Messages that put an error in another category than its status says (a 400 about credit is a billing issue). */
const MESSAGE_OVERRIDES: readonly [RegExp, Category, Kind?][] = [
  [/credit balance/, 'billing', 'credit_balance'],
  [/specified api usage limits|spend (?:cap|limit)|usage limit/, 'billing', 'spend_cap'],
  [/organization has been disabled|organization is disabled|organisation has been disabled/, 'permission', 'org_disabled'],
  [/oauth (?:authentication|token)|sk-ant-oat/, 'auth', 'oauth_token'],
  [/could not resolve authentication method|api_key client option must be set|anthropic_api_key environment variable is missing/, 'auth', 'missing_key'],
];

const BY_TYPE: Readonly<Record<string, Category>> = {
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

const BY_STATUS: Readonly<Record<number, Category>> = {
  400: 'invalid_request', 401: 'auth', 402: 'billing', 403: 'permission', 404: 'not_found', 408: 'timeout',
  409: 'invalid_request', 413: 'request_too_large', 422: 'invalid_request', 429: 'rate_limit', 500: 'server_error',
  502: 'server_error', 503: 'server_error', 504: 'timeout', 520: 'server_error', 521: 'connection',
  522: 'timeout', 523: 'connection', 524: 'timeout', 529: 'overloaded',
};

/** For class names without a status (connection errors, timeouts, aborts). */
const BY_SDK_CLASS: Readonly<Record<string, Category>> = {
  APIConnectionTimeoutError: 'timeout',
  APITimeoutError: 'timeout',
  APIUserAbortError: 'timeout',
  APIConnectionError: 'connection',
  OverloadedError: 'overloaded',
  InternalServerError: 'server_error',
};

/** Last resort, on the whole text: words people see in non-HTTP failures. */
const KEYWORDS: readonly [RegExp, Category][] = [
  [/upstream request timeout|gateway time-?out|timed? ?out|etimedout|deadline exceeded/, 'timeout'],
  [/econnreset|econnrefused|enotfound|eai_again|getaddrinfo|socket hang up|fetch failed|connection (?:error|refused|reset)|certificate|self[- ]signed|unable to verify|network is unreachable|ehostunreach|und_err_socket/, 'connection'],
  [/upstream connect error|no healthy upstream|bad gateway|service unavailable|internal server error/, 'server_error'],
  [/overloaded/, 'overloaded'],
  [/rate limit|too many requests/, 'rate_limit'],
  [/invalid x-api-key|invalid api key|unauthorized/, 'auth'],
];

/** Decides the category and kind of a parsed error: error code, then message, type, status, SDK class, keywords. */
export function classifyError(parsed: ParsedError): Classification {
  const message = `${parsed.message ?? ''} ${parsed.type ?? ''}`.toLowerCase();
  const code = parsed.errorCode ? BY_ERROR_CODE[parsed.errorCode] : undefined;
  if (code) return { category: code[0], kind: code[1] ?? chooseKind(code[0], parsed, message), confidence: 0.98, basis: 'error_code' };
  for (const [re, category, kind] of MESSAGE_OVERRIDES) {
    if (re.test(message)) return { category, kind, confidence: 0.9, basis: 'message' };
  }
  const fromType = parsed.type ? BY_TYPE[parsed.type] : undefined;
  if (fromType) return withKind(fromType, parsed, message, 0.95, 'type');
  const fromStatus = parsed.status ? BY_STATUS[parsed.status] ?? statusRange(parsed.status) : undefined;
  if (fromStatus) return withKind(fromStatus, parsed, message, parsed.format === 'plain' ? 0.7 : 0.85, 'status');
  const fromClass = parsed.sdkClass ? BY_SDK_CLASS[parsed.sdkClass] : undefined;
  if (fromClass) return withKind(fromClass, parsed, message, 0.85, 'sdk_class');
  const wordedKind = invalidRequestKindByWording(message);
  if (wordedKind) return { category: 'invalid_request', kind: wordedKind, confidence: 0.6, basis: 'message' };
  const text = parsed.text.toLowerCase();
  for (const [re, category] of KEYWORDS) {
    if (re.test(text)) return withKind(category, parsed, text, 0.5, 'keywords');
  }
  return { category: 'unknown', confidence: 0.1, basis: 'none' };
}

function withKind(category: Category, parsed: ParsedError, haystack: string, confidence: number, basis: Classification['basis']): Classification {
  const kind = chooseKind(category, parsed, haystack);
  return kind ? { category, kind, confidence, basis } : { category, confidence, basis };
}

function statusRange(status: number): Category | undefined {
  if (status >= 500) return 'server_error';
  return status >= 400 ? 'invalid_request' : undefined;
}

/** How the adapter's failure kinds map to categories when the failure's own fields say nothing more. */
const BY_FAILURE_KIND: Readonly<Record<FailureKind, [Category, Kind?]>> = {
  auth: ['auth'],
  permission: ['permission'],
  not_found: ['not_found'],
  invalid_request: ['invalid_request'],
  request_too_large: ['request_too_large'],
  billing: ['billing', 'payment'],
  spend_cap: ['billing', 'spend_cap'],
  rate_limit: ['rate_limit'],
  overloaded: ['overloaded'],
  server: ['server_error'],
  timeout: ['timeout'],
  connection: ['connection'],
  circuit_open: ['server_error', 'circuit_open'],
  queue_full: ['rate_limit', 'queue_full'],
  aborted: ['timeout', 'aborted'],
  unknown: ['unknown'],
};

/** Our guard's own refusals: the failure kind is the whole story, there is no API answer to read. */
const GUARD_KINDS: ReadonlySet<FailureKind> = new Set(['circuit_open', 'queue_full', 'aborted', 'spend_cap']);

/**
 * Cause and fix for a failure the bot's own call met (the monitor and the checks attach this to an alert).
 * Reads the failure's status, type, error code and class like a pasted error; falls back to its kind.
 */
export function explainFailure(failure: ApiFailure): Explanation {
  const message = scrubSecrets(failure.message);
  const parsed: ParsedError = {
    format: 'plain',
    status: failure.status,
    type: failure.type,
    errorCode: failure.errorCode,
    message,
    requestId: failure.requestId,
    sdkClass: failure.sdkClass,
    retryAfterSeconds: failure.retryAfterSeconds,
    inStream: failure.status === undefined && failure.type !== undefined,
    truncated: false,
    originalLength: message.length,
    text: message,
  };
  for (const key of Object.keys(parsed) as (keyof ParsedError)[]) if (parsed[key] === undefined) delete parsed[key];
  const [category, kind] = BY_FAILURE_KIND[failure.kind];
  let classification = classifyError(parsed);
  if (GUARD_KINDS.has(failure.kind) || classification.category === 'unknown') {
    classification = { category, confidence: 0.9, basis: 'status' };
    const chosen = kind ?? chooseKind(category, parsed, message.toLowerCase());
    if (chosen) classification.kind = chosen;
  }
  return buildExplanation(parsed, classification, message);
}
