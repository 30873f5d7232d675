import { escapeMrkdwn, safeEcho } from '../../explain/bound-text.js';

/**
 * Text that came from users, the API or the status page goes into mrkdwn only through these: Slack treats `&`, `<`
 * and `>` as control characters, and unescaped they can fire `<!channel>` or `<@U…>` mentions (reference/slack.md).
 * `escapeMrkdwn` and `safeEcho` (scrub, escape, defuse mass mentions) are the explainer's own, re-exported here.
 */
export { escapeMrkdwn, safeEcho };

/** Shortens raw text to at most `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Clips raw text, then escapes it: clipping first never splits an entity such as `&amp;`. */
export const esc = (text: string, max = 500): string => escapeMrkdwn(clip(text, max));

/**
 * Shortens already-built mrkdwn to `max` characters without leaving half an entity (`&am`), half a link or date
 * token (`<https://…`), or an unclosed code span at the cut.
 */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]*$/, '');
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  // An odd number of backticks on the last line leaves a code span open to the end of the message.
  const lastLine = cut.slice(cut.lastIndexOf('\n') + 1);
  if ((lastLine.match(/`/g) ?? []).length % 2 === 1) cut = cut.slice(0, cut.lastIndexOf('`'));
  return `${cut.trimEnd()}…`;
}
