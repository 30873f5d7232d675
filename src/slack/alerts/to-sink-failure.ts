import { webApi } from '@slack/bolt';
import type { SinkResult } from '../../monitor/alert-sink.js';

/** A failed Slack call as the outbox understands it: transient (retry, maybe after `Retry-After`) or permanent. */
export type SinkFailure = Extract<SinkResult<never>, { ok: false }>;

// Platform errors (HTTP 200, ok:false) that clear by themselves; every other one is deterministic, and retrying it
// would only block the outbox (it stops a pass on a transient failure), so it is permanent.
const TRANSIENT_PLATFORM = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_not_ready']);

const RETRYABLE_HTTP = (status: number): boolean => status >= 500 || status === 429 || status === 408;

/** What an operator should do about the permanent errors one meets when setting up an alert channel. */
const ADVICE: Record<string, string> = {
  channel_not_found: 'ALERT_CHANNEL does not name a channel the bot can see (use the channel ID, e.g. C0123456789)',
  not_in_channel: 'invite the bot to ALERT_CHANNEL (/invite @claude-status) or grant chat:write.public',
  is_archived: 'ALERT_CHANNEL is archived: unarchive it or choose another channel',
  invalid_auth: 'SLACK_BOT_TOKEN is not valid: reinstall the app and copy the new bot token',
  not_authed: 'no bot token was sent: set SLACK_BOT_TOKEN',
  token_revoked: 'the bot token was revoked: reinstall the app',
  account_inactive: 'the bot token belongs to a deleted app or user: reinstall the app',
  missing_scope: 'the app lacks a scope it needs (chat:write to post; channels:history and groups:history to look for a post that timed out): add it in the manifest and reinstall',
  msg_too_long: 'the alert text is longer than Slack allows (a renderer bug)',
  restricted_action: 'a workspace admin restricted posting in ALERT_CHANNEL: allow the bot to post there or choose another channel',
  message_not_found: 'the alert message was deleted, so it cannot be updated or replied to',
  cant_update_message: 'the alert message was not posted by this bot',
  invalid_blocks: 'Slack refused the message layout (a renderer bug)',
};

/**
 * Maps whatever a Web API call threw to a sink failure: 429 (HTTP or `WebAPIRateLimitedError`) with its
 * Retry-After, 5xx, 408, timeouts and network errors as transient; other HTTP 4xx and platform errors such as
 * `channel_not_found` as permanent.
 */
export function toSinkFailure(method: string, error: unknown): SinkFailure {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { ok: false, error: `Slack ${method} rate limited (429), retry after ${error.retryAfter} s`, retryAfterSeconds: error.retryAfter };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const retryAfter = Number(error.headers?.['retry-after']);
    const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
    const failure = { ok: false as const, error: `Slack ${method} answered HTTP ${error.statusCode}`, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
    // 5xx, 429 and 408 clear by themselves; any other 4xx (400, 403, 404, 410, 413…) will answer the same way again.
    return RETRYABLE_HTTP(error.statusCode) ? failure : { ...failure, permanent: true };
  }
  if (error instanceof webApi.WebAPIRequestError) {
    return { ok: false, error: `Slack ${method} unreachable: ${error.original?.message ?? error.message}` };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    if (TRANSIENT_PLATFORM.has(code)) return { ok: false, error: `Slack ${method} failed: ${code}` };
    const advice = ADVICE[code];
    return { ok: false, permanent: true, error: `Slack refused ${method}: ${code}${advice ? ` — ${advice}` : ''}` };
  }
  // Anything else (a bug, an aborted socket) is treated like a network error: the outbox will try again.
  return { ok: false, error: `Slack ${method} failed: ${error instanceof Error ? error.message : String(error)}` };
}

/** The platform error code of a thrown Web API error, if it is one. */
export const platformErrorCode = (error: unknown): string | undefined =>
  error instanceof webApi.WebAPIPlatformError ? error.data.error : undefined;
