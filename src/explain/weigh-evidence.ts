import type { Category, Kind } from '../ports/category.js';
import { chooseKind, invalidRequestKindByWording } from './choose-kind.js';
import { CLIENT_CLASSES } from './client-classes.js';
import {
  ANY_FRAGMENT, ANY_PRODUCT_WORDING, CAPACITY_WORDING, ANY_VERDICT, ANY_VOCABULARY, BARE_STATUS_RE, BODY_SIZE_WORDING, BY_ERROR_CODE, BY_SDK_CLASS, BY_STATUS,
  BY_TYPE, EVERY_FRAGMENT, EXACT_MESSAGES, FRAGMENTS, KEYWORDS, LAST_KEYWORDS, LITELLM_CATCH_ALL, MODEL_MISSING, PRODUCT_WORDINGS, VERDICTS, VOCABULARY,
} from './classification-tables.js';
import { flatText, type ParsedError } from './parse-error-text.js';
import { collapseWhitespace } from './normalize-paste.js';
import { withoutProbeStatuses } from './read-status.js';

/** Which category (and finer kind) a parsed error belongs to, and how sure we are (0..1). */
export interface Classification {
  category: Category;
  kind?: Kind;
  confidence: number;
  /** What decided it (the highest-precedence evidence present). */
  basis: Basis;
  /** Evidence that pointed elsewhere and lost (for the low-confidence path and the "unknown" answer). */
  conflicts?: Category[];
}

export type Basis =
  | 'error_code'
  | 'message'
  | 'type'
  | 'status'
  | 'sdk_class'
  | 'client_class'
  | 'wording'
  | 'fragment'
  | 'keywords'
  | 'none'
  /** Claude's validated answer, asked because the rules were unsure (create-explainer.ts). */
  | 'claude';

/** Below this confidence the answer counts as unsure: the explainer may ask Claude to classify. */
export const LOW_CONFIDENCE = 0.6;

/**
 * The precedence, strongest first (the first evidence present decides; the rest can only lower the confidence):
 *
 * 1. `error.details.error_code` — the API's stable machine code.
 * 2. Product wording of billing and access (credit balance, spend or usage limit, organisation disabled, OAuth token):
 *    these arrive under another type (a 400, a 429, a 403), so their words beat the type and status.
 * 3. A 413 status — a request that was too large, whatever its message says about the context window.
 * 4. Anthropic's own message quoted whole by a wrapper (`AnthropicException - Overloaded`, `Last error: Overloaded`,
 *    `{"type":"api_error","message":"Overloaded"}`): the API's words beat the wrapper's class.
 * 5. The error type (`error.type`, or `anthropic api error type: …` from the Go client) — but the catch-all
 *    `api_error` yields to a sure status naming which server-side failure it was (504 timeout, 529 overload).
 * 6. The HTTP status (a line, a field, or prose) — a 503 from an upstream proxy is a server error even when the text
 *    says "connection"; a 405 fits no category (unknown, unsure).
 * 7. The Anthropic SDK's class, then a wrapper's or HTTP stack's class (LiteLLM, Bedrock, httpx, undici). A network
 *    stack's own exception (`ConnectException`, `SocketException`, `TaskCanceledException`, Faraday's, Guzzle's…) says
 *    only that the call failed on the way: its words (fragments, then keywords) say whether it timed out or could not
 *    connect, and its own default stands when they say neither.
 * 8. Unmistakable invalid-request wording (`prompt is too long`), and fragments (a header dump with
 *    `requests-remaining: 0`; Bun's "socket connection was closed unexpectedly") — of several, the one standing last
 *    in the text (rule 8: a retry banner's timeout, then the connection failure that ended the retries), unless a
 *    client's or proxy's verdict on the whole call stands before them (.NET's HttpClient.Timeout and OkHttp's call
 *    timeout heading an exception chain; Envoy's and nginx's "could not reach upstream", a server error by rule 2).
 * 9. Keywords in the whole text.
 */
export function weighEvidence(parsed: ParsedError): Classification {
  const message = `${parsed.message ?? ''} ${parsed.type ?? ''}`.toLowerCase();
  // Wording rules also read the whole text with whitespace collapsed, so a phrase broken across lines still matches.
  const flat = flatText(parsed);
  const byType = parsed.type ? BY_TYPE[parsed.type] : undefined;
  const byStatus = parsed.status ? BY_STATUS[parsed.status] ?? statusRange(parsed.status) : undefined;
  // A wrapper's catch-all class (LiteLLM's InternalServerError, APIConnectionError around any Python exception) does
  // not decide anything: the cause inside it does.
  const bySdk = parsed.sdkClass && !(parsed.client === 'LiteLLM' && LITELLM_CATCH_ALL.has(parsed.sdkClass)) ? BY_SDK_CLASS[parsed.sdkClass] : undefined;
  const client = parsed.clientClass ? CLIENT_CLASSES[parsed.clientClass] : undefined;
  // `kind: null` — the evidence itself says no kind fits (an OAuth sign-in is not an API key's problem): none is guessed.
  const pick = (category: Category, confidence: number, basis: Basis, kind?: Kind | null): Classification =>
    finish(category, kind === null ? undefined : kind ?? chooseKind(category, parsed, message) ?? chooseKind(category, parsed, flat), confidence, basis,
      [byType, byStatus, bySdk, client?.category]);

  // 1. The machine code.
  const code = parsed.errorCode ? BY_ERROR_CODE[parsed.errorCode] : undefined;
  if (code) return pick(code[0], 0.98, 'error_code', code[1]);

  // 2. Product wordings of billing and access, in the message first, then anywhere in the text.
  // One scan of the whole text decides whether any wording is there at all; most pastes have none.
  // The message read decides over words elsewhere (a throttle notice before the error that ended the call, rule 8).
  const anyWording = ANY_PRODUCT_WORDING.test(flat);
  for (const [re, category, kind] of anyWording ? PRODUCT_WORDINGS : []) {
    if (re.test(message)) return pick(category, 0.9, 'message', kind);
  }
  for (const [re, category, kind, messageOnly] of anyWording ? PRODUCT_WORDINGS : []) {
    if (!messageOnly && re.test(flat)) return pick(category, 0.8, 'message', kind);
  }

  // 3. A 413 is a request that was too large, whatever the words; a 429 is a rate limit even when an
  //    OpenAI-compatible layer calls it `invalid_request_error`.
  const statusSure = (parsed.statusRank ?? 9) <= 1;
  if (parsed.status === 413 && (parsed.statusRank ?? 9) <= 2) return pick('request_too_large', 0.9, 'status');
  // A byte-size limit said in words (Bedrock's 400 ValidationException for a body over 25,000,000 bytes).
  if (BODY_SIZE_WORDING.test(flat)) return pick('request_too_large', 0.85, 'wording');
  if (parsed.status === 429 && statusSure && byType === 'invalid_request') return pick('rate_limit', 0.85, 'status');
  // Gateways answer an unknown model with a 400 `invalid_request_error`; the words say what fixes it.
  // A 400 saying the model identifier is invalid is that anywhere in the paste (rule 9), not only in the message read.
  if ((byType === 'invalid_request' || parsed.status === 400) && (MODEL_MISSING.test(message) || MODEL_ID_INVALID.test(flat))) return pick('not_found', 0.75, 'message');

  // A relay's summary of its attempts ("All 2 attempts failed. Last error: HTTP 400 Bad Request: {…}") wrapped in its
  // own status and type: the last attempt's status is the cause (rules 4 and 8), not the wrapper's 429 or 503.
  const lastAttempt = LAST_ATTEMPT_STATUS.exec(flat)?.[1];
  const byLastAttempt = lastAttempt ? BY_STATUS[Number(lastAttempt)] : undefined;
  if (byLastAttempt && byLastAttempt !== 'unknown') return pick(byLastAttempt, 0.8, 'status');

  // 4. The error type. `api_error` is the API's catch-all for a failure on its side, and gateways put it on whatever
  //    came back from upstream: a status naming which server-side failure it was (a 504 timeout, a 529 overload) is
  //    the more specific of two compatible pieces of evidence, and decides (rules 2 and 6).
  if (parsed.type === 'api_error' && statusSure && byStatus && byStatus !== 'server_error' && SERVER_SIDE.has(byStatus)) {
    return pick(byStatus, 0.85, 'status');
  }
  if (byType) return pick(byType, byStatus && !compatible(byType, byStatus) ? 0.55 : 0.95, 'type');

  // 5. Anthropic's own message, quoted whole by a wrapper that dropped the type.
  // An app's labels before it (`API Error: Overloaded`, `Anthropic: Request not allowed`) are not part of the message.
  const quoted = (parsed.message ?? '').trim().replace(APP_LABEL, '');
  const exact = EXACT_MESSAGES[quoted.replace(/[.!]$/, '').toLowerCase()];
  if (exact) return pick(exact, 0.9, 'message');
  // The API's 404 message is the model id alone (`model: claude-3-5-sonnet-20241022`); quoted without its type it still
  // says which model was not found — unsure (a config dump has the same line), so Claude is asked when it can be.
  if (MODEL_ID_MESSAGE.test(quoted)) return pick('not_found', 0.55, 'message');
  // The same message where an app's log line quotes it after its own words ("API key test failed: Error: API error:
  // model: claude-3-5-sonnet-latest"), at the end of a line.
  if (MODEL_ID_QUOTED.test(parsed.text)) return pick('not_found', 0.55, 'message');

  // 6. The status — unless only retry banners showed it and the paste reports an error of its own after them (rule 8:
  //    a banner is a failed attempt, not how the call ended).
  if (byStatus && parsed.afterRetryBanner !== undefined) {
    const tail = collapseWhitespace(parsed.text.slice(parsed.afterRetryBanner).toLowerCase());
    const worded = invalidRequestKindByWording(tail);
    if (worded) return { category: 'invalid_request', kind: worded, confidence: 0.7, basis: 'wording' };
    const fragment = lastFragment(tail);
    // The user's own abort or interrupt after the retries is not an error the API reported (rule 8).
    if (fragment && fragment.rule[2] !== 'aborted') return pick(fragment.rule[1], 0.7, 'fragment', fragment.rule[2]);
    const after = keywordCategory(tail);
    if (after) return pick(after, 0.5, 'keywords');
  }
  if (byStatus === 'unknown') return { category: 'unknown', confidence: 0.3, basis: 'status' };
  // A 503 whose words say the model is out of capacity (`MODEL_CAPACITY_EXHAUSTED`, "experiencing high demand") says
  // which server-side failure it was: an overload (the more specific of two compatible pieces of evidence).
  if (parsed.status === 503 && CAPACITY_WORDING.test(flat)) return pick('overloaded', 0.8, 'status');
  if (byStatus) {
    const rank = parsed.statusRank ?? 0;
    const base = rank === 0 ? 0.9 : rank === 1 ? 0.8 : rank === 2 ? 0.65 : 0.75;
    const other = bySdk ?? client?.category;
    // A status the client's class stands for (rank 3) comes with the class's kind when it names one (ruby_llm's
    // ContextLengthExceededError is a 400 about the prompt's length).
    const classKind = rank === 3 && client?.category === byStatus ? client.kind : undefined;
    return pick(byStatus, other && !compatible(byStatus, other) ? Math.min(base, 0.55) : base, 'status', classKind);
  }

  // 7. Classes.
  if (bySdk) return pick(bySdk, 0.8, 'sdk_class');
  if (client?.transport) {
    // A network stack's exception: its words say how the call failed on the way (a connect that timed out, a read
    // that was reset); the class's own default stands when they say nothing more.
    const how = transportWords(flat);
    if (how) return pick(how[0], 0.75, 'client_class', how[1]);
  }
  if (client) return pick(client.category, 0.75, 'client_class', client.kind);

  // 8. Unmistakable wording, then fragments.
  const worded = invalidRequestKindByWording(message) ?? invalidRequestKindByWording(flat);
  if (worded) return { category: 'invalid_request', kind: worded, confidence: 0.7, basis: 'wording' };
  const fragment = lastFragment(flat);
  if (fragment) {
    // A retry banner reports a failed attempt, not how the call ended: when the paste goes on after it, the error
    // reported there decides (rule 8), even if only its words are left to go by.
    const after = fragment.inBanner ? keywordCategory(flat.slice(fragment.bannerEnd)) : undefined;
    if (after) return pick(after, 0.5, 'keywords');
    // A fragment that shows only that no category can be told (Axios' ERR_BAD_REQUEST: some 4xx) stays unsure.
    if (fragment.rule[1] === 'unknown') return { category: 'unknown', confidence: 0.3, basis: 'fragment' };
    return pick(fragment.rule[1], 0.7, 'fragment', fragment.rule[2]);
  }

  // 9. Keywords.
  const byKeywords = keywordCategory(flat);
  if (byKeywords) return pick(byKeywords, 0.5, 'keywords');

  // 10. Last resorts, unsure by design (below LOW_CONFIDENCE, so Claude is asked when it can be): the vocabulary of
  //     the API's validation errors, then a bare status number standing in the text.
  for (const [re, category] of ANY_VOCABULARY.test(flat) ? VOCABULARY : []) {
    if (re.test(flat)) return pick(category, 0.4, 'keywords');
  }
  // Not a status a server logged for a page or probe it served beside the call (rule 8).
  const bare = BARE_STATUS_RE.exec(withoutProbeStatuses(parsed.text))?.[1];
  if (bare) return pick(BY_STATUS[Number(bare)]!, 0.35, 'status');
  return { category: 'unknown', confidence: 0.1, basis: 'none' };
}

const LAST_ATTEMPT_STATUS = /\battempts? failed\.? last error: http (\d{3})\b/;
const MODEL_ID_INVALID = /\bmodel (?:id|identifier) (?:is )?(?:invalid|not valid)\b/;
const MODEL_ID_MESSAGE = /^model: [A-Za-z0-9][\w.:@/-]{0,99}$/;
const MODEL_ID_QUOTED = /\berror: model: [A-Za-z0-9][\w.:@/-]{0,99}[ \t]*$/m;
/** Up to three short labels an app puts before a message (`Error: `, `API Error: `, `Anthropic: `). */
const APP_LABEL = /^(?:(?!model: )[A-Za-z][\w .-]{0,30}: ){1,3}/;

/**
 * The fragment that stands last in the text (rule 8: when a paste shows several failures — a retry banner, then the
 * error that ended it — the last one reported decides), or none.
 */
function lastFragment(flat: string): { rule: (typeof FRAGMENTS)[number]; inBanner: boolean; bannerEnd: number } | undefined {
  // A client's or proxy's verdict on the whole call (the outer message around a socket's) decides over what follows it.
  const verdict = ANY_VERDICT.exec(flat);
  let found: { rule: (typeof FRAGMENTS)[number]; end: number } | undefined;
  if (verdict?.groups) {
    found = { rule: VERDICTS[VERDICTS.findIndex((_rule, i) => verdict.groups![`v${i}`] !== undefined)]!, end: verdict.index + verdict[0].length };
  } else if (ANY_FRAGMENT.test(flat)) {
    let last: RegExpMatchArray | undefined;
    for (const m of flat.matchAll(EVERY_FRAGMENT)) last = m;
    if (last?.groups) {
      found = { rule: FRAGMENTS[FRAGMENTS.findIndex((_rule, i) => last.groups![`f${i}`] !== undefined)]!, end: last.index! + last[0].length };
    }
  }
  if (!found) return undefined;
  const { rule, end } = found;
  // Inside a retry banner when the banner's tail follows within a line's length ("… · Retrying in 1 seconds…
  // (attempt 1/10)", "retrying in 4s · attempt 3/10").
  const banner = RETRY_BANNER_TAIL.exec(flat.slice(end, end + 160));
  return { rule, inBanner: banner !== null, bannerEnd: banner ? end + banner.index + banner[0].length : end };
}

/**
 * What a transport failure's words say it was: the last fragment standing in the text when it names a timeout (and
 * which kind) or a connection failure, else the shared keywords when they do.
 */
function transportWords(flat: string): [Category, (Kind | null)?] | undefined {
  const fragment = lastFragment(flat);
  if (fragment && (fragment.rule[1] === 'timeout' || fragment.rule[1] === 'connection')) return [fragment.rule[1], fragment.rule[2]];
  const byKeywords = keywordCategory(flat);
  return byKeywords === 'timeout' || byKeywords === 'connection' ? [byKeywords] : undefined;
}

/** The end of a retry banner: "retrying in 2 seconds… (attempt 2/10)", "retrying in 4s · attempt 3/10". */
const RETRY_BANNER_TAIL = /retrying in \d{1,5}(?:\.\d{1,3})? ?(?:ms|s|sec|secs|seconds?)\b[^a-z0-9\n]{0,6}(?:\(?attempt \d{1,3}\s?\/\s?\d{1,3}\)?)?/;

/** The shared keywords, then the clients' own summaries: one list, built once (not per call on the hot path). */
const ALL_KEYWORDS = [...KEYWORDS, ...LAST_KEYWORDS];

function keywordCategory(text: string): Category | undefined {
  for (const [re, category] of ALL_KEYWORDS) {
    if (re.test(text)) return category;
  }
  return undefined;
}

/** Failures on the far side of the connection: they never contradict each other. */
const SERVER_SIDE: ReadonlySet<Category> = new Set<Category>(['server_error', 'overloaded', 'timeout', 'connection']);

/** Pairs that do not contradict each other (an overload sent as 500, a timeout as 5xx, a spend cap as 429…). */
function compatible(a: Category, b: Category): boolean {
  if (a === b) return true;
  if (SERVER_SIDE.has(a) && SERVER_SIDE.has(b)) return true;
  const pair = new Set([a, b]);
  return (pair.has('billing') && (pair.has('rate_limit') || pair.has('invalid_request') || pair.has('permission')))
    || (pair.has('request_too_large') && pair.has('invalid_request'))
    || (pair.has('permission') && pair.has('auth'))
    || (pair.has('not_found') && pair.has('invalid_request'));
}

function finish(category: Category, kind: Kind | undefined, confidence: number, basis: Basis, others: (Category | undefined)[]): Classification {
  const conflicts = [...new Set(others.filter((c): c is Category => c !== undefined && !compatible(c, category)))];
  const result: Classification = { category, confidence, basis };
  if (kind) result.kind = kind;
  if (conflicts.length) {
    result.conflicts = conflicts;
    result.confidence = Math.min(result.confidence, basis === 'error_code' || basis === 'message' ? 0.85 : 0.55);
  }
  return result;
}

function statusRange(status: number): Category | undefined {
  if (status >= 500) return 'server_error';
  return status >= 400 ? 'invalid_request' : undefined;
}
