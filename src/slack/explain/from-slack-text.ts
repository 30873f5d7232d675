// Slack's markup in a message's text: <url>, <url|label>, <mailto:…|label>. Mentions (<@U…>, <#C…>, <!here>) stay:
// they are not part of a pasted error, and every renderer escapes them again.
const LINK = /<((?:https?|mailto|ftp):[^<>|\s]{1,2048})(?:\|([^<>]{0,2048}))?>/g;
const ENTITY = /&(amp|lt|gt);/g;
const DECODED: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

/**
 * A message's text as the person typed or pasted it: Slack's link markup undone (the visible label, or the URL) and
 * its three escapes (`&amp;`, `&lt;`, `&gt;`) decoded, so the echo and the prompt to Claude carry `215000 tokens >
 * 200000`, not `&gt;` (the echo escaped `&gt;` a second time). Markup first: a `<` the person typed arrives as `&lt;`.
 */
export function fromSlackText(text: string): string {
  return text.replace(LINK, (_whole, url: string, label?: string) => label || url).replace(ENTITY, (_whole, name: string) => DECODED[name]!);
}
