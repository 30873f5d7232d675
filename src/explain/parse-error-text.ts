import { SDK_CLASSES, SDK_CLASS_PATTERN, type SdkLanguage } from './sdk-classes.js';
import { boundText } from './bound-text.js';

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
  /** `error.type`, e.g. `rate_limit_error` (or the edge's `request_too_large` / `forbidden`). */
  type?: string;
  /** `error.details.error_code`. */
  errorCode?: string;
  message?: string;
  requestId?: string;
  /** Cloudflare's Ray ID on HTML error pages (there is no request id there). */
  rayId?: string;
  sdkClass?: string;
  sdkLanguage?: SdkLanguage;
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
  /** The bounded text that was read (keyword rules look here). */
  text: string;
}

// Every pattern below has bounded repetition and no nested quantifiers: linear on a 64 KB adversarial paste.
const TYPE_RE = /\btype["']?\s{0,3}[:=]\s{0,3}["']([a-z_]{2,60})["']/g;
const ERROR_CODE_RE = /\berror_code["']?\s{0,3}[:=]\s{0,3}["']([a-z0-9_]{2,80})["']/;
const MESSAGE_RE = /\bmessage["']?\s{0,3}[:=]\s{0,3}(?:"((?:[^"\\\n]|\\.){0,1000})"|'((?:[^'\\\n]|\\.){0,1000})')/;
const REQUEST_ID_RE = /\b(req_[A-Za-z0-9]{6,80})\b/;
const RAY_ID_RE = /Ray ID:?\s{0,3}(?:<[^>\n]{0,80}>\s{0,3})?([0-9a-f]{16})/i;
const RETRY_AFTER_RE = /\bretry-after["']?\s{0,3}[:=]\s{0,3}["']?(\d{1,6})\b/i;
const MODEL_RE = /\bmodel["']?\s{0,3}:\s{0,3}["']?([A-Za-z0-9][A-Za-z0-9._:@/-]{0,99})/;
// Cloud wrappers name the model inside a path (`…/models/claude-3-opus@20240229`).
const CLAUDE_ID_RE = /\b(claude-[a-z0-9][a-z0-9.@_-]{0,60})/i;
const TITLE_RE = /<title>([^<]{0,300})<\/title>/i;

/** Where a status shows, most trustworthy first. */
const STATUS_RES: readonly RegExp[] = [
  /\bError code:? (\d{3})\b/, // Python SDK message, Cloudflare's "Error code 524"
  /\b(?:[A-Z][A-Za-z]{0,40})?Error(?: \[[^\]\n]{0,40}\])?: (\d{3})\b/, // TS SDK: `RateLimitError: 429 {…}`
  /\b[A-Z][A-Za-z]{0,40}(?:Exception|Exhausted|Unavailable):? (\d{3})\b/, // Java SDK, Google clients: `ResourceExhausted: 429`
  /\bstatus(?:_code|Code)?["']?\s{0,3}[:=]\s{0,3}(\d{3})\b/,
  /\bHTTP(?:\/\d(?:\.\d)?)? (\d{3})\b/,
  /(?:^|\n)[ \t]{0,8}([45]\d{2})[ \t]{0,3}[{<]/, // a bare `413 {"error":…}` as logged by fetch wrappers
  /\b(\d{3}):? (?:Too Many Requests|Bad Gateway|Service Unavailable|Gateway Time-?out|Internal Server Error|Unauthorized|Forbidden|Not Found|Bad Request|Payload Too Large|Request Entity Too Large|Content Too Large|Payment Required|A timeout occurred|Overloaded)/i,
  // Last: any `ClassName: 404 …` (google.api_core `NotFound: 404`); after the HTTP line so `Content-Length: 437` loses.
  /\b[A-Z][A-Za-z]{2,40}: ([45]\d{2})\b/,
];

/** `error.type` values worth reporting; `"type": "text"` in a pasted request is not one. */
const ERROR_TYPES = new Set([
  'invalid_request_error', 'authentication_error', 'billing_error', 'permission_error', 'not_found_error',
  'rate_limit_error', 'timeout_error', 'api_error', 'overloaded_error', 'conflict_error', 'request_too_large',
  'forbidden',
]);

const PROXY_TEXT_RE = /upstream connect error|disconnect\/reset before headers|no healthy upstream|upstream request timeout/i;

/** Pulls status, type, error code, message, request id and SDK class out of a pasted error of any shape. */
export function parseErrorText(input: string): ParsedError {
  const { text, truncated, originalLength } = boundText(input);
  const parsed: ParsedError = { format: detectFormat(text), inStream: false, truncated, originalLength, text };

  for (const m of text.matchAll(TYPE_RE)) {
    if (ERROR_TYPES.has(m[1]!)) {
      parsed.type = m[1];
      break;
    }
  }
  parsed.errorCode = ERROR_CODE_RE.exec(text)?.[1];
  parsed.requestId = REQUEST_ID_RE.exec(text)?.[1];
  parsed.rayId = RAY_ID_RE.exec(text)?.[1];
  const retryAfter = RETRY_AFTER_RE.exec(text)?.[1];
  if (retryAfter) parsed.retryAfterSeconds = Number(retryAfter);
  readSdkClass(text, parsed);
  parsed.status = readStatus(text, parsed);
  parsed.message = readMessage(text, parsed);
  parsed.model = MODEL_RE.exec(parsed.message ?? '')?.[1] ?? CLAUDE_ID_RE.exec(parsed.message ?? '')?.[1];
  parsed.credential = detectCredential(text);
  parsed.inStream =
    /\bevent:\s{0,3}error\b/.test(text) ||
    (parsed.status === undefined && parsed.type !== undefined && /\bstream/i.test(text));
  return parsed;
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

function detectFormat(text: string): ErrorFormat {
  if (/<html|<!DOCTYPE|<title>/i.test(text)) return 'html';
  if (/\bevent:\s{0,3}error\b/.test(text)) return 'stream';
  if (text.includes('Traceback (most recent call last)')) return 'traceback';
  if (/\n\s{2,8}at .{1,200}[(:]\S{0,300}\d+:\d+/.test(text)) return 'stack-trace';
  if (/\bError code: \d{3} - /.test(text) || /Error(?: \[[^\]\n]{0,40}\])?: \d{3}\b/.test(text)) return 'sdk-line';
  if (/\{\s{0,3}'(?:type|error)'\s{0,3}:/.test(text)) return 'python-repr';
  if (/\{\s{0,3}"(?:type|error)"\s{0,3}:/.test(text)) return 'json';
  if (PROXY_TEXT_RE.test(text)) return 'proxy-text';
  return 'plain';
}

function readSdkClass(text: string, parsed: ParsedError): void {
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
  if (!best) return;
  parsed.sdkClass = best;
  parsed.sdkLanguage = SDK_CLASSES[best]?.language ?? guessLanguage(text, parsed.format);
}

function guessLanguage(text: string, format: ErrorFormat): SdkLanguage | undefined {
  if (format === 'traceback' || /\banthropic\.|Error code: \d{3} - |File "[^"\n]{1,300}", line \d/.test(text)) return 'python';
  if (format === 'stack-trace' || /node_modules|@anthropic-ai\/sdk|\.[cm]?[jt]s:\d+/.test(text)) return 'typescript';
  return undefined;
}

function readStatus(text: string, parsed: ParsedError): number | undefined {
  const sources = parsed.format === 'html' ? [TITLE_RE.exec(text)?.[1] ?? '', text] : [text];
  for (const source of sources) {
    for (const re of STATUS_RES) {
      const value = Number(re.exec(source)?.[1]);
      if (value >= 400 && value <= 599) return value;
    }
    const bare = /\b([45]\d{2})\b/.exec(parsed.format === 'html' ? source : '')?.[1];
    if (bare) return Number(bare);
  }
  return SDK_CLASSES[parsed.sdkClass ?? '']?.status;
}

function readMessage(text: string, parsed: ParsedError): string | undefined {
  const m = MESSAGE_RE.exec(text);
  if (m) return unescape(m[1] ?? m[2] ?? '');
  if (parsed.format === 'html') return TITLE_RE.exec(text)?.[1]?.trim();
  // Find the phrase, then take its line by index: a `[^\n]{0,200}` prefix in the pattern would be quadratic.
  const proxy = PROXY_TEXT_RE.exec(text);
  if (proxy) return lineAround(text, proxy.index);
  if (parsed.sdkClass) {
    const line = new RegExp(`\\b${parsed.sdkClass}: ?([^\\n]{0,500})`).exec(text)?.[1]?.trim();
    if (line) return line;
  }
  const first = /\S[^\n]{0,299}/.exec(text)?.[0];
  return first?.trim();
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
