import { scrubBounded } from './bound-text.js';

/**
 * Escapes the three characters Slack treats as control characters in mrkdwn. With `<` and `>` escaped, no
 * `<!channel>`, `<!here>`, `<@U…>`, `<#C…>` or `<https://…|link>` in user text can fire or render.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

// Bare @channel/@here/@everyone only ping when the app sends them with link_names; break them anyway, cheaply,
// with a zero-width joiner, so a renderer that turns on link_names later cannot be tricked by pasted text.
const BARE_MENTION = /@(channel|here|everyone)\b/gi;

/**
 * User text made safe to show back in Slack: secrets masked, control characters escaped, mass mentions defused,
 * and cut to `maxChars` (counted before escaping, so an entity is never cut in half).
 */
export function safeEcho(text: string, maxChars: number): string {
  const scrubbed = scrubBounded(text);
  const cut = scrubbed.length > maxChars ? `${scrubbed.slice(0, Math.max(0, maxChars - 1))}…` : scrubbed;
  return escapeMrkdwn(cut).replace(BARE_MENTION, '@\u200d$1');
}
