import { CLIENT_CLASSES, findClientClass, findWrapper, WRAPPERS, type ClientLanguage } from './client-classes.js';
import { SDK_CLASSES, SDK_CLASS_PATTERN, type SdkLanguage } from './sdk-classes.js';
import { boundText } from './bound-text.js';
import { collapseWhitespace, normalizePaste } from './normalize-paste.js';
import { readStatus } from './read-status.js';

/** The shape the pasted text came in; tells the reader what the parser recognised. */
export type ErrorFormat =
  | 'json'
  | 'python-repr'
  | 'sdk-line'
  | 'traceback'
  | 'stack-trace'
  | 'html'
  | 'proxy-text'
  | 'stream'
  | 'plain';

/** The facts found in a pasted error. Every field is optional: people paste fragments. */
export interface ParsedError {
  format: ErrorFormat;
  status?: number;
  /** How the status was found: 0 a status line or field, 1 prose or a class line, 2 a bare number, 3 the SDK class. */
  statusRank?: number;
  /** The status came from retry banners only; the paste goes on after them from this index of `text`. */
  afterRetryBanner?: number;
  /** `error.type`, e.g. `rate_limit_error` (or the edge's `request_too_large` / `forbidden`). */
  type?: string;
  /** `error.details.error_code`. */
  errorCode?: string;
  message?: string;
  requestId?: string;
  /** Cloudflare's Ray ID on HTML error pages (there is no request id there). */
  rayId?: string;
  sdkClass?: string;
  /** The language of the paste (of the code that failed): picks the code samples shown. */
  sdkLanguage?: SdkLanguage;
  /** A wrapper's or HTTP stack's error class (LiteLLM, Bedrock, httpx, undici…), when no Anthropic SDK class shows. */
  clientClass?: string;
  /** The tool the paste came from, when its words show it (LiteLLM, Claude Code, the Go client…). */
  client?: string;
  retryAfterSeconds?: number;
  /** The model id named in the message (`model: claude-…`). */
  model?: string;
  /** Which kind of Anthropic credential the paste shows (by prefix only), e.g. an OAuth token sent as a key. */
  credential?: 'api_key' | 'admin_key' | 'oauth_token';
  /** The error came inside a stream after HTTP 200 (`event: error`, or a body with no status). */
  inStream: boolean;
  /** The input was longer than the cap and only its head and tail were read. */
  truncated: boolean;
  originalLength: number;
  /** The bounded, normalised text that was read (keyword rules look here). */
  text: string;
}

// Every pattern below has bounded repetition and no nested quantifiers: linear on a 64 KB adversarial paste.
// `[:=]>?`: JSON, Python and Go write `type: x` / `type=x`; Ruby and Elixir hashes `"type" => "x"`. Rust and .NET
// structs name the field `error_type` / `ErrorType`.
// After the separator, up to 12 whitespace characters: a terminal that wraps after `'type':` indents the value.
const TYPE_RE = /\b(?:error_?|Error)?[tT]ype["']?\s{0,3}[:=]>?\s{0,12}["']?([a-z_]{2,60})/g;
// A known error type named anywhere (`anthropic api error type: not_found_error`, a log line, a Go client's message).
const BARE_TYPE_RE = /\b(invalid_request_error|authentication_error|billing_error|permission_error|not_found_error|rate_limit_error|timeout_error|overloaded_error|request_too_large)\b/;
const ERROR_CODE_RE = /\berror_code["']?\s{0,3}[:=]\s{0,3}["']([a-z0-9_]{2,80})["']/;
const MESSAGE_RE = /\bmessage["']?\s{0,3}[:=]>?\s{0,12}(?:"((?:[^"\\\n]|\\.){0,1000})"|'((?:[^'\\\n]|\\.){0,1000})')/;
const MESSAGE_RE_ALL = new RegExp(MESSAGE_RE.source, 'g');
const REQUEST_ID_RE = /\b(req_[A-Za-z0-9]{6,80})\b/;
const RAY_ID_RE = /(?:Ray ID|cf-ray)["']?:?\s{0,3}["']?(?:<[^>\n]{0,80}>\s{0,3})?([0-9a-f]{16})/i;
const RETRY_AFTER_RE = /\bretry-after["']?\s{0,3}[:=]\s{0,3}["']?(\d{1,6})\b/i;
const MODEL_RE = /\bmodel["']?\s{0,3}:\s{0,3}["']?([A-Za-z0-9][A-Za-z0-9._:@/-]{0,99})/;
// Cloud wrappers name the model inside a path (`…/models/claude-3-opus@20240229`).
const CLAUDE_ID_RE = /\b(claude-[a-z0-9][a-z0-9.@_-]{0,60})/i;
const TITLE_RE = /<title>([^<]{0,300})<\/title>/i;
// A wrapper that quotes Anthropic's own message: LiteLLM `AnthropicException - Overloaded`, Vercel `Last error: …`.
const WRAPPED_MESSAGE_RE = /(?:AnthropicException|AnthropicError) - ([^\n{]{1,300})|Last error: ([^\n]{1,300})/;

/** `error.type` values worth reporting; `"type": "text"` in a pasted request is not one. */
const ERROR_TYPES = new Set([
  'invalid_request_error', 'authentication_error', 'billing_error', 'permission_error', 'not_found_error',
  'rate_limit_error', 'timeout_error', 'api_error', 'overloaded_error', 'conflict_error', 'request_too_large',
  'forbidden',
]);

const PROXY_TEXT_RE = /upstream connect error|disconnect\/reset before headers|no healthy upstream|upstream request timeout/i;

/**
 * Pulls status, type, error code, message, request id, SDK class and the client out of a pasted error of any shape.
 * The text is normalised first (nested escapes undone, wrapped lines re-joined): see normalize-paste.ts.
 */
export function parseErrorText(input: string): ParsedError {
  const { text: raw, truncated, originalLength } = boundText(input);
  const text = normalizePaste(raw);
  const parsed: ParsedError = { format: detectFormat(text), inStream: false, truncated, originalLength, text };

  parsed.type = readType(text);
  parsed.errorCode = ERROR_CODE_RE.exec(text)?.[1];
  parsed.requestId = REQUEST_ID_RE.exec(text)?.[1];
  parsed.rayId = RAY_ID_RE.exec(text)?.[1];
  const retryAfter = RETRY_AFTER_RE.exec(text)?.[1];
  if (retryAfter) parsed.retryAfterSeconds = Number(retryAfter);
  const lower = text.toLowerCase();
  readClasses(text, lower, parsed);
  const status = readStatus(text, parsed.format === 'html', lower);
  const fromClass = SDK_CLASSES[parsed.sdkClass ?? '']?.status ?? CLIENT_CLASSES[parsed.clientClass ?? '']?.status;
  // An access log's status is what the paste's own server answered its caller (a 500 for any exception it did not
  // handle); the exception shown beside it is the upstream API's error it relayed, and that decides (rule 8).
  if (status && !(status.accessLog && fromClass)) {
    parsed.status = status.status;
    parsed.statusRank = status.rank;
    if (status.afterRetryBanner !== undefined) parsed.afterRetryBanner = status.afterRetryBanner;
  } else if (fromClass) {
    parsed.status = fromClass;
    parsed.statusRank = 3;
  }
  parsed.message = readMessage(text, parsed);
  parsed.model = MODEL_RE.exec(parsed.message ?? '')?.[1] ?? CLAUDE_ID_RE.exec(parsed.message ?? '')?.[1] ?? CLAUDE_ID_RE.exec(text)?.[1];
  parsed.credential = detectCredential(text);
  FLAT_TEXT.set(parsed, collapseWhitespace(lower));
  parsed.inStream =
    /\bevent:\s{0,3}error\b/.test(text) ||
    (parsed.status === undefined && parsed.type !== undefined && /\bstream/i.test(text));
  return parsed;
}

const FLAT_TEXT = new WeakMap<ParsedError, string>();

/**
 * The text lower-cased with every run of whitespace collapsed to one space, so a phrase broken across lines still
 * matches a wording rule. Computed once per parse (the classifier and the kind rules share it).
 */
export function flatText(parsed: ParsedError): string {
  let flat = FLAT_TEXT.get(parsed);
  if (flat === undefined) {
    flat = collapseWhitespace(parsed.text.toLowerCase());
    FLAT_TEXT.set(parsed, flat);
  }
  return flat;
}

const CREDENTIAL_RE = /\bsk-ant-(api|admin|oat|ort)\d{2}-/;

/**
 * The kind of Anthropic credential in `text`, by prefix. Run on the raw text (before scrubbing, which may mask
 * the prefix inside `api_key="…"`); only the kind is kept, never the value.
 */
export function detectCredential(text: string): ParsedError['credential'] {
  const prefix = CREDENTIAL_RE.exec(text)?.[1];
  if (!prefix) return undefined;
  return prefix === 'api' ? 'api_key' : prefix === 'admin' ? 'admin_key' : 'oauth_token';
}

/** `[a-z_]`: what TYPE_RE's value is made of. */
function isTypeChar(code: number): boolean {
  return (code >= 97 && code <= 122) || code === 95;
}

function readType(text: string): string | undefined {
  // The last error type named: when a paste shows several errors, the last one reported decides (README, rule 8).
  // Each match is found with `test` (no match array, no substrings): the value is the run of `[a-z_]` that ends it
  // (at most 60; what stands before it, a separator, a quote or a space, is never one of them).
  let last: string | undefined;
  TYPE_RE.lastIndex = 0;
  while (TYPE_RE.test(text)) {
    const end = TYPE_RE.lastIndex;
    let start = end;
    while (start > end - 60 && isTypeChar(text.charCodeAt(start - 1))) start--;
    const value = text.slice(start, end);
    if (ERROR_TYPES.has(value)) last = value;
  }
  if (last) return last;
  const bare = BARE_TYPE_RE.exec(text)?.[1];
  if (bare) return bare;
  // A terminal that wraps inside a word and indents the rest (`"overload\n     ed_error"`): look once more with the
  // whitespace squeezed out, only for the type names themselves (long and unambiguous).
  return /_error|_too_large/.test(text) ? BARE_TYPE_RE.exec(collapseWhitespace(text, ''))?.[1] : undefined;
}

// A stack frame: two or more spaces (or a tab), `at `, then a location ending `:line:col`. Tested line by line with
// bounded, non-overlapping parts: the old single pattern (`.{1,200}[(:]\S{0,300}\d+:\d+`) backtracked on long frames.
const FRAME_START_RE = /^\s{0,8}at \S/;
const FRAME_END_RE = /:\d{1,7}:\d{1,7}\)?$/;

function hasStackFrame(text: string): boolean {
  let from = 0;
  for (let n = 0; n < 2000; n++) {
    const at = text.indexOf('at ', from);
    if (at === -1) return false;
    const start = text.lastIndexOf('\n', at) + 1;
    const endIndex = text.indexOf('\n', at);
    const line = text.slice(start, endIndex === -1 ? text.length : endIndex).trimEnd();
    if (line.length <= 600 && FRAME_START_RE.test(line) && FRAME_END_RE.test(line)) return true;
    if (endIndex === -1) return false;
    from = endIndex + 1;
  }
  return false;
}

function detectFormat(text: string): ErrorFormat {
  if (/<html|<!DOCTYPE|<title>/i.test(text)) return 'html';
  if (/\bevent:\s{0,3}error\b/.test(text)) return 'stream';
  if (text.includes('Traceback (most recent call last)')) return 'traceback';
  if (hasStackFrame(text)) return 'stack-trace';
  if (/\bError code: \d{3} - /.test(text) || /Error(?: \[[^\]\n]{0,40}\])?: \d{3}\b/.test(text)) return 'sdk-line';
  if (/\{\s{0,3}'(?:type|error)'\s{0,3}:/.test(text)) return 'python-repr';
  if (/\{\s{0,3}"(?:type|error)"\s{0,3}:/.test(text)) return 'json';
  if (PROXY_TEXT_RE.test(text)) return 'proxy-text';
  return 'plain';
}

function readClasses(text: string, lower: string, parsed: ParsedError): void {
  // The thrown class is the one followed by a colon; in a Python traceback the last such line is the one raised.
  let best: string | undefined;
  let bestHasColon = false;
  for (const m of text.matchAll(SDK_CLASS_PATTERN)) {
    const hasColon = m[2] === ':';
    if (hasColon) {
      best = m[1];
      bestHasColon = true;
      if (parsed.format !== 'traceback') break;
    } else if (!best || !bestHasColon) {
      best ??= m[1];
    }
  }
  const client = findClientClass(text);
  if (client) parsed.clientClass = client;
  const wrapper = findWrapper(text, lower);
  if (wrapper) parsed.client = wrapper.name;
  if (best) parsed.sdkClass = best;
  parsed.sdkLanguage = (best ? SDK_CLASSES[best]?.language : undefined) ?? guessLanguage(text, parsed);
}

function guessLanguage(text: string, parsed: ParsedError): SdkLanguage | undefined {
  if (parsed.format === 'traceback' || /\banthropic\.(?:_|[A-Z][A-Za-z]{2,40}Error\b)|Error code: \d{3} - |File "[^"\n]{1,300}", line \d|\.py\b|\{'type': /.test(text)) return 'python';
  if (parsed.format === 'stack-trace' || /node_modules|@anthropic-ai\/|\.[cm]?[jt]sx?:\d+/.test(text)) return 'typescript';
  const language: ClientLanguage | undefined =
    (parsed.clientClass ? CLIENT_CLASSES[parsed.clientClass]?.language : undefined) ?? WRAPPERS.find((w) => w.name === parsed.client)?.language;
  return language === 'python' || language === 'typescript' ? language : undefined;
}

function readMessage(text: string, parsed: ParsedError): string | undefined {
  // The last message field: the innermost of nested bodies (a gateway's "Provider returned error" around Anthropic's
  // own), and the last of several errors (README, rule 8), like the type.
  // The matches are found with `test` (no match array, no substrings); only the last with a message is read again
  // (`exec` from where its search began). An empty message ends with its opening quote: `""` or `''` — a quote that
  // ends a message's text is escaped (`\"`), and the opening quote never follows a backslash.
  let from = -1;
  MESSAGE_RE_ALL.lastIndex = 0;
  for (let before = 0; MESSAGE_RE_ALL.test(text); before = MESSAGE_RE_ALL.lastIndex) {
    const end = MESSAGE_RE_ALL.lastIndex;
    if (!(text.charCodeAt(end - 2) === text.charCodeAt(end - 1) && text.charCodeAt(end - 3) !== 92)) from = before;
  }
  let m: RegExpExecArray | null = null;
  if (from >= 0) {
    MESSAGE_RE_ALL.lastIndex = from;
    m = MESSAGE_RE_ALL.exec(text);
  }
  MESSAGE_RE_ALL.lastIndex = 0;
  if (m) return unescape(m[1] ?? m[2] ?? '');
  const wrapped = WRAPPED_MESSAGE_RE.exec(text);
  if (wrapped) return withoutWrapperTail(wrapped[1] ?? wrapped[2] ?? '');
  if (parsed.format === 'html') return TITLE_RE.exec(text)?.[1]?.trim();
  // Find the phrase, then take its line by index: a `[^\n]{0,200}` prefix in the pattern would be quadratic.
  const proxy = PROXY_TEXT_RE.exec(text);
  if (proxy) return lineAround(text, proxy.index);
  if (parsed.sdkClass) {
    const m = new RegExp(`\\b${parsed.sdkClass}: ?([^\\n]{0,500})`).exec(text);
    const line = m?.[1]?.trim();
    if (m && line) return withContinuation(line, text, m.index + m[0].length);
  }
  // An app's error line after its notices (Claude Code: a throttle notice, then "API Error: Usage credits required…"):
  // the last such line is how the call ended (rule 8), not the first line of the paste.
  const appError = text.lastIndexOf('API Error: ');
  if (appError > 0) {
    const start = appError + 'API Error: '.length;
    const end = text.indexOf('\n', start);
    return text.slice(start, Math.min(end === -1 ? text.length : end, start + 300)).trim();
  }
  const first = /\S[^\n]{0,299}/.exec(text)?.[0];
  return first?.trim();
}

// A line that starts another record, not the rest of a wrapped message: a stack frame, a log record (a timestamp or
// level), another exception, Python's chaining sentences.
const NEW_RECORD_RE = /^\s{0,12}(?:at |File "|Traceback|During handling|The above exception|\d{2,4}[-/:.]\d|\[?(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL)\b|[\w.$]{0,80}(?:Error|Exception|Warning)\b:?)|^\s{0,12}$/;

/**
 * A class line's message and the lines a terminal wrapped it onto (up to three, 500 characters in all), so a verdict
 * at the end of a long message ("… is not servable in region") is still part of it.
 */
function withContinuation(line: string, text: string, from: number): string {
  let message = line;
  let start = from + 1;
  for (let n = 0; n < 3 && start < text.length && message.length < 500; n++) {
    const endIndex = text.indexOf('\n', start);
    const next = text.slice(start, endIndex === -1 ? Math.min(text.length, start + 500) : Math.min(endIndex, start + 500));
    if (NEW_RECORD_RE.test(next)) break;
    message += ` ${next.trim()}`;
    if (endIndex === -1) break;
    start = endIndex + 1;
  }
  return message;
}

/**
 * Anthropic's quoted message without what LiteLLM appends to it, often with no space between ("Handle with
 * `litellm.X`", and its router's "No fallback model group found for original model_group=…", "Fallbacks=[…]",
 * "Received Model Group=…", "Available Model Group Fallbacks=…", "Error doing the fallback: …").
 */
function withoutWrapperTail(message: string): string {
  const tail = /\.? ?(?:Handle with `|Received Model Group=|No fallback model group found|Available Model Group Fallbacks=|Fallbacks=\[|Error doing the fallback)/.exec(message);
  return (tail ? message.slice(0, tail.index) : message).trim();
}

function lineAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('\n', index) + 1, index - 200);
  const end = text.indexOf('\n', index);
  return text.slice(start, Math.min(end === -1 ? text.length : end, index + 300)).trim();
}

function unescape(s: string): string {
  return s.replace(/\\(?:u([0-9a-fA-F]{4})|(["'\\/nt]))/g, (_m, hex: string | undefined, c: string) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : c === 'n' ? '\n' : c === 't' ? '\t' : c,
  );
}
