/** What to say when there is nothing to explain (an empty mention or DM, a shortcut on a message without text). */
export const EXPLAIN_USAGE =
  'Paste a Claude API error and I will say what it is, why it happens and how to fix it: `@claude-status explain Error: 429 {"type":"error",…}`, ' +
  'a direct message to me with the error, `/claude-status explain <error>`, or the *Explain Claude error* shortcut on any message.';

// Slack writes a mention as <@U…> or <@U…|name>; ids are upper-case letters and digits.
const MENTION = /<@([A-Z0-9]+)(?:\|[^>]*)?>/g;
const LEADING_VERB = /^\s*(?:explain|what(?:'|’)?s|what is)\b[\s:,-]*/i;

/**
 * The error text in a mention or DM: the bot's own mention removed (every one, wherever it is; others stay, the
 * renderer escapes them), then a leading "explain" / "what's" dropped. Empty when only the mention was there.
 */
export function textToExplain(raw: string, botUserId?: string): string {
  const withoutBot = raw.replace(MENTION, (whole, id: string) => (botUserId === undefined || id === botUserId ? ' ' : whole));
  return withoutBot.trim().replace(LEADING_VERB, '').trim();
}
