import type { ApiFailure, FailureKind } from '../ports/claude-api.js';
import { scrubSecrets } from '../secrets/scrub-secrets.js';
import type { Blame, CheckStatus } from './check-result.js';

/** What a failed probe means for a person: how bad, whose side, what happened and what to do. */
export interface FailureDescription {
  status: Extract<CheckStatus, 'warn' | 'fail'>;
  blame: Blame;
  cause: string;
  fix: string;
}

/**
 * Every failure kind is described here: a new kind in the port fails the build until it is. Short fixes written
 * by someone who has met each one; the explainer's knowledge base, where present, may say more.
 */
const BY_KIND: Record<FailureKind, FailureDescription> = {
  auth: { status: 'fail', blame: 'us', cause: 'The API rejected the key (401)', fix: 'The key is wrong, revoked or expired: create a new key in the Console (API keys) and update ANTHROPIC_API_KEY.' },
  permission: { status: 'fail', blame: 'us', cause: 'The key is not allowed to do this (403)', fix: "Check the key's workspace in the Console: the model may be disabled for it, or the region unsupported." },
  not_found: { status: 'fail', blame: 'us', cause: 'Not found (404)', fix: 'Check the model id against GET /v1/models; an old id may have been retired.' },
  invalid_request: { status: 'fail', blame: 'us', cause: 'The API refused the request (400)', fix: 'Read the API message: a low credit balance, a spend limit you set or a disabled organisation also arrive as 400.' },
  request_too_large: { status: 'fail', blame: 'us', cause: 'The request was too large (413)', fix: 'Send less: the Messages limit is 32 MB.' },
  billing: { status: 'fail', blame: 'us', cause: 'Billing: the credit balance is too low or payment failed', fix: 'Add credits or fix the payment method in the Console under Billing; calls work again within minutes.' },
  spend_cap: { status: 'fail', blame: 'us', cause: "The organisation's monthly spend cap is reached", fix: 'Retrying will not help until the month rolls over: raise the limit in the Console (Limits) or move to a higher tier.' },
  rate_limit: { status: 'warn', blame: 'us', cause: 'Rate-limited (429): this organisation used its per-minute quota', fix: 'Wait for the reset time; if it happens often, lower CLAUDE_RPM or ask Anthropic for a higher tier.' },
  overloaded: { status: 'fail', blame: 'anthropic', cause: 'The API is overloaded (529)', fix: 'Nothing to fix on your side: retry with backoff, and watch status.claude.com.' },
  server: { status: 'fail', blame: 'anthropic', cause: 'The API had an internal error (5xx)', fix: 'Retry with backoff; if it persists, report the request id to Anthropic support.' },
  timeout: { status: 'fail', blame: 'network', cause: 'No answer in time', fix: 'Check the network path to api.anthropic.com (proxy, firewall, DNS); the status page says whether the API is slow.' },
  connection: { status: 'fail', blame: 'network', cause: 'Could not connect to the API', fix: 'Check DNS, proxy and firewall for api.anthropic.com, and ANTHROPIC_BASE_URL if set.' },
  circuit_open: { status: 'warn', blame: 'us', cause: "The bot's circuit breaker is open after repeated failures", fix: 'It closes by itself once a probe succeeds; look at the failures that opened it.' },
  queue_full: { status: 'warn', blame: 'us', cause: "The bot's own queue is full", fix: 'Too many calls at once from this bot: wait, or raise CLAUDE_RPM if your tier allows it.' },
  aborted: { status: 'warn', blame: 'unknown', cause: 'The call was cancelled before an answer', fix: 'Run the check again.' },
  unknown: { status: 'fail', blame: 'unknown', cause: 'An unexpected error', fix: 'Run the check again; if it persists, report the request id to Anthropic support.' },
};

/** Describes a failed call; the API's own words and request id belong in the check's detail, shown beside this. */
export function describeFailure(failure: ApiFailure): FailureDescription {
  return BY_KIND[failure.kind];
}

/** The API's own message, status, error code and request id, as detail lines for a check. */
export function failureDetail(failure: ApiFailure): string[] {
  const head = [failure.status, failure.type, failure.errorCode].filter((part) => part !== undefined).join(' ');
  return [
    // The API never echoes keys, but a proxy's error page might: scrub before it reaches Slack.
    `API said: ${head ? `${head}: ` : ''}${scrubSecrets(failure.message)}`,
    ...(failure.retryAfterSeconds !== undefined ? [`retry after ${failure.retryAfterSeconds} s`] : []),
    ...(failure.requestId ? [`request id ${failure.requestId}`] : []),
  ];
}
