import { escapeMrkdwn } from './escape.js';

/** Slack's date token formats (api.slack.com/reference/surfaces/formatting#date-formatting). */
export type SlackDateFormat = 'date_time' | 'time' | 'date';
const FORMAT: Record<SlackDateFormat, string> = {
  date_time: '{date_short_pretty} {time}',
  time: '{time}',
  date: '{date_short_pretty}',
};

const toMs = (when: string | number | undefined): number =>
  when === undefined ? Number.NaN : typeof when === 'number' ? when : Date.parse(when);

/**
 * A time as Slack's `<!date^…>` token, which each reader's client shows in their own time zone ("Today 09:14",
 * "Yesterday 17:02", "Dec 2 08:30"); the fallback, for clients that cannot render the token, is readable UTC.
 */
export function slackDate(when: string | number | undefined, format: SlackDateFormat = 'date_time'): string {
  const ms = toMs(when);
  if (Number.isNaN(ms)) return typeof when === 'string' ? escapeMrkdwn(when.slice(0, 60)) : 'an unknown time';
  return `<!date^${Math.floor(ms / 1000)}^${FORMAT[format]}|${plainDate(ms)}>`;
}

/**
 * A time as plain text, "2026-12-02 07:30 UTC": for notification fallbacks (`text`), where some clients show tokens
 * raw, and for plain_text objects such as headers.
 */
export function plainDate(when: string | number | undefined): string {
  const ms = toMs(when);
  return Number.isNaN(ms) ? 'an unknown time' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
