/**
 * Text as pasted is not text as produced: a JSON body escaped inside another string (`\"type\":\"error\"` in an Axios
 * message, a log field, Claude Code's `Errors` list), a message wrapped across lines by a terminal, ANSI colours, HTML
 * entities from a web page. `normalizePaste` undoes those before anything is read. Every step is a single linear
 * pass (no pattern with nested or unbounded overlapping quantifiers), so a 64 KB paste costs well under a millisecond.
 */

/** How many levels of string escaping are undone (`\"` → `"`, then `\\\"` → `\"` → `"`…). */
const MAX_UNESCAPE_DEPTH = 3;
/** At most this many wrapped lines are joined into one logical line. */
const MAX_JOINED_LINES = 40;
/** Shorter lines are never read as filled to the terminal's width. */
const MIN_WRAP_WIDTH = 60;

// CSI sequences (`ESC [ … letter`) and the bare `[31m` left when the ESC was lost on the way.
// eslint-disable-next-line no-control-regex -- matching the terminal's ESC is the point: colour codes in pastes
const ANSI_RE = /\u001b\[[0-9;?]{0,20}[A-Za-z]|\[(?:\d{1,3};){0,4}\d{1,3}m/g;
const ENTITY_RE = /&(?:quot|#34|#x22|apos|#39|#x27|lt|gt|amp);/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&quot;': '"', '&#34;': '"', '&#x22;': '"', '&apos;': "'", '&#39;': "'", '&#x27;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&',
};
// Evidence that a whole JSON document (or an error line) sits escaped inside a string: `{\"` or `\":` or `\n    at `,
// or quotes written as `\u0022` (.NET's System.Text.Json escapes them so by default). Deeper escapes (`\\\":`) end
// in the same `\":`, so one backslash is looked for there: a run of 1-8 tried at every backslash of a long run of them
// cost ~3 ms on 64 KB of backslashes (the fuzzer's worst input), for the same answer.
const ESCAPED_JSON_RE = /\{\\{1,8}"|\\":|\\u0022:|\\n {0,8}at |\\nTraceback|\\n\s{0,8}File \\"/;

/** The pasted text with nested escapes undone, wrapped lines re-joined, colours and entities removed. */
export function normalizePaste(text: string): string {
  let out = text.includes('\u001b') || text.includes('[0m') ? text.replace(ANSI_RE, '') : text;
  if (out.includes('&')) out = out.replace(ENTITY_RE, (e) => ENTITIES[e] ?? e);
  if (out.includes('\r')) out = out.replace(/\r\n?/g, '\n');
  if (UNICODE_SPACE_TEST.test(out)) out = out.replace(ZERO_WIDTH_RE, '').replace(UNICODE_SPACE_RE, ' ');
  if (out.includes('```')) out = out.replace(CODE_FENCE_RE, '\n');
  if (out.includes('`')) out = out.replace(EDGE_BACKTICK_RE, '');
  out = straightenQuotes(out);
  out = unescapeNested(out);
  if (out.includes('The API provider')) out = out.replace(WRAPPER_HINT_RE, '');
  return rejoinWrappedLines(stripLogPrefixes(out));
}

// Spaces a web page, a document or a chat app put in a copy (no-break, thin, ideographic) read as spaces, and
// zero-width characters as nothing: a status or a type must not hide behind one.
const UNICODE_SPACE_TEST = /[\u00a0\u2000-\u200d\u2060\u202f\u205f\u3000\ufeff]/;
const ZERO_WIDTH_RE = /[\u200b-\u200d\u2060\ufeff]/g;
const UNICODE_SPACE_RE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
// Inline code's backticks at a line's start or end (Slack's `500 {"error":…}`): a status starts the line without them.
// Backticks inside a line stay (LiteLLM's "Handle with `litellm.X`" is read by them).
// A run is tried from its first backtick only (the look-behind), so a long run costs one pass, not one per backtick.
const EDGE_BACKTICK_RE = /^[ \t]{0,8}`+|(?<!`)`+[ \t]{0,8}$/gm;

// A code fence, with a Markdown language tag when one ends its line. Slack delivers a code block as "```text```", the
// fence glued to the first and last lines, so a status at the start of the paste would not start a line.
const CODE_FENCE_RE = /```(?:[A-Za-z]{1,12}(?=\n))?/g;

/**
 * Typographic quotes back to ASCII, as a paste from a document, a phone keyboard or a ticket brings them
 * (`{“type”: “error”}`, `‘rate_limit_error’`). Double ones only when the text has no ASCII double quote: a JSON string
 * may hold “…” as its own words (a Chinese gateway's message quotes a group name so), and those must not end it.
 */
function straightenQuotes(text: string): string {
  let out = text;
  if (out.includes('\u2018') || out.includes('\u2019')) out = out.replace(/[\u2018\u2019]/g, "'");
  if ((out.includes('\u201c') || out.includes('\u201d')) && !out.includes('"')) out = out.replace(/[\u201c\u201d]/g, '"');
  return out;
}

// A log line's prefix: a timestamp, then maybe a level and a logger's name (`2026-12-02T10:41:07.512Z ERROR [agent] `,
// `[2026-12-02 10:41:07,512] ERROR app.client: `). A logger's name after a colon is lower-case only, so a class
// (`anthropic.RateLimitError: `) is never taken for one.
const LOG_PREFIX = String.raw`[ \t]{0,4}\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\]?(?:[ \t]{1,4}\[?(?:ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL|error|warn|warning|info|debug)\]?:?)?(?:[ \t]{1,4}(?:\[[^\]\n]{1,60}\]|[a-z_][a-z0-9_.]{0,59}:)(?=[ \t]))?[ \t]{1,4}`;
const FIRST_LOG_PREFIX_RE = new RegExp(`^${LOG_PREFIX}`);
const LOG_PREFIX_AT_RE = new RegExp(LOG_PREFIX, 'y');

/**
 * A log's prefix on every line goes, when every non-empty line has one: a message the log broke across
 * records, or a status at the start of a record, reads as it would without the log around it.
 */
function stripLogPrefixes(text: string): string {
  if (!FIRST_LOG_PREFIX_RE.test(text)) return text;
  const parts: string[] = [];
  for (let start = 0; start <= text.length; ) {
    const end = lineEnd(text, start);
    let from = start;
    if (end > start) {
      LOG_PREFIX_AT_RE.lastIndex = start;
      if (!LOG_PREFIX_AT_RE.test(text)) return text;
      from = LOG_PREFIX_AT_RE.lastIndex;
    }
    parts.push(text.slice(from, end));
    start = end + 1;
  }
  return parts.join('\n');
}

/**
 * Hints a wrapper prints under every error of a class whatever the cause (Aider, after LiteLLM's InternalServerError,
 * ServiceUnavailableError and Timeout): they would read as an overload when the cause inside is a dropped connection.
 * Not evidence (the README's rule 4: the cause inside decides), so they go before anything is read.
 */
const WRAPPER_HINT_RE = /The API provider's servers are down or overloaded\.|The API provider timed out without returning a response\. They may be down or overloaded\./g;

/** Undoes string escaping while the text still shows an escaped JSON body or stack, at most MAX_UNESCAPE_DEPTH times. */
export function unescapeNested(text: string): string {
  let out = text;
  for (let depth = 0; depth < MAX_UNESCAPE_DEPTH && ESCAPED_JSON_RE.test(out); depth++) out = unescapeOnce(out);
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\n', b: ' ', f: ' ', '"': '"', "'": "'", '\\': '\\', '/': '/' };

/** One level of JSON string escapes, in one scan (a replace callback per escape costs ~5× more on 64 KB of them). */
export function unescapeOnce(s: string): string {
  let out = '';
  let last = 0;
  for (let i = s.indexOf('\\'); i !== -1 && i < s.length - 1; i = s.indexOf('\\', i)) {
    const c = s[i + 1]!;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      out += s.slice(last, i) + simple;
      i += 2;
      last = i;
    } else if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
      out += s.slice(last, i) + String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      i += 6;
      last = i;
    } else {
      i += 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

/**
 * Joins lines a terminal (or a log viewer) broke: a line that leaves a JSON string open (`"message":"This request
 * would exceed` … newline … `your rate limit"`), and lines filled exactly to the paste's wrap width. A wrapped line
 * continues without a separator (a terminal cuts mid-word); the next line's indentation is dropped.
 * Lines are read in place by index (no split into an array of line strings); the answer is built only when a line
 * needs joining, from slices of the text between the joins.
 */
export function rejoinWrappedLines(text: string): string {
  if (!text.includes('\n')) return text;
  const width = wrapWidth(text);
  let parts: string[] | undefined; // built only once a line needs joining: most pastes need none
  let copied = 0; // text before this index is in `parts`
  let colon = -1; // the next `":` at or after the line's start (found once, not once per line)
  const quotes = new QuoteParity(text);
  for (let start = 0; start <= text.length; ) {
    let end = lineEnd(text, start);
    if (colon !== -2 && colon < start) colon = text.indexOf('":', start);
    if (colon === -1) colon = -2; // none left in the text
    // Quote parity is kept as lines join, so each character is scanned once.
    let open = colon >= 0 && colon < end && quotes.opens(start, end);
    let endsWithSpace = end > start && text.charCodeAt(end - 1) === 32;
    // Whether the line last read was filled to the width: a long line a terminal wrapped into three or more keeps
    // joining while each piece is filled, not only its first break.
    let filledLine = end - start === width;
    let joined = 0;
    while (end < text.length && joined < MAX_JOINED_LINES) {
      const nextStart = end + 1;
      const nextEnd = lineEnd(text, nextStart);
      const filled = filledLine && nextEnd > nextStart && !isJsWhitespace(text.charCodeAt(nextStart));
      if (!filled && !open) break;
      let rest = nextStart; // the next line without its gutter (`⎿`, `│`, `|`, `>`) and indentation
      while (rest < nextEnd && rest - nextStart < 40 && GUTTER.has(text.charCodeAt(rest))) rest++;
      if (rest === nextEnd) break;
      parts ??= [];
      parts.push(text.slice(copied, end));
      if (!filled && !endsWithSpace) parts.push(' ');
      copied = rest;
      endsWithSpace = text.charCodeAt(nextEnd - 1) === 32;
      if (quotes.opens(rest, nextEnd)) open = !open;
      filledLine = nextEnd - nextStart === width;
      end = nextEnd;
      joined++;
    }
    start = end + 1;
  }
  if (!parts) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * Space, tab, `⎿`, `│`, `|` and `>` (a Markdown or e-mail quote around the paste): the gutter and indentation dropped
 * from a continuation line (at most 40).
 */
const GUTTER = new Set([32, 9, 0x23bf, 0x2502, 124, 62]);

function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}

/**
 * The width a terminal wrapped at: the longest line length, when at least two lines have exactly it — or, for a
 * one-line paste wrapped once (two lines, nothing else to measure by), the first line's length when it is a
 * terminal's usual width and the second is shorter.
 */
function wrapWidth(text: string): number {
  let max = 0;
  let count = 0;
  let lines = 0;
  for (let start = 0; start <= text.length; ) {
    const end = lineEnd(text, start);
    const length = end - start;
    if (length > max) {
      max = length;
      count = 1;
    } else if (length === max) {
      count++;
    }
    lines++;
    start = end + 1;
  }
  if (max >= MIN_WRAP_WIDTH && count >= 2) return max;
  return lines === 2 && count === 1 && TERMINAL_WIDTHS.has(max) && text.indexOf('\n') === max ? max : -1;
}
/** The column counts terminals and log viewers usually wrap at. */
const TERMINAL_WIDTHS = new Set([80, 100, 120]);

/**
 * Quote parity of lines read in order (each after the last): whether `text[start, end)` leaves a double-quoted string
 * open (quotes after an odd run of backslashes are escaped). Only the quotes are visited, found by indexOf, each with
 * the run of backslashes before it (not before `start`); the first quote after a line is kept for the next, so no
 * part of the text is searched twice however far the next quote is. A JSON line costs a third of reading every
 * character.
 */
class QuoteParity {
  private next = -1; // the first `"` at or after the end of the last line read; -2 when none is left
  constructor(private readonly text: string) {}

  opens(start: number, end: number): boolean {
    const { text } = this;
    let quote = this.next;
    if (quote !== -2 && quote < start) quote = text.indexOf('"', start);
    let open = false;
    while (quote >= 0 && quote < end) {
      let slashes = quote; // back to the start of the run of backslashes just before the quote
      while (slashes > start && text.charCodeAt(slashes - 1) === 92) slashes--;
      if ((quote - slashes) % 2 === 0) open = !open;
      quote = text.indexOf('"', quote + 1);
    }
    this.next = quote === -1 ? -2 : quote;
    return open;
  }
}

// Whitespace collapsed: the flat text the wording rules read (parse-error-text.ts, flatText), and the squeezed text a
// type name split by a wrap is looked for in.

/**
 * `text.replace(/\s+/g, ' ')` in one scan that copies the text once (into the answer) or not at all: the global
 * regex replace allocated about 8× the text's size in match bookkeeping per call, which kept the young-generation GC
 * busy and put a scavenge into the explainer's p99. `\s` here is exactly JavaScript's (Unicode White_Space, line
 * terminators and U+FEFF); test/explain/collapse-whitespace.test.ts holds the two equal on arbitrary strings.
 */
export function isJsWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

// Where a run needs replacing: any whitespace but the plain space, or two spaces. `test` with `lastIndex` finds it
// without allocating a match; the run around it is then measured by hand (runs are short).
const NEEDS_WORK = /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/g;
const NEEDS_WORK_ANY = /\s/g; // with an empty replacement every whitespace character goes

// The pieces between runs, joined by the replacement at the end: one array kept for every call (a call never
// re-enters), emptied after, so an 8 KB paste's thousand runs do not grow a new array each time (GC pressure).
const PIECES: string[] = [];

/** Every run of whitespace in `text` replaced by `by` (one space by default, or nothing). */
export function collapseWhitespace(text: string, by = ' '): string {
  const re = by === ' ' ? NEEDS_WORK : NEEDS_WORK_ANY;
  let last = 0;
  const n = text.length;
  re.lastIndex = 0;
  while (re.test(text)) {
    // The match is one whitespace character, or (single-spacing) two spaces: the class holds no plain space.
    let start = re.lastIndex - (re === NEEDS_WORK && text.charCodeAt(re.lastIndex - 1) === 32 ? 2 : 1);
    // A single space right before a lone tab or newline belongs to the same run (two would have matched first).
    if (start > last && text.charCodeAt(start - 1) === 32) start--;
    let end = re.lastIndex;
    while (end < n && isJsWhitespace(text.charCodeAt(end))) end++;
    PIECES.push(text.slice(last, start));
    last = end;
    re.lastIndex = end;
  }
  re.lastIndex = 0;
  if (PIECES.length === 0) return text; // nothing replaced: text already single-spaced comes back as is
  PIECES.push(text.slice(last));
  const out = PIECES.join(by);
  PIECES.length = 0;
  return out;
}
