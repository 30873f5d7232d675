import type { Category } from '../../../src/ports/category.js';
import type { Classify } from './score-pastes.js';

/**
 * Naive baselines for the real-paste score, kept here (not imported from src/) so they never move with the parser:
 * what a few lines of code get, for the bench to print beside the parser's figure.
 */

/** The status codes Anthropic documents, and the usual proxy ones, mapped as the API's error page maps them. */
const STATUS: Readonly<Record<string, Category>> = {
  '400': 'invalid_request', '401': 'auth', '402': 'billing', '403': 'permission', '404': 'not_found',
  '408': 'timeout', '413': 'request_too_large', '429': 'rate_limit', '500': 'server_error', '502': 'server_error',
  '503': 'server_error', '504': 'timeout', '529': 'overloaded',
};

// The first of those numbers standing alone in the text (linear: one alternation, word boundaries).
const STATUS_RE = /\b(400|401|402|403|404|408|413|429|500|502|503|504|529)\b/;

/** The first status-looking number decides; none → unknown. */
export const classifyByStatusOnly: Classify = (text) => {
  const m = STATUS_RE.exec(text);
  return { category: m?.[1] ? (STATUS[m[1]] ?? 'unknown') : 'unknown' };
};

/** The API's error type names and a few words, first match in this order wins; none → unknown. */
const KEYWORDS: readonly [RegExp, Category][] = [
  [/overloaded/i, 'overloaded'],
  [/rate.?limit|too many requests/i, 'rate_limit'],
  [/credit balance|billing/i, 'billing'],
  [/authentication|x-api-key|api key/i, 'auth'],
  [/permission|forbidden/i, 'permission'],
  [/not.?found/i, 'not_found'],
  [/too large|request_too_large/i, 'request_too_large'],
  [/invalid_request|bad request/i, 'invalid_request'],
  [/timed? ?out|timeout/i, 'timeout'],
  [/connection|econn|fetch failed/i, 'connection'],
  [/internal server error|api_error/i, 'server_error'],
];

export const classifyByKeywordsOnly: Classify = (text) => ({
  category: KEYWORDS.find(([re]) => re.test(text))?.[1] ?? 'unknown',
});
