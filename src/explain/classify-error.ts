import type { ApiFailure, FailureKind } from '../ports/claude-api.js';
import { scrubSecrets } from '../secrets/scrub-secrets.js';
import { buildExplanation } from './build-explanation.js';
import type { Category, Kind } from './category.js';
import { chooseKind, invalidRequestKindByWording } from './choose-kind.js';
import { BY_ERROR_CODE, BY_SDK_CLASS, BY_STATUS, BY_TYPE, KEYWORDS, MESSAGE_OVERRIDES } from './classification-tables.js';
import type { Explanation } from './explanation.js';
import { parseErrorText, type ParsedError } from './parse-error-text.js';

/** Which category (and finer kind) a parsed error belongs to, and how sure we are (0..1). */
export interface Classification {
  category: Category;
  kind?: Kind;
  confidence: number;
  /** What decided it: `error_code`, `message`, `type`, `status`, `sdk_class`, `keywords` or `none`. */
  basis: 'error_code' | 'message' | 'type' | 'status' | 'sdk_class' | 'keywords' | 'none';
}

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
  // The message may itself hold the body (`429 {"type":"error",…}`): read it, then let the failure's fields win.
  const parsed = parseErrorText(message);
  const fields = {
    status: failure.status,
    type: failure.type,
    errorCode: failure.errorCode,
    requestId: failure.requestId,
    sdkClass: failure.sdkClass,
    retryAfterSeconds: failure.retryAfterSeconds,
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(parsed, { [key]: value });
  parsed.inStream ||= failure.status === undefined && failure.type !== undefined;
  const [category, kind] = BY_FAILURE_KIND[failure.kind];
  let classification = classifyError(parsed);
  if (GUARD_KINDS.has(failure.kind) || classification.category === 'unknown') {
    classification = { category, confidence: 0.9, basis: 'status' };
    const chosen = kind ?? chooseKind(category, parsed, message.toLowerCase());
    if (chosen) classification.kind = chosen;
  }
  return buildExplanation(parsed, classification, message);
}
