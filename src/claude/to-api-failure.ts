import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { FailureKind } from '../ports/claude-api.js';
import { CircuitOpenError } from '../resilience/circuit-open-error.js';
import { DeadlineError } from '../resilience/deadline-error.js';
import { QueueFullError } from '../resilience/queue-full-error.js';
import type { AttemptFailure } from '../resilience/retry-policy.js';
import { scrubSecrets } from '../secrets/scrub-secrets.js';
import { readRetryAfterSeconds } from './read-call-meta.js';

/** `error.details.error_code` values that mean a spend limit: waiting for `retry-after` will not cure them. */
const SPEND_CAP_CODES = new Set(['enforced_spend_limit_reached', 'contract_spend_limit_reached', 'linked_organization_spend_limit_reached']);
const BILLING_CODES = new Set(['organization_on_hold', 'linked_organization_billing_unavailable']);

/**
 * The failure kind from status, `error.type` and `error.details.error_code`. The one place that reads message text:
 * a 400 for an empty credit balance or a self-set spend limit carries no error code, only its wording.
 */
function failureKindOf(status: number | undefined, type?: string | null, errorCode?: string | null, message?: string | null): FailureKind {
  if (errorCode && SPEND_CAP_CODES.has(errorCode)) return 'spend_cap';
  if (errorCode && BILLING_CODES.has(errorCode)) return 'billing';
  if (errorCode === 'ramp_limit_exceeded') return 'rate_limit';
  if (type === 'overloaded_error') return 'overloaded';
  switch (status) {
    case undefined: return type === 'api_error' ? 'server' : 'unknown';
    case 400:
      if (message && /credit balance/i.test(message)) return 'billing';
      if (message && /spend(ing)? limit|usage limit/i.test(message)) return 'spend_cap';
      return 'invalid_request';
    case 401: return 'auth';
    case 402: return 'billing';
    case 403: return 'permission';
    case 404: return 'not_found';
    case 408: return 'timeout';
    case 413: return 'request_too_large';
    case 422: return 'invalid_request';
    case 429: return 'rate_limit';
    case 504: return 'timeout';
    case 529: return 'overloaded';
    default: return status >= 500 || status === 409 ? 'server' : 'unknown';
  }
}

/** Turns whatever an attempt threw (SDK error, our guard's errors, opossum's timeout) into a failure value. */
export function toApiFailure(error: unknown, nowMs: number): AttemptFailure {
  if (error instanceof CircuitOpenError) return { kind: 'circuit_open', message: error.message };
  if (error instanceof QueueFullError) return { kind: 'queue_full', message: error.message };
  if (error instanceof DeadlineError) return { kind: 'timeout', message: error.message, shouldRetry: false };
  if (error instanceof APIUserAbortError) return { kind: 'aborted', message: 'request aborted', sdkClass: error.name };
  if (error instanceof APIConnectionTimeoutError) return { kind: 'timeout', message: error.message, sdkClass: error.name };
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { kind: 'connection', message: scrubSecrets(`${error.message}${cause}`), sdkClass: error.name };
  }
  if (error instanceof APIError) {
    const failure: AttemptFailure = {
      kind: failureKindOf(error.status, error.type, error.errorCode, error.apiMessage ?? error.message),
      message: scrubSecrets(error.apiMessage ?? error.message),
      sdkClass: error.name,
    };
    if (error.status !== undefined) failure.status = error.status;
    if (error.type) failure.type = error.type;
    if (error.errorCode) failure.errorCode = error.errorCode;
    const body = error.error as { request_id?: unknown } | undefined;
    const requestId = error.requestID ?? (typeof body?.request_id === 'string' ? body.request_id : undefined);
    if (requestId) failure.requestId = requestId;
    if (error.headers) {
      const retryAfter = readRetryAfterSeconds(error.headers, nowMs);
      if (retryAfter !== undefined) failure.retryAfterSeconds = retryAfter;
      const shouldRetry = error.headers.get('x-should-retry');
      if (shouldRetry === 'true' || shouldRetry === 'false') failure.shouldRetry = shouldRetry === 'true';
    }
    return failure;
  }
  if (error instanceof Error && (error as { code?: unknown }).code === 'ETIMEDOUT') return { kind: 'timeout', message: error.message };
  return { kind: 'unknown', message: scrubSecrets(error instanceof Error ? error.message : String(error)) };
}
