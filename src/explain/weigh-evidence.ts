import type { Category, Kind } from '../ports/category.js';
import { chooseKind, invalidRequestKindByWording } from './choose-kind.js';
import { CLIENT_CLASSES } from './client-classes.js';
import { BY_ERROR_CODE, BY_SDK_CLASS, BY_STATUS, BY_TYPE, KEYWORDS } from './classification-tables.js';
import { flatText, type ParsedError } from './parse-error-text.js';

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
 * 5. The error type (`error.type`, or `anthropic api error type: …` from the Go client).
 * 6. The HTTP status (a line, a field, or prose) — a 503 from an upstream proxy is a server error even when the text
 *    says "connection".
 * 7. The Anthropic SDK's class, then a wrapper's or HTTP stack's class (LiteLLM, Bedrock, httpx, undici).
 * 8. Unmistakable invalid-request wording (`prompt is too long`), and fragments (a header dump with
 *    `requests-remaining: 0`; Bun's "socket connection was closed unexpectedly").
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
  const pick = (category: Category, confidence: number, basis: Basis, kind?: Kind): Classification =>
    finish(category, kind ?? chooseKind(category, parsed, message) ?? chooseKind(category, parsed, flat), confidence, basis,
      [byType, byStatus, bySdk, client?.category]);

  // 1. The machine code.
  const code = parsed.errorCode ? BY_ERROR_CODE[parsed.errorCode] : undefined;
  if (code) return pick(code[0], 0.98, 'error_code', code[1]);

  // 2. Product wordings of billing and access, in the message first, then anywhere in the text.
  // One scan of the whole text decides whether any wording is there at all; most pastes have none.
  const anyWording = ANY_PRODUCT_WORDING.test(flat);
  for (const [re, category, kind, messageOnly] of anyWording ? PRODUCT_WORDINGS : []) {
    if (re.test(message)) return pick(category, 0.9, 'message', kind);
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
  if ((byType === 'invalid_request' || parsed.status === 400) && MODEL_MISSING.test(message)) return pick('not_found', 0.75, 'message');

  // 4. The error type.
  if (byType) return pick(byType, byStatus && !compatible(byType, byStatus) ? 0.55 : 0.95, 'type');

  // 5. Anthropic's own message, quoted whole by a wrapper that dropped the type.
  const exact = EXACT_MESSAGES[(parsed.message ?? '').trim().replace(/[.!]$/, '').toLowerCase()];
  if (exact) return pick(exact, 0.9, 'message');

  // 6. The status.
  if (byStatus) {
    const rank = parsed.statusRank ?? 0;
    const base = rank === 0 ? 0.9 : rank === 1 ? 0.8 : rank === 2 ? 0.65 : 0.75;
    const other = bySdk ?? client?.category;
    return pick(byStatus, other && !compatible(byStatus, other) ? Math.min(base, 0.55) : base, 'status');
  }

  // 7. Classes.
  if (bySdk) return pick(bySdk, 0.8, 'sdk_class');
  if (client) return pick(client.category, 0.75, 'client_class', client.kind);

  // 8. Unmistakable wording, then fragments.
  const worded = invalidRequestKindByWording(message) ?? invalidRequestKindByWording(flat);
  if (worded) return { category: 'invalid_request', kind: worded, confidence: 0.7, basis: 'wording' };
  for (const [re, category, kind] of ANY_FRAGMENT.test(flat) ? FRAGMENTS : []) {
    if (re.test(flat)) return pick(category, 0.7, 'fragment', kind);
  }

  // 9. Keywords.
  for (const [re, category] of [...KEYWORDS, ...LAST_KEYWORDS]) {
    if (re.test(flat)) return pick(category, 0.5, 'keywords');
  }

  // 10. Last resorts, unsure by design (below LOW_CONFIDENCE, so Claude is asked when it can be): the vocabulary of
  //     the API's validation errors, then a bare status number standing in the text.
  for (const [re, category] of ANY_VOCABULARY.test(flat) ? VOCABULARY : []) {
    if (re.test(flat)) return pick(category, 0.4, 'keywords');
  }
  const bare = BARE_STATUS_RE.exec(parsed.text)?.[1];
  if (bare) return pick(BY_STATUS[Number(bare)]!, 0.35, 'status');
  return { category: 'unknown', confidence: 0.1, basis: 'none' };
}

const BODY_SIZE_WORDING = /value at 'body' failed to satisfy constraint: member must have length|request body (?:is )?too large|exceeds the maximum allowed number of bytes/;

// A model id (one token, maybe a long resource path) and the verdict on it: `Publisher Model projects/…/models/x@y is
// not servable in region …`, `The model claude-x is not available on your deployment`.
const MODEL_NOT_SERVED = /\bmodel:? [^\s]{1,200} (?:is )?not (?:servable|found|available|supported)\b/;
const MODEL_MISSING = new RegExp(`model[^.\\n]{0,80}(?:not found|does not exist|is not available|not supported)|(?:unknown|invalid|unsupported) model(?: name| id)?\\b|no such model|model (?:id|identifier|name) (?:is )?(?:invalid|not valid|unknown)|${MODEL_NOT_SERVED.source}`);

const LITELLM_CATCH_ALL = new Set(['InternalServerError', 'APIConnectionError', 'APIError']);

/**
 * Product wordings of billing and access: they arrive under another type (a 400 about credit, a 429 about a plan's
 * usage limit, a 403 about a project), and say what fixes it better than the type does. First match wins; the
 * fourth field keeps a rule to the error's message (a debug log may mention OAuth without being about it).
 */
const PRODUCT_WORDINGS: readonly [RegExp, Category, Kind | undefined, boolean?][] = [
  // Claude Code says so itself when the server, not the plan, is limiting.
  [/not your usage limit|server is temporarily limiting requests/, 'rate_limit', undefined],
  [/credit balance|(?:run|ran) out of credits?|out of credits|insufficient credits?|requires more credits|no credits? (?:remaining|left)|credits? (?:are|is|have been) (?:exhausted|depleted|used up)/, 'billing', 'credit_balance'],
  // Extra usage is a usage allowance beyond the plan: out of it, or needing it, is a usage limit (spend_cap).
  [/extra usage/, 'billing', 'spend_cap'],
  // A plan's limits as Claude Code words them ("5-hour limit reached ∙ resets 2am", "Opus weekly limit reached").
  [/specified (?:workspace )?api usage limits|spend (?:cap|limit)|usage limit|you(?:'|’)ve hit your (?:[a-z]{1,12} )?limit|limits? will reset|\b(?:\d{1,2}-hour|daily|weekly|monthly|session|opus|sonnet) limit reached/, 'billing', 'spend_cap'],
  [/billing error|billing_error|payment required|payment method|past due/, 'billing', undefined],
  [/organi[sz]ation has been disabled|organi[sz]ation is disabled|organi[sz]ation (?:is|has been) (?:suspended|on hold)/, 'permission', 'org_disabled'],
  [/key is valid,? but|disabled by (?:your|an|the) organi[sz]ation|subscription access (?:has been |is )?disabled|is not allowed to use|not enabled for this organi[sz]ation|not authorized to (?:access|use|invoke)|(?:don't|do not) have access to (?:the |this )?model/, 'permission', undefined],
  [/cors requests|anthropic-dangerous-direct-browser-access|dangerouslyallowbrowser/, 'auth', 'cors'],
  [/oauth (?:authentication|token)|sk-ant-oat/, 'auth', 'oauth_token', true],
  [/token refresh failed|invalid_grant|refresh token (?:not found|is invalid|invalid|expired|has expired)/, 'auth', 'oauth_token'],
  [/could not resolve authentication method|api_key client option must be set|anthropic_api_key environment variable is (?:missing|not set)|couldn't find a secret|api[ _-]?key(?: environment variable)? (?:is )?(?:missing|not set|not configured|not provided|not found)|no api[ _-]?key (?:found|provided|set|configured)|missing (?:the )?(?:anthropic )?api[ _-]?key|x-api-key header is required/, 'auth', 'missing_key'],
];

/** After the shared keywords: editors' and clients' own summaries of an API error. */
const LAST_KEYWORDS: readonly [RegExp, Category][] = [
  [/internal_server_error|server_error\b/, 'server_error'],
  [/invalid request|invalid_request|does not support|must end with a user message|missing required|(?:was not specified|is required) (?:but|when|for)|required (?:field|argument|parameter)/, 'invalid_request'],
];

/**
 * The words of each kind of failure when nothing stronger showed: the API's validation vocabulary (pydantic-style
 * `Field required`, `Input should be`, `messages.0.content`), gateways' and clients' words for the other categories.
 * A parameter's name counts only outside quotes: `"budget_tokens": 1024` is a key of the request the paste shows, not
 * an error about it.
 */
const VOCABULARY: readonly [RegExp, Category][] = [
  [/\b(?:messages|tools|system)\.\d{1,4}\b|field required|(?:input|string|list|value|dictionary) should (?:be|match|have)|extra inputs are not permitted|validation error|unprocessable|malformed (?:input|request|json)|invalid (?:value|type|json|schema|argument|parameter|role|format|input|body|model)|unexpected (?:role|field|value|token|end of)|bad request|must (?:be|have|contain) (?:a|an|one|at|non|the|less|greater|between)|cannot (?:both )?be (?:specified|set|used|combined)|please use only one|(?:is )?not supported (?:for|by|with) (?:this|the) model|unexpected value|unrecognized (?:request )?(?:argument|parameter|field|key)|unsupported (?:parameter|value|field|content|media type|image)|unknown (?:parameter|field|argument)|is not a valid|expected (?:a |an )?(?:string|object|array|number|integer|boolean)|invalid_params|invalid_argument|too many (?:images|tools|documents|cache_control)|(?:at most|a maximum of) \d|budget_tokens(?!["'])|cache_control(?!["'])|anthropic-beta/, 'invalid_request'],
  [/exceeds? (?:the )?(?:maximum|max) (?:request|body|payload) size|(?:request|body|payload) (?:is )?too large|too large for (?:the )?(?:request|api)/, 'request_too_large'],
  [/\bquota\b|throttl|too many (?:requests|tokens|concurrent)|requests per|tokens per|concurren(?:t requests|cy limit)|slow down/, 'rate_limit'],
  [/\boverload|over capacity|at capacity/, 'overloaded'],
  [/invalid (?:api[ _-]?key|token|credentials?)|unauthori[sz]ed|unauthenticated|incorrect api key/, 'auth'],
  [/\bforbidd?en\b|permission denied|access denied|not permitted to|not allowed to access/, 'permission'],
  [/does not exist|could not be found|not_found|\bnot found\b/, 'not_found'],
  [/gateway time-?out|read timed? ?out|\btimed out\b|\btimeout\b|deadline/, 'timeout'],
  [/econn|enotfound|epipe|err_network|could not resolve host|name or service not known|no route to host|temporary failure in name resolution|unexpected eof|eof occurred|stream disconnected|network (?:error|is unreachable)|dns|getaddrinfo|\bssl\b|\btls\b|certificate|proxy error|connection (?:error|failed|lost)/, 'connection'],
  [/bad gateway|internal (?:server )?error|server error|service unavailable|upstream/, 'server_error'],
];
const ANY_VOCABULARY = new RegExp(VOCABULARY.map(([re]) => `(?:${re.source})`).join('|'));
// A status standing alone, only from the statuses the API and its edge document, and not a line number (`line 404`), a
// position (`:404:`), a size (`404.5`, `1,404`) or part of a path or id.
const BARE_STATUS_RE = /(?<!line )(?<![\w:.,/-])(400|401|402|403|404|408|413|429|500|502|503|504|529)(?![\w.,:/-])/;

/** Anthropic's own short messages, as wrappers quote them without the type. */
const EXACT_MESSAGES: Readonly<Record<string, Category>> = {
  overloaded: 'overloaded',
  'internal server error': 'server_error',
};

/** Fragments that carry no status and no type but still tell the story. Bounded patterns on collapsed text. */
const FRAGMENTS: readonly [RegExp, Category, Kind?][] = [
  [/ratelimit-requests-remaining["']?:? ?["']?0\b|x-ratelimit-remaining-requests["']?:? ?["']?0\b/, 'rate_limit', 'requests'],
  [/ratelimit-input-tokens-remaining["']?:? ?["']?0\b|ratelimit-tokens-remaining["']?:? ?["']?0\b/, 'rate_limit', 'input_tokens'],
  [/ratelimit-output-tokens-remaining["']?:? ?["']?0\b/, 'rate_limit', 'output_tokens'],
  [/unknown model\b|model\/deployment not found|model not found|no such model|\bmodel\b[^.\n]{0,80} does not exist/, 'not_found', 'unknown_model'],
  [MODEL_NOT_SERVED, 'not_found'],
  [/resource you are requesting could not be found|requested resource (?:was )?not found|404 not found/, 'not_found'],
  [/is no longer available|has been retired|model (?:was|is|has been) (?:retired|deprecated and removed)/, 'not_found', 'retired_model'],
  [/aborted due to timeout|timeouterror|timeout of \d{1,9} ?ms exceeded|timed out after \d/, 'timeout', 'client_timeout'],
  [/request was aborted|operation (?:was )?aborted|aborterror|user aborted|apiuseraborterror/, 'timeout', 'aborted'],
  [/request entity too large|payload too large|payloadtoolargeerror|content too large/, 'request_too_large'],
  [/self_signed_cert|self-signed certificate|unable_to_verify_leaf|unable to verify the first certificate|cert_has_expired|failed to connect to|unable to connect to|failed to fetch|err_connection|net::err_/, 'connection'],
  [/did not get a response|no response (?:was )?received|empty reply from server/, 'connection'],
  [/socket connection was closed unexpectedly|other side closed|und_err_socket|typeerror: terminated|premature close|connection (?:was )?(?:closed|reset|aborted)/, 'connection'],
  // Go's net/http: `Post "https://…": dial tcp: lookup …: no such host`, `Post "…": EOF`.
  [/\bdial tcp\b|: no such host|\bpost "[^"\n]{1,200}": (?:eof|read: connection)/, 'connection'],
];

/** The union of each table, for a one-scan test before trying its rules one by one (in their order of precedence). */
const union = (rules: readonly (readonly [RegExp, ...unknown[]])[]): RegExp => new RegExp(rules.map(([re]) => `(?:${re.source})`).join('|'));
const ANY_PRODUCT_WORDING = union(PRODUCT_WORDINGS);
const ANY_FRAGMENT = union(FRAGMENTS);

/** Pairs that do not contradict each other (an overload sent as 500, a timeout as 5xx, a spend cap as 429…). */
function compatible(a: Category, b: Category): boolean {
  if (a === b) return true;
  const serverSide = new Set<Category>(['server_error', 'overloaded', 'timeout', 'connection']);
  if (serverSide.has(a) && serverSide.has(b)) return true;
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
