import { webApi, type Logger as SlackLogger } from '@slack/bolt';
import type { AlertRef, AlertSink, SinkResult } from '../../ports/alert-sink.js';
import type { MonitorLogger } from '../../monitor/monitor-logger.js';
import { renderAlertRoot, renderThreadNote } from './render-alert.js';
import { platformErrorCode, toSinkFailure } from './to-sink-failure.js';

type WebClient = InstanceType<typeof webApi.WebClient>;

export interface SlackAlertSinkDeps {
  /** A client with retries off (see `createAlertClient`): the monitor's outbox does the retrying, durably. */
  client: WebClient;
  /** Channel ID (or name) of ALERT_CHANNEL. */
  channel: string;
  logger: MonitorLogger;
}

/**
 * A Web API client for alert delivery: no retries of its own and 429s rejected with their Retry-After, so a slow
 * Slack never holds the outbox for the client's default 30 minutes of retries — the outbox keeps the message and
 * tries again when Slack said to.
 */
export function createAlertClient(token: string, slackApiUrl?: string, logger?: SlackLogger): WebClient {
  return new webApi.WebClient(token, {
    // Pass createBoltLogger(pino) so the client's own warnings go through our scrubbing logger, not the console.
    ...(logger ? { logger } : {}),
    ...(slackApiUrl ? { slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // A hung call must not hold the outbox (or shutdown, which has 10 s): the outbox retries it later.
    timeout: 5_000,
  });
}

/** The monitor's AlertSink on Slack: root posts, in-place updates, thread replies; failures as values. */
export function createSlackAlertSink(deps: SlackAlertSinkDeps): AlertSink {
  const { client, channel, logger } = deps;

  /** Runs a call; a message Slack refuses as `invalid_blocks` is sent again as text only, so an alert is never lost to layout. */
  async function call<T>(method: string, idempotencyKey: string, send: (withBlocks: boolean) => Promise<T>): Promise<SinkResult<T>> {
    try {
      return { ok: true, value: await send(true) };
    } catch (first) {
      let error = first;
      if (platformErrorCode(first) === 'invalid_blocks') {
        logger.error({ method, idempotencyKey, err: first }, 'Slack refused the alert blocks; sending text only');
        try {
          return { ok: true, value: await send(false) };
        } catch (again) {
          error = again;
        }
      }
      const failure = toSinkFailure(method, error);
      (failure.permanent ? logger.error : logger.warn).call(logger, { method, idempotencyKey, error: failure.error, retryAfterSeconds: failure.retryAfterSeconds }, 'alert delivery to Slack failed');
      return failure;
    }
  }

  const refOf = (res: { channel?: string; ts?: string }, fallbackChannel: string): AlertRef => {
    if (!res.ts) throw new Error('Slack answered ok without a message ts');
    return { channel: res.channel ?? fallbackChannel, ts: res.ts };
  };

  return {
    postRoot: (root, idempotencyKey) =>
      call('chat.postMessage', idempotencyKey, async (withBlocks) => {
        const { text, blocks } = renderAlertRoot(root);
        const res = await client.chat.postMessage({
          channel, text, ...(withBlocks ? { blocks } : {}), unfurl_links: false, unfurl_media: false,
          // Marks the message as ours with its key, so a later sweep of the channel could recognise a post it lost.
          metadata: { event_type: 'claude_status_alert', event_payload: { alert_id: root.alertId, idempotency_key: idempotencyKey } },
        });
        return refOf(res, channel);
      }),
    updateRoot: (ref, root, idempotencyKey) =>
      call('chat.update', idempotencyKey, async (withBlocks) => {
        const { text, blocks } = renderAlertRoot(root);
        // chat.update keeps no blocks unless given: send [] in the text-only fallback so stale buttons disappear.
        await client.chat.update({ channel: ref.channel, ts: ref.ts, text, blocks: withBlocks ? blocks : [] });
      }),
    reply: (ref, note, idempotencyKey) =>
      call('chat.postMessage', idempotencyKey, async (withBlocks) => {
        const { text, blocks } = renderThreadNote(note);
        const res = await client.chat.postMessage({
          channel: ref.channel, thread_ts: ref.ts, text, ...(withBlocks && blocks ? { blocks } : {}), unfurl_links: false, unfurl_media: false,
        });
        return refOf(res, ref.channel);
      }),
  };
}
