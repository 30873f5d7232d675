import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { classifyApiError } from '../explain/classify-api-error.js';
import { parseErrorText } from '../explain/parse-error-text.js';
import { CircuitOpenError, DeadlineError, QueueFullError, StoppedError } from '../resilience/guard-errors.js';
import type { AttemptFailure } from '../resilience/retry-policy.js';
import { scrubSecrets } from '../secrets/scrub-secrets.js';
import { readRetryAfterSeconds } from './read-call-meta.js';

/**
 * Turns whatever an attempt threw (SDK error, our guard's errors, opossum's timeout) into a failure value, classified
 * here once into the knowledge base's category and kind (the explainer's tables: error code, message, type, status).
 */
export function toApiFailure(error: unknown, nowMs: number): AttemptFailure {
  if (error instanceof CircuitOpenError) return { category: 'server_error', kind: 'circuit_open', message: error.message };
  if (error instanceof QueueFullError) return { category: 'rate_limit', kind: 'queue_full', message: error.message };
  // The client shutting down dropped the call before it was sent: our own refusal, not to be retried.
  if (error instanceof StoppedError) return { category: 'timeout', kind: 'aborted', message: error.message, shouldRetry: false };
  // Our own rate budget held the call past its deadline (paused after a 429, or pacing): it never left, so it says
  // nothing about the API's reach or speed (it was read as a network timeout: a report blamed the network).
  if (error instanceof DeadlineError) {
    const retryAfterSeconds = error.pausedUntil === undefined ? undefined : Math.max(1, Math.ceil((error.pausedUntil - nowMs) / 1000));
    const message = error.pausedUntil === undefined
      ? "the bot's rate budget (CLAUDE_RPM and the API's limits) did not free up before the call's deadline"
      : `the bot's lane is paused after a 429 from the API until ${new Date(error.pausedUntil).toISOString()}`;
    return { category: 'rate_limit', kind: 'held', message, shouldRetry: false, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
  }
  if (error instanceof APIUserAbortError) return { category: 'timeout', kind: 'aborted', message: 'request aborted', sdkClass: error.name };
  if (error instanceof APIConnectionTimeoutError) return { category: 'timeout', kind: 'client_timeout', message: error.message, sdkClass: error.name };
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    // "Connection error." + ": fetch failed" read "Connection error.: fetch failed".
    return { category: 'connection', message: scrubSecrets(`${cause ? error.message.replace(/\.$/, '') : error.message}${cause}`), sdkClass: error.name };
  }
  if (error instanceof APIError) {
    const message = scrubSecrets(error.apiMessage ?? error.message);
    const failure: AttemptFailure = {
      ...classifyApiError({ status: error.status, type: error.type ?? undefined, errorCode: error.errorCode ?? undefined, message, sdkClass: error.name }),
      message: htmlPageInWords(message) ?? message,
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
  if (error instanceof Error && (error as { code?: unknown }).code === 'ETIMEDOUT') return { category: 'timeout', kind: 'client_timeout', message: error.message };
  // The SDK could not parse an answer's body (a 200 cut short, or changed by a proxy): the server side failed us. It was
  // "unknown", and the report told the person to paste the full error.
  if (error instanceof SyntaxError) {
    return { category: 'server_error', message: scrubSecrets(`the API answered, but its body was not valid JSON (cut short, or changed by a proxy on the way): ${error.message}`) };
  }
  return { category: 'unknown', message: scrubSecrets(error instanceof Error ? error.message : String(error)) };
}

/**
 * A proxy's HTML error page (Cloudflare's 502, a load balancer's 504) in a few words — its title and Ray ID — instead
 * of the page itself, which reports and alerts showed whole (escaped markup, three times in one report).
 */
function htmlPageInWords(message: string): string | undefined {
  if (!/<html|<!DOCTYPE/i.test(message.slice(0, 200))) return undefined;
  const page = parseErrorText(message);
  const title = page.message ? `: "${page.message}"` : '';
  return `an HTML error page from a proxy in front of the API, not the API's JSON${title}${page.rayId ? ` (Cloudflare Ray ID ${page.rayId})` : ''}`;
}
