import { LiteralScan } from './literal-scan.js';

/**
 * Where an HTTP status shows in a paste, most trustworthy first: a status line or field, then the same number in
 * prose ("Request failed with status code 500", "status code: 404", "HTTP 413"), then a bare `503 upstream…` at the
 * start of a line. Each pattern is bounded and free of nested quantifiers, so reading is linear; within one rank the
 * earliest match wins (the headline of a paste comes first, its echoes and unrelated log lines later).
 */

const REASON_PHRASES =
  'Too Many Requests|Bad Gateway|Service Unavailable|Service Temporarily Unavailable|Gateway Time-?out|Internal Server Error|Unauthorized|Forbidden|Not Found|Bad Request|Payload Too Large|Request Entity Too Large|Content Too Large|Payment Required|Request Timeout|Unprocessable Entity|A timeout occurred|Overloaded|Web server is down|Connection timed out|Origin is unreachable|Rate limited|Rate limit exceeded';

/**
 * Ranked patterns; the captured group is the status. Each may name lower-case anchors: the pattern runs only when one
 * of them is in the text (a substring search is far cheaper than a pattern scan over 64 KB). Anchors are found by one
 * non-overlapping scan (LiteralScan), so no anchor may end inside another's hit (`server error:` and `error '` can
 * both stand in "Server error '529", so the requests pattern anchors on the colon).
 */
type Source = readonly [RegExp, readonly string[] | null];
const STATUS_RANKS: readonly (readonly Source[])[] = [
  [
    [/\bError code:? (\d{3})\b/, ['error code']], // Python SDK message, Cloudflare's "Error code 524"
    // Claude Code: `API Error: 529 {…}`, `API Error (503 upstream…)`; an app naming the model first: `API Error (claude-x): 400`.
    [/\bAPI Error(?: \([^()\n]{1,80}\))?:? \(?(\d{3})\b/i, ['api error']],
    [/\bHTTP(?:\/\d(?:\.\d)?)? (\d{3})\b/, ['http']], // a status line
    // `statusCode: 529`, "status code 500"; a message glued on by an app ("status code 429This request…") still ends it.
    // A Ruby hash before 3.4 writes `:status=>529` (the Anthropic Ruby SDK's default message is `{url:, status:, body:}`).
    [/\bstatus(?:_code|Code| code)?["']?\s{0,3}[:=]?>?\s{0,3}["']?(\d{3})(?!\d)/i, ['status']],
    // Chinese gateways (one-api, new-api and their relays): "状态码: 400", "狀態碼：429".
    [/(?:状态码|狀態碼)\s{0,3}[:：=]?\s{0,3}(\d{3})(?!\d)/, ['状态码', '狀態碼']],
  ],
  [
    [/\b(?:[A-Z][A-Za-z]{0,40})?(?:Error|Exception)(?: \[[^\]\n]{0,40}\])?:? (\d{3})\b/, null], // `RateLimitError: 429 {…}` (no anchor: `error` is in nearly every paste)
    [/\b(?:[A-Z][A-Za-z]{0,40})?(?:Exhausted|Unavailable|NotFound|Denied|Argument|Unauthenticated|Exceeded):? (\d{3})\b/, ['exhausted', 'unavailable', 'notfound', 'denied', 'argument', 'unauthenticated', 'exceeded']], // google clients
    // The reason phrase may stand on the next line when a terminal wrapped at the space before it.
    [new RegExp(`\\b(\\d{3}):?\\s{1,4}\\(?(?:${REASON_PHRASES})\\b`, 'i'), null],
    // The reason phrase first, the status after it in parentheses: "Bad Request (400) - …", "Forbidden (403)".
    [new RegExp(`\\b(?:${REASON_PHRASES}) \\((\\d{3})\\)`, 'i'), ['(4', '(5']],
    [/\bHTTP (?:status|error|code)(?: code)?:? (\d{3})\b/i, ['http']], // "HTTP status 429", "HTTP error 503"
    [/\b(?:returned|responded with|got|received|failed with|answered)(?: an?)?(?: HTTP| status| error)? (\d{3})\b/i, ['returned', 'responded', 'got ', 'received', 'failed with', 'answered']],
    // .NET's HttpClient ("Response status code does not indicate success: 529 ()."), httpx ("Server error '529 ' for
    // url", "Client error '429 Too Many Requests'").
    // An AOT build of .NET trims the resource text and prints its key: "net_http_message_not_success_statuscode_reason,
    // 500, Internal Server Error" (dotnet/runtime, System.Net.Http Strings.resx).
    [/(?:\bdoes not indicate success: |\b(?:Client|Server) error '|not_success_statuscode(?:_reason)?, )(\d{3})\b/, ['does not indicate success', "error '", 'not_success_statuscode']],
    // Guzzle's RequestException ("Server error: `POST https://…` resulted in a `529 ` response", guzzle/guzzle
    // src/Exception/RequestException.php); reqwest's status error ("HTTP status server error (529 <unknown status
    // code>) for url (…)", seanmonstar/reqwest src/error.rs); Dio's bad response ("the response has a status code of
    // 529", cfug/dio dio/lib/src/dio_exception.dart).
    [/\bresulted in a `(\d{3})\b/, ['resulted in a `']],
    [/\bHTTP status (?:client|server) error \((\d{3})\b/, ['http']],
    [/\bhas a status code of (\d{3})\b/, ['status']],
    // Ktor's ResponseException messages ("Server error(POST https://…: 529 Unknown Status Code. Text: …", "Client
    // request(POST https://…) invalid: 429 Too Many Requests. Text: …"; ktor-client-core DefaultResponseValidation.kt).
    [/\bServer error\((?:[A-Z]{3,7} )?\S{1,300}: (\d{3})\b/, ['server error(']],
    [/\) invalid: (\d{3})\b/, [') invalid: ']],
    // Python requests' HTTPError ("429 Client Error: Too Many Requests for url: …").
    [/\b(\d{3}) (?:Client|Server) Error:/, ['client error:', 'server error:']],
    // A status in parentheses after the verdict: Claude Code's "Request rejected (429)", "failed (503)".
    [/\b(?:rejected|failed|error|status)\s{0,2}\((\d{3})\)/i, ['(4', '(5']],
    [/\b[Rr]epeated (\d{3})\b/, ['repeated']], // Claude Code: "Repeated 529 Overloaded errors"
    [/["']?\bcode["']?\s{0,3}[:=]\s{0,3}["']?(\d{3})\b/, ['code']], // OpenRouter and other gateways: `{"error":{"code":402,…}}`
  ],
  [
    // A bare `413 {"error":…}` or `503 upstream connect error` at the start of a line (after a gutter like `⎿`).
    [/(?:^|\n)[ \t⎿│>*-]{0,12}([45]\d{2})(?:[ \t]{0,3}[{<:]|[ \t][A-Za-z])/, null],
    [/\[([45]\d{2})\]/, ['[4', '[5']], // `[429]` in log lines
    // A status and the error body it came with, after a log's or app's words: `request failed: 500 {"error":…}`.
    [/:[ \t]{1,3}([45]\d{2})[ \t]{0,3}\{"/, [': 4', ': 5']],
    // Last: any `ClassName: 404 …`; after the status line so a header `Content-Length: 437` loses.
    [/\b(?!Length|Content|Size|Bytes|Tokens)[A-Z][A-Za-z]{2,40}: ([45]\d{2})\b/, [': 4', ': 5']],
  ],
];

const TITLE_RE = /<title>([^<]{0,300})<\/title>/i;

/** The HTTP status the paste shows, and how sure we are of it (rank 0 = a status line or field). */
export interface StatusReading {
  status: number;
  rank: number;
  /** Read from an access log: what the paste's own server answered its caller, maybe its catch-all for an exception. */
  accessLog?: boolean;
  /** Read from retry banners only, with more of the paste after the last of them (from this index). */
  afterRetryBanner?: number;
}

/**
 * Reads the status; an HTML page's `<title>` first (Cloudflare and nginx put the status there). A retry banner's status
 * ("API Error: 529 … · Retrying in 2 seconds… (attempt 1/10)") reports a failed attempt, not how the call ended: a
 * status elsewhere in the paste decides (rule 8); a paste of banners alone is read from them.
 */
export function readStatus(text: string, html: boolean, lower = text.toLowerCase()): StatusReading | undefined {
  if (lower.includes('retrying in ')) {
    const { rest, after } = splitRetryBanners(text);
    if (rest !== text) {
      const reading = readAnyStatus(rest, html, rest.toLowerCase());
      if (reading) return reading;
      // Only the banners show a status: it stands, but what the paste reports after them may still outweigh it.
      const fromBanners = readAnyStatus(text, html, lower);
      return fromBanners && after !== undefined ? { ...fromBanners, afterRetryBanner: after } : fromBanners;
    }
  }
  return readAnyStatus(text, html, lower);
}

const RETRY_BANNER_RE = /retrying in \d/i;

/**
 * In one pass over the lines: the text without its retry-banner lines, and where the text after the last banner line
 * starts, when something other than blanks stands there.
 */
function splitRetryBanners(text: string): { rest: string; after?: number } {
  const kept: string[] = [];
  let last: number | undefined;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    if (RETRY_BANNER_RE.test(line)) last = end;
    else kept.push(line);
    start = end + 1;
  }
  const after = last !== undefined && /\S/.test(text.slice(last)) ? last : undefined;
  return { rest: kept.join('\n'), ...(after !== undefined ? { after } : {}) };
}

function readAnyStatus(text: string, html: boolean, lower: string): StatusReading | undefined {
  if (html) {
    const title = TITLE_RE.exec(text)?.[1];
    if (title) {
      const fromTitle = firstStatus(title, title.toLowerCase()) ?? bareStatus(title);
      if (fromTitle) return { status: fromTitle.status, rank: 0 };
    }
  }
  const withoutProbes = withoutProbeStatuses(text);
  if (withoutProbes !== text) {
    text = withoutProbes;
    lower = text.toLowerCase();
  }
  const first = firstStatus(text, lower);
  if (first?.rank === 0) return first;
  const named = first && first.rank <= 1 ? undefined : dotnetStatusName(text, lower);
  return accessLogStatus(text) ?? named ?? first ?? wrapperReasonStatus(lower) ?? (html ? bareStatus(text) : undefined);
}

/**
 * .NET's `HttpStatusCode` names (dotnet/runtime, System.Net.Primitives HttpStatusCode.cs), as a status formatted by
 * its name prints it: the Anthropic .NET SDK's `Status Code: ServiceUnavailable` (AnthropicApiException.Message),
 * RestSharp's and apps' `Request failed with status code TooManyRequests` (`{response.StatusCode}` interpolated). A
 * status without a name (529) prints as its number.
 */
const DOTNET_STATUS_NAMES: Readonly<Record<string, number>> = {
  BadRequest: 400, Unauthorized: 401, PaymentRequired: 402, Forbidden: 403, NotFound: 404, MethodNotAllowed: 405,
  ProxyAuthenticationRequired: 407, RequestTimeout: 408, Conflict: 409, RequestEntityTooLarge: 413,
  UnprocessableEntity: 422, UnprocessableContent: 422, TooManyRequests: 429, InternalServerError: 500, BadGateway: 502,
  ServiceUnavailable: 503, GatewayTimeout: 504,
};
const DOTNET_STATUS_NAME_RE = /\b[Ss]tatus ?[Cc]ode:? (?:HttpStatusCode\.)?([A-Z][A-Za-z]{5,30})\b/;

function dotnetStatusName(text: string, lower: string): StatusReading | undefined {
  if (!lower.includes('status code') && !lower.includes('statuscode')) return undefined;
  const status = DOTNET_STATUS_NAMES[DOTNET_STATUS_NAME_RE.exec(text)?.[1] ?? ''];
  return status ? { status, rank: 1 } : undefined;
}

/**
 * Wrappers that replace the status with their own sentence for it: n8n's NodeApiError (its STATUS_CODE_MESSAGES,
 * shown in the node's error box without the number).
 */
const WRAPPER_REASONS: readonly (readonly [string, number])[] = [
  ['bad request - please check your parameters', 400],
  ['your request is invalid or could not be processed by the service', 400],
  ['authorization failed - please check your credentials', 401],
  ['payment required - perhaps check your payment details', 402],
  ['forbidden - perhaps check your credentials', 403],
  ['the resource you are requesting could not be found', 404],
  ['the service is receiving too many requests from you', 429],
  ['the service was not able to process your request', 500],
  ['the service failed to process your request', 500],
  ['bad gateway - the service failed to handle your request', 502],
  ['service unavailable - try again later or consider setting this node to retry', 503],
  ['gateway timed out - perhaps try again later', 504],
];
const ANY_WRAPPER_REASON = new LiteralScan(WRAPPER_REASONS.map(([phrase]) => phrase));

function wrapperReasonStatus(lower: string): StatusReading | undefined {
  let status: number | undefined;
  ANY_WRAPPER_REASON.scan(lower, (i) => {
    status = WRAPPER_REASONS[i]![1];
    return true;
  });
  return status ? { status, rank: 1 } : undefined;
}

// An access-log line of a call to the API: `"POST /v1/messages HTTP/1.1" 429 Too Many Requests`.
// A log shipped as JSON (a container's or a cloud's log stream) escapes its quotes: `\"POST … HTTP/1.1\" 429`.
// A terminal may wrap the line anywhere in it (inside the quoted request line, or before the status).
const ACCESS_LOG_RE = /"POST\s{1,12}[^"]{1,500}\sHTTP\/\d(?:\.\d)?\\{0,3}"\s{1,12}([45]\d{2})\b/g;

/**
 * A proxy's or server's access log: the last failed POST (an API call; a HEAD or GET probe is not the call that
 * failed) is the error the paste is about — the last error reported decides, as for any log (README, rule 8).
 */
function accessLogStatus(text: string): StatusReading | undefined {
  if (!text.includes('"POST')) return undefined;
  let last: string | undefined;
  for (const m of text.matchAll(ACCESS_LOG_RE)) last = m[1];
  return last ? { status: Number(last), rank: 1, accessLog: true } : undefined;
}

// An access-log line of a request that is not an API call: a page (`GET /favicon.ico`), a health or model-list probe.
const PROBE_ANCHOR = /"(?:GET|HEAD|OPTIONS)\s/;
const PROBE_LOG_RE = /"(?:GET|HEAD|OPTIONS)\s{1,12}[^"\n]{1,500}\sHTTP\/\d(?:\.\d)?\\{0,3}"\s{1,12}[45]\d{2}\b/g;

/**
 * The text with the statuses of such lines blanked (same length): what a server answered for a page or a probe it
 * served beside the call is not the call's status (README, rule 8), whatever pattern would read it.
 */
export function withoutProbeStatuses(text: string): string {
  if (!PROBE_ANCHOR.test(text)) return text;
  return text.replace(PROBE_LOG_RE, (line) => `${line.slice(0, -3)}---`);
}

/** Every anchor in one alternation: one scan finds which are present. */
const ANCHORS = [...new Set(STATUS_RANKS.flat().flatMap(([, anchors]) => anchors ?? []))];
const ANY_ANCHOR = new LiteralScan(ANCHORS);

function firstStatus(text: string, lower: string): StatusReading | undefined {
  const present = new Set<string>();
  ANY_ANCHOR.scan(lower, (i) => void present.add(ANCHORS[i]!));
  for (const [rank, patterns] of STATUS_RANKS.entries()) {
    let best: { status: number; index: number } | undefined;
    for (const [re, anchors] of patterns) {
      if (anchors && !anchors.some((a) => present.has(a))) continue;
      const m = re.exec(text);
      const value = Number(m?.[1]);
      if (m && value >= 400 && value <= 599 && (!best || m.index < best.index)) best = { status: value, index: m.index };
    }
    if (best) return { status: best.status, rank };
  }
  return undefined;
}

function bareStatus(text: string): StatusReading | undefined {
  const bare = /\b([45]\d{2})\b/.exec(text)?.[1];
  return bare ? { status: Number(bare), rank: 1 } : undefined;
}
