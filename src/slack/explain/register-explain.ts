import type { App } from '@slack/bolt';
import { platformErrorCode } from '../alerts/to-sink-failure.js';
import type { PerUserLimit } from '../per-user-limit.js';
import { answerForUser, type ExplainLogger } from './answer-for-user.js';
import type { SlackExplainer } from './explain-for-command.js';
import { createSeenEvents } from './seen-events.js';
import { textToExplain } from './text-to-explain.js';

export { explainForCommand, type SlackExplainer } from './explain-for-command.js';

/** The message shortcut's callback id, as declared in the app manifest. */
export const EXPLAIN_SHORTCUT_ID = 'explain_claude_error';

export interface ExplainDeps {
  explainer: SlackExplainer;
  limit: PerUserLimit;
  logger: ExplainLogger;
  /** The bot's user id, to strip its mention; Bolt's `context.botUserId` is used when absent. */
  botUserId?: string;
}

// The bot cannot post there: answer the asker ephemerally through the shortcut's response_url instead.
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/**
 * "Explain this error" in Slack, three ways in (the fourth, `/claude-status explain`, is `explainForCommand`): the
 * *Explain Claude error* message shortcut (answered in the message's thread, or ephemerally when the bot cannot
 * post there), `@claude-status explain …` in a channel (thread reply), and a direct message to the bot.
 */
export function registerExplain(app: App, deps: ExplainDeps): void {
  const seen = createSeenEvents();

  app.shortcut({ callback_id: EXPLAIN_SHORTCUT_ID, type: 'message_action' }, async ({ ack, shortcut, client, respond }) => {
    await ack(); // first: Slack allows 3 s, and Claude may take longer
    const { message, channel, user } = shortcut;
    const attachments = Array.isArray(message.attachments) ? (message.attachments as { text?: string; fallback?: string }[]) : [];
    const text = [message.text ?? '', ...attachments.map((a) => a.text ?? a.fallback ?? '')].filter(Boolean).join('\n');
    const answer = await answerForUser(deps, text, user.id, 'shortcut');
    if (answer.kind === 'notice') {
      await respond({ response_type: 'ephemeral', replace_original: false, ...answer.message });
      return;
    }
    try {
      const threadTs = typeof message.thread_ts === 'string' ? message.thread_ts : message.ts;
      await client.chat.postMessage({ channel: channel.id, thread_ts: threadTs, unfurl_links: false, unfurl_media: false, ...answer.message });
    } catch (err) {
      const code = platformErrorCode(err);
      if (!code || !CANNOT_POST.has(code)) deps.logger.warn({ user: user.id, channel: channel.id, error: code ?? 'request_failed' }, 'explain reply not posted in thread');
      await respond({ response_type: 'ephemeral', replace_original: false, ...answer.message });
    }
  });

  app.event('app_mention', async ({ event, client, context }) => {
    if (event.bot_id || !event.user) return; // other bots mentioning us could loop
    if (!seen.firstTime(`${event.channel}:${event.ts}`)) return ignoreRedelivery(context.retryNum, 'app_mention');
    const text = textToExplain(event.text, deps.botUserId ?? context.botUserId);
    const answer = await answerForUser(deps, text, event.user, 'mention');
    const threadTs = event.thread_ts ?? event.ts;
    await post(() => client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, unfurl_links: false, unfurl_media: false, ...answer.message }), event.user, 'mention');
  });

  app.event('message', async ({ event, client, context }) => {
    // Only a person's new message in a DM with the bot: no bot posts, edits, deletions or joins.
    if (event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id || !event.user) return;
    if (!seen.firstTime(`${event.channel}:${event.ts}`)) return ignoreRedelivery(context.retryNum, 'message.im');
    const text = textToExplain(event.text ?? '', deps.botUserId ?? context.botUserId);
    const answer = await answerForUser(deps, text, event.user, 'dm');
    const thread = event.thread_ts ? { thread_ts: event.thread_ts } : {};
    await post(() => client.chat.postMessage({ channel: event.channel, ...thread, unfurl_links: false, unfurl_media: false, ...answer.message }), event.user, 'dm');
  });

  function ignoreRedelivery(retryNum: number | undefined, event: string): void {
    deps.logger.info({ event, retryNum }, 'explain: redelivered event ignored (already handled)');
  }

  async function post(send: () => Promise<unknown>, user: string, via: string): Promise<void> {
    try {
      await send();
    } catch (err) {
      deps.logger.warn({ user, via, error: platformErrorCode(err) ?? 'request_failed' }, 'explain reply not posted');
    }
  }
}
