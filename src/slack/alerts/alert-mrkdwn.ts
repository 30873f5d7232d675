/**
 * Small mrkdwn pieces for alerts. Everything that came from the API, the status page or a user passes through `esc`:
 * Slack treats `&`, `<` and `>` as control characters, and unescaped they could fire `<!channel>` from an error message.
 * Kept here (not shared with the report renderer) so alert delivery has no dependency on another surface's files.
 */

/** Escapes `&` (first), `<` and `>`; nothing else is special in mrkdwn. */
export const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cuts raw text to `max` characters with an ellipsis; cutting before escaping never splits an entity. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Clipped, then escaped: the one way API or user text enters an alert. */
export const esc = (text: string, max = 500): string => escapeText(clip(text, max));

// Slack user ids are U… or W… followed by upper-case letters and digits; anything else is shown as text, not a mention.
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** `<@U123>` for a real-looking user id, else the escaped text (a forged id must not become a mention). */
export const mention = (userId: string | undefined): string =>
  userId === undefined ? 'someone' : USER_ID.test(userId) ? `<@${userId}>` : esc(userId, 60);

/** An ISO time as a Slack date token (shown in each reader's time zone), the ISO text as its fallback. */
export function slackDate(iso: string | undefined): string {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(ms)) return iso === undefined ? 'an unknown time' : esc(iso, 60);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString()}>`;
}

/** ISO time as plain text for the notification fallback (no tokens there: some clients show them raw). */
export const plainDate = (iso: string | undefined): string => {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? 'an unknown time' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}
