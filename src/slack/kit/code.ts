import { esc, safeEcho } from './escape.js';

// A backtick inside a code span would end it early; the modifier letter grave looks the same and does not.
const noBackticks = (text: string): string => text.replace(/`/g, 'ˋ');

/** An inline code span for something a person copies (a model id, a request id, a command): escaped and clipped. */
export const codeSpan = (text: string, max = 120): string => `\`${noBackticks(esc(text, max))}\``;

/**
 * A fenced code block for a snippet. `fromOutside` text (pasted, or written by Claude) is also scrubbed of secrets
 * and has its mass mentions defused; our own snippets are only escaped.
 */
export function codeBlock(text: string, max = 1800, options: { fromOutside?: boolean } = {}): string {
  const body = options.fromOutside ? safeEcho(text, max) : esc(text, max);
  return `\`\`\`${body.replace(/```/g, 'ˋˋˋ')}\`\`\``;
}
