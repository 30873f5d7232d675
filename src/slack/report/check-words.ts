import { retargetFix } from '../../checks/retarget-fix.js';
import { esc, plainDate, slackDate } from '../kit/index.js';

// ISO-8601 instants in UTC as our checks write them ("2026-12-02T07:36:26.815Z", with or without milliseconds).
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?Z\b/g;

/**
 * A check's own words (summary, detail, fix) for a Slack block: escaped, clipped to `max`, every ISO time a `<!date>`
 * token each reader sees in their own zone, and advice naming api.anthropic.com aimed at the configured base URL
 * (retargetFix, as the CLI does). The dates are put in after escaping: the token's `<` must stay markup.
 */
export const checkWords = (text: string, max: number, baseURL?: string): string =>
  esc(retargetFix(text, baseURL), max).replace(ISO_INSTANT, (iso) => slackDate(iso));

/** The same words for the plain `text` fallback, where some clients show a `<!date>` token raw: times as "… UTC". */
export const plainCheckWords = (text: string, max: number): string =>
  esc(text, max).replace(ISO_INSTANT, (iso) => plainDate(iso));
