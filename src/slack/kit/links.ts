import { esc, escapeMrkdwn } from './escape.js';

/** A link whose label is escaped; only http(s) URLs become links, anything else is shown as escaped text. */
export function link(url: string | undefined, label: string): string {
  if (!url || !/^https?:\/\//i.test(url)) return esc(label, 200);
  const safeUrl = escapeMrkdwn(url).replace(/\|/g, '%7C');
  return `<${safeUrl}|${esc(label, 200)}>`;
}

// Slack user ids are U… or W… followed by upper-case letters and digits; anything else is shown as text, not a mention.
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,20}$/;

/** `<@U123>` for a real-looking user id, else the escaped text (a forged id must not become a mention). */
export const mention = (userId: string | undefined): string =>
  userId === undefined ? 'someone' : USER_ID.test(userId) ? `<@${userId}>` : esc(userId, 60);

/** `<#C123>` for a channel id (Slack shows its current name), else `#name` as escaped text. */
export const channelRef = (channel: string | undefined): string =>
  !channel ? 'no channel' : CHANNEL_ID.test(channel) ? `<#${channel}>` : `#${esc(channel.replace(/^#/, ''), 80)}`;
