import { charClass, runEnd, TOKEN68 } from './char-class.js';
import type { SecretRange } from './secret-range.js';

/**
 * A secret by its name: `NAME=value`, `NAME: value`, `"name": "value"`, `--name=value`, where the name ends in one of
 * these (case-insensitive): env files, YAML, JSON, query strings, kwargs. Bounded (`{0,5}`), no look-behind (it
 * costs V8 its fast scan: 6× slower on real pastes); what precedes `key` and `auth` is checked in `namedHere`.
 */
const NAMED = /(passwor[dt]|passwd|passphrase|pwd|pass|secret|credentials?|token|key|authorization|auth|cookie)(?:\\?["'])?[ \t]{0,5}(?::=|=>|[:=])[ \t]{0,5}/gi;

const LETTER_OR_DIGIT = charClass('A-Za-z0-9');
const LETTER = charClass('A-Za-z');
const JOINER = charClass('_.-');

// Names ending in "key" that name no secret: ours (idempotencyKey, incident and check keys in every log line) and
// common ones (cache, sort, partition, object keys; a public key).
const NOT_SECRET_KEYS = new Set(['idempotency', 'incident', 'check', 'alert', 'cache', 'sort', 'partition', 'primary', 'foreign', 'public', 'object', 'routing', 'shard', 'dedup', 'dedupe', 'lookup', 'group', 'unique', 'index', 'map', 'row']);

const UPPER = charClass('A-Z');
const LOWER = charClass('a-z');

/** The word right before `at` (after one `_`, `.` or `-`; camelCase splits words), lower-cased; at most 24 back. */
function wordBefore(text: string, at: number): string {
  let end = at;
  if (JOINER.has(text.charCodeAt(end - 1))) end -= 1;
  let start = end;
  while (start > Math.max(0, at - 24) && LETTER_OR_DIGIT.has(text.charCodeAt(start - 1))) {
    start -= 1;
    if (UPPER.has(text.charCodeAt(start)) && LOWER.has(text.charCodeAt(start - 1))) break;
  }
  return text.slice(start, end).toLowerCase();
}

/**
 * `key` counts only after a word (API_KEY, apikey, x-api-key, private_key, stripeKey: a lone "key" names many
 * things), and not after one of NOT_SECRET_KEYS; `auth` only when it does not end a word (oauth).
 */
function namedHere(text: string, at: number, name: string): boolean {
  if (name === 'key') {
    const word = wordBefore(text, at);
    return word !== '' && !NOT_SECRET_KEYS.has(word);
  }
  return name !== 'auth' || !LETTER.has(text.charCodeAt(at - 1));
}

/** Names whose unquoted value may hold spaces (a password typed in YAML or prose); read to the end of the line. */
const SPACED = new Set(['password', 'passwort', 'passwd', 'passphrase', 'pwd', 'pass', 'secret', 'credential', 'credentials', 'authorization', 'cookie']);

// Unquoted values stop here: white space, quotes, separators of a query string or a list, escapes, closing brackets.
const STOP = charClass(' \t\r\n"\'`,;&<>\\)]}');
const STOP_SPACED = charClass('\r\n"\'`;&<>\\');
const AUTH_SCHEME = /^(?:bearer|basic|digest|token|negotiate|aws4-hmac-sha256|apikey)[ \t]{1,5}/i;

/** Longest quoted value read; a longer quote is read as an unquoted value. */
const MAX_QUOTED = 2000;

/** Values named like secrets, and bare `Bearer`/`Basic` credentials. Each finding resumes the scan after it: linear. */
export function findValueSecrets(text: string, out: SecretRange[]): void {
  const re = NAMED; // shared (the scan is synchronous): one compiled, warmed-up regex for every call
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index + m[0].length;
    const name = m[1]!.toLowerCase();
    if (!namedHere(text, m.index, name)) continue;
    if (name === 'authorization') start += AUTH_SCHEME.exec(text.slice(start, start + 40))?.[0].length ?? 0;
    const found = valueAt(text, start, SPACED.has(name));
    if (!found) continue;
    out.push({ start: found.start, end: found.end, mask: '[redacted]' });
    re.lastIndex = Math.max(re.lastIndex, found.end);
  }
  findBearer(text, out);
}

function valueAt(text: string, at: number, spaced: boolean): { start: number; end: number } | undefined {
  const first = text[at];
  if (first === undefined || first === '{' || first === '[' || first === '(' || text.startsWith('[redacted]', at) || text.startsWith('…[redacted]', at)) return undefined;
  if (first === '"' || first === "'" || first === '`') {
    const limit = Math.min(text.length, at + 1 + MAX_QUOTED);
    for (let i = at + 1; i < limit; i++) {
      const c = text[i];
      if (c === first) return i > at + 1 ? { start: at + 1, end: i } : undefined;
      if (c === '\n' || c === '\r') break;
    }
    return valueAt(text, at + 1, spaced);
  }
  const stop = spaced ? STOP_SPACED : STOP;
  let end = at;
  while (end < text.length && !stop.has(text.charCodeAt(end))) end++;
  while (end > at && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end > at ? { start: at, end } : undefined;
}

/** `Bearer <token>` / `Basic <base64>` anywhere (a curl line, a header dump); the credential must look random. */
const BEARER = /(?:bearer|basic)[ \t]{1,5}/gi;

function findBearer(text: string, out: SecretRange[]): void {
  const re = BEARER;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = runEnd(text, start, TOKEN68);
    const credential = text.slice(start, end);
    re.lastIndex = Math.max(re.lastIndex, end);
    if (credential.length >= 8 && /[0-9+/=]|[a-z].*[A-Z]|[A-Z].*[a-z]/.test(credential.slice(1))) out.push({ start, end, mask: '[redacted]' });
  }
}
