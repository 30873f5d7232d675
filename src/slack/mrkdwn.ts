/**
 * Every Slack surface's mrkdwn helpers. Text that came from users, the API or the status page goes into mrkdwn only through these: Slack treats `&`,
 * `<` and `>` as control characters, and unescaped they can fire `<!channel>` or `<@U…>` mentions.
 */

import { escapeMrkdwn } from '../explain/escape-mrkdwn.js';

export { escapeMrkdwn };

/** Shortens raw text to at most `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Clips raw text, then escapes it: clipping first never splits an entity such as `&amp;`. */
export const esc = (text: string, max = 500): string => escapeMrkdwn(clip(text, max));

/**
 * Shortens already-built mrkdwn to `max` characters without leaving half an entity (`&am`) or half a link
 * (`<https://…`) at the cut.
 */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]*$/, '');
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return `${cut.trimEnd()}…`;
}

/** A link whose label is escaped; only http(s) URLs become links, anything else is shown as escaped text. */
export function link(url: string | undefined, label: string): string {
  if (!url || !/^https?:\/\//i.test(url)) return esc(label, 200);
  const safeUrl = escapeMrkdwn(url).replace(/\|/g, '%7C');
  return `<${safeUrl}|${esc(label, 200)}>`;
}

/** An ISO time as a Slack date token (shown in each reader's time zone), with the ISO text as fallback. */
export function slackDate(iso: string | undefined): string {
  if (!iso) return 'unknown time';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return esc(iso, 60);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time_secs}|${escapeMrkdwn(new Date(ms).toISOString())}>`;
}

// Slack user ids are U… or W… followed by upper-case letters and digits; anything else is shown as text, not a mention.
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** `<@U123>` for a real-looking user id, else the escaped text (a forged id must not become a mention). */
export const mention = (userId: string | undefined): string =>
  userId === undefined ? 'someone' : USER_ID.test(userId) ? `<@${userId}>` : esc(userId, 60);

/** ISO time as plain text for the notification fallback (no tokens there: some clients show them raw). */
export const plainDate = (iso: string | undefined): string => {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? 'an unknown time' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

export { formatDuration } from '../monitor/format-duration.js';
