import { webApi, type Logger as SlackLogger } from '@slack/bolt';
import type { AlertRef, AlertRoot, AlertSink, SinkResult } from '../../monitor/alert-sink.js';
import type { MonitorLogger } from '../../monitor/monitor-logger.js';
import { renderAlertRoot, type AlertMessage } from './render-alert.js';
import { renderThreadNote } from './render-thread-note.js';
import { platformErrorCode, toSinkFailure } from './to-sink-failure.js';

type WebClient = InstanceType<typeof webApi.WebClient>;

export interface SlackAlertSinkDeps {
  /** A client with retries off (see `createAlertClient`): the monitor's outbox does the retrying, durably. */
  client: WebClient;
  /** Channel ID (or name) of ALERT_CHANNEL. */
  channel: string;
  logger: MonitorLogger;
  /** ALERT_MENTION, validated Slack syntax (`<!subteam^S…>`, `<@U…>`): put on a critical alert's root while open. */
  mention?: string;
}

/** How long one alert call may take before the outbox counts it as failed (outcome unknown). */
export const ALERT_CLIENT_TIMEOUT_MS = 5_000;

/** The metadata `event_type` of our root posts (letters, digits, `_`, `-` only: reference/alerting.md §3). */
export const ALERT_EVENT_TYPE = 'claude_status_alert';
/** conversations.history pages read when looking for a lost post: 15 messages each (the smallest tier's cap). */
const HISTORY_PAGE = 15;
const HISTORY_PAGES = 4;

const isChannelId = (channel: string): boolean => /^[CGD][A-Z0-9]+$/.test(channel);

/**
 * A Web API client for alert delivery: no retries of its own and 429s rejected with their Retry-After, so a slow
 * Slack never holds the outbox for the client's default 30 minutes of retries — the outbox keeps the message and
 * tries again when Slack said to.
 */
export function createAlertClient(token: string, slackApiUrl?: string, logger?: SlackLogger, options: { timeoutMs?: number } = {}): WebClient {
  return new webApi.WebClient(token, {
    // Pass createBoltLogger(pino) so the client's own warnings go through our scrubbing logger, not the console.
    ...(logger ? { logger } : {}),
    ...(slackApiUrl ? { slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // A hung call must not hold the outbox (or shutdown, which has 10 s): the outbox retries it later, after looking
    // in the channel for the post in case Slack took it (findRoot).
    timeout: options.timeoutMs ?? ALERT_CLIENT_TIMEOUT_MS,
  });
}

/** The monitor's AlertSink on Slack: root posts, in-place updates, thread replies; failures as values. */
export function createSlackAlertSink(deps: SlackAlertSinkDeps): AlertSink {
  const { client, channel, logger } = deps;
  // conversations.history takes only an id: ALERT_CHANNEL's own, else the one Slack answered a post with.
  let channelId = isChannelId(channel) ? channel : undefined;
  let botId: string | undefined;

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

  /** The root as rendered, with ALERT_MENTION in front when it is critical and open (root only: never the thread). */
  const rootMessage = (root: AlertRoot): AlertMessage => {
    const message = renderAlertRoot(root);
    if (!deps.mention || root.severity !== 'critical' || root.status !== 'open') return message;
    const [header, ...rest] = message.blocks;
    const mention: AlertMessage['blocks'][number] = { type: 'context', elements: [{ type: 'mrkdwn', text: deps.mention }] };
    return { text: `${deps.mention} ${message.text}`, blocks: [...(header ? [header] : []), mention, ...rest].slice(0, 50) };
  };

  const refOf = (res: { channel?: string; ts?: string }, fallbackChannel: string): AlertRef => {
    if (!res.ts) throw new Error('Slack answered ok without a message ts');
    if (res.channel && fallbackChannel === channel) channelId ??= res.channel;
    return { channel: res.channel ?? fallbackChannel, ts: res.ts };
  };

  /** Our root with this key among the channel's top-level messages since `sinceMs`, posted by this bot. */
  async function findRoot(idempotencyKey: string, sinceMs: number): Promise<AlertRef | undefined> {
    if (!channelId) throw new CannotLookError(`ALERT_CHANNEL ${channel} is a name, and no post has told us its id yet: set ALERT_CHANNEL to the channel id`);
    botId ??= (await client.auth.test()).bot_id;
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const res = await client.conversations.history({
        channel: channelId, oldest: (Math.max(0, sinceMs) / 1000).toFixed(6), limit: HISTORY_PAGE, include_all_metadata: true, ...(cursor ? { cursor } : {}),
      });
      const hit = res.messages?.find((m) =>
        m.bot_id === botId && m.metadata?.event_type === ALERT_EVENT_TYPE && (m.metadata.event_payload as { idempotency_key?: unknown } | undefined)?.idempotency_key === idempotencyKey);
      if (hit?.ts) return { channel: channelId, ts: hit.ts };
      cursor = res.response_metadata?.next_cursor;
      if (!res.has_more || !cursor) return undefined;
    }
    return undefined;
  }

  return {
    postRoot: (root, idempotencyKey) =>
      call('chat.postMessage', idempotencyKey, async (withBlocks) => {
        const { text, blocks } = rootMessage(root);
        const res = await client.chat.postMessage({
          channel, text, ...(withBlocks ? { blocks } : {}), unfurl_links: false, unfurl_media: false,
          // Marks the message as ours with its key: after a timeout, findRoot recognises a post that landed.
          metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { alert_id: root.alertId, idempotency_key: idempotencyKey } },
        });
        return refOf(res, channel);
      }),
    updateRoot: (ref, root, idempotencyKey) =>
      call('chat.update', idempotencyKey, async (withBlocks) => {
        const { text, blocks } = rootMessage(root);
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
    findRoot: async (idempotencyKey, sinceMs) => {
      try {
        return { ok: true, value: await findRoot(idempotencyKey, sinceMs) };
      } catch (error) {
        if (error instanceof CannotLookError) return { ok: false, permanent: true, error: error.message };
        const failure = toSinkFailure('conversations.history', error);
        logger.warn({ idempotencyKey, error: failure.error }, 'could not look in the alert channel for an earlier root post');
        return failure;
      }
    },
  };
}

/** The look-up cannot work with this configuration: the outbox posts again rather than wait for ever. */
class CannotLookError extends Error {}
