import { scrubSecrets } from '../secrets/scrub-secrets.js';

/**
 * User text, bounded: cut to MAX_INPUT_CHARS before any pattern reads it (`boundText`), and scrubbed, escaped and cut
 * before Slack shows it back (`safeEcho`, `escapeMrkdwn`).
 */

/** Longest input read whole; longer pastes are cut (head and tail kept) and the answer says so. */
export const MAX_INPUT_CHARS = 64 * 1024;

// Keep the head (the status line, the JSON body) and the tail (a traceback ends with the exception raised).
const HEAD_SHARE = 0.375;
const CUT_MARKER = '\n…[cut]…\n';
// Move each cut to whitespace within this distance, so no token (a key!) is split into an unrecognisable piece.
const SNAP_CHARS = 512;

/**
 * `text` (up to MAX_INPUT_CHARS) with secrets masked, for callers that then cut it shorter. The whole bounded text is
 * scrubbed before any cut, so a secret straddling the cut is still recognised whole (a fixed margin past the cut
 * would have to outgrow the longest pattern: JWTs run to about 8,000 characters).
 */
export function scrubBounded(text: string): string {
  return scrubSecrets(text.slice(0, MAX_INPUT_CHARS));
}

export interface BoundedText {
  text: string;
  truncated: boolean;
  originalLength: number;
}

/** Caps `input` at `maxChars` before any pattern runs, so no regex ever sees an unbounded string. */
export function boundText(input: string, maxChars = MAX_INPUT_CHARS): BoundedText {
  const originalLength = input.length;
  if (originalLength <= maxChars) return { text: input, truncated: false, originalLength };
  let headEnd = Math.floor(maxChars * HEAD_SHARE);
  let tailStart = originalLength - (maxChars - headEnd - CUT_MARKER.length);
  const headSpace = lastWhitespace(input, headEnd, headEnd - SNAP_CHARS);
  if (headSpace >= 0) headEnd = headSpace;
  const tailSpace = firstWhitespace(input, tailStart, tailStart + SNAP_CHARS);
  if (tailSpace >= 0) tailStart = tailSpace + 1;
  return { text: input.slice(0, headEnd) + CUT_MARKER + input.slice(tailStart), truncated: true, originalLength };
}

function lastWhitespace(s: string, from: number, to: number): number {
  for (let i = from; i > to; i--) if (/\s/.test(s[i]!)) return i;
  return -1;
}

function firstWhitespace(s: string, from: number, to: number): number {
  for (let i = from; i < to && i < s.length; i++) if (/\s/.test(s[i]!)) return i;
  return -1;
}

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
