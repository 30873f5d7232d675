import type { App } from '@slack/bolt';
import { platformErrorCode } from '../alerts/to-sink-failure.js';
import type { SlackMessage } from '../kit/index.js';
import { answerForUser, type AnswerDeps, type Delivery, type ExplainLogger } from './answer-for-user.js';
import { createSeenEvents } from './seen-events.js';
import { textToExplain } from './text-to-explain.js';

/** The message shortcut's callback id, as declared in the app manifest. */
export const EXPLAIN_SHORTCUT_ID = 'explain_claude_error';

export interface ExplainDeps extends AnswerDeps {
  logger: ExplainLogger;
  /** The bot's user id, to strip its mention; Bolt's `context.botUserId` is used when absent. */
  botUserId?: string;
}

// The bot cannot post there: answer the asker ephemerally through the shortcut's response_url instead.
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

type Client = App['client'];
type Respond = (message: { text: string; blocks?: SlackMessage['blocks']; response_type: 'ephemeral'; replace_original: boolean }) => Promise<unknown>;

/**
 * "Explain this error" in Slack, three ways in (the fourth, `/claude-status explain`, is `explainForCommand`): the
 * *Explain Claude error* message shortcut (answered in the message's thread, or ephemerally when the bot cannot
 * post there), `@claude-status explain …` in a channel (thread reply), and a direct message to the bot. Each gets
 * the offline answer first and Claude's addition as an update of that same message.
 */
export function registerExplain(app: App, deps: ExplainDeps): void {
  const seen = createSeenEvents();

  app.shortcut({ callback_id: EXPLAIN_SHORTCUT_ID, type: 'message_action' }, async ({ ack, shortcut, client, respond }) => {
    await ack(); // first: Slack allows 3 s; the answer follows off the ack path
    const { message, channel, user } = shortcut;
    const attachments = Array.isArray(message.attachments) ? (message.attachments as { text?: string; fallback?: string }[]) : [];
    const text = [message.text ?? '', ...attachments.map((a) => a.text ?? a.fallback ?? '')].filter(Boolean).join('\n');
    const threadTs = typeof message.thread_ts === 'string' ? message.thread_ts : message.ts;
    const ephemeral = viaResponseUrl(respond);
    await answerForUser(deps, text, user.id, 'shortcut', {
      first: async (answer) => {
        try {
          return await postThenUpdate(client, { channel: channel.id, thread_ts: threadTs }, answer, user.id, 'shortcut');
        } catch (err) {
          const code = platformErrorCode(err);
          if (!code || !CANNOT_POST.has(code)) deps.logger.warn({ user: user.id, channel: channel.id, error: code ?? 'request_failed' }, 'explain reply not posted in thread');
          return ephemeral.first(answer);
        }
      },
      notice: ephemeral.notice,
    });
  });

  app.event('app_mention', async ({ event, client, context }) => {
    if (event.bot_id || !event.user) return; // other bots mentioning us could loop
    if (!seen.firstTime(`${event.channel}:${event.ts}`)) return ignoreRedelivery(context.retryNum, 'app_mention');
    const text = textToExplain(event.text, deps.botUserId ?? context.botUserId);
    await answerForUser(deps, text, event.user, 'mention', inThread(client, { channel: event.channel, thread_ts: event.thread_ts ?? event.ts }, event.user, 'mention'));
  });

  app.event('message', async ({ event, client, context }) => {
    // Only a person's new message in a DM with the bot: no bot posts, edits, deletions or joins.
    if (event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id || !event.user) return;
    if (!seen.firstTime(`${event.channel}:${event.ts}`)) return ignoreRedelivery(context.retryNum, 'message.im');
    const text = textToExplain(event.text ?? '', deps.botUserId ?? context.botUserId);
    const where = { channel: event.channel, ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}) };
    await answerForUser(deps, text, event.user, 'dm', inThread(client, where, event.user, 'dm'));
  });

  function ignoreRedelivery(retryNum: number | undefined, event: string): void {
    deps.logger.info({ event, retryNum }, 'explain: redelivered event ignored (already handled)');
  }

  /** Posts, then updates the posted message in place (chat.update keeps blocks only when given them). */
  async function postThenUpdate(client: Client, where: { channel: string; thread_ts?: string }, answer: SlackMessage, user: string, via: string) {
    const posted = await client.chat.postMessage({ ...where, ...NO_UNFURL, ...answer });
    const ts = posted.ts;
    if (!ts) return undefined;
    return async (final: SlackMessage) => {
      await client.chat.update({ channel: posted.channel ?? where.channel, ts, ...final }).catch((err: unknown) => {
        deps.logger.warn({ user, via, error: platformErrorCode(err) ?? 'request_failed' }, 'explain update not posted');
      });
    };
  }

  /** A mention or DM: the answer and every notice are posted where the person asked. */
  function inThread(client: Client, where: { channel: string; thread_ts?: string }, user: string, via: string): Delivery {
    const failed = (err: unknown) => void deps.logger.warn({ user, via, error: platformErrorCode(err) ?? 'request_failed' }, 'explain reply not posted');
    return {
      first: (answer) => postThenUpdate(client, where, answer, user, via).catch((err: unknown) => (failed(err), undefined)),
      notice: async (text) => void (await client.chat.postMessage({ ...where, ...NO_UNFURL, text }).catch(failed)),
    };
  }
}

/** The asker only, through the shortcut's response_url: the first answer, then the same message replaced. */
function viaResponseUrl(respond: Respond): Delivery {
  return {
    first: async (answer) => {
      await respond({ response_type: 'ephemeral', replace_original: false, ...answer });
      return async (final) => void (await respond({ response_type: 'ephemeral', replace_original: true, ...final }));
    },
    notice: async (text) => void (await respond({ response_type: 'ephemeral', replace_original: false, text })),
  };
}
