import { DecodeBuffers, decodeEscapes } from './decode-escapes.js';
import { findTokenSecrets } from './find-token-secrets.js';
import { findPrivateKeys, findUrlSecrets } from './find-url-secrets.js';
import { findValueSecrets } from './find-value-secrets.js';
import { applyRanges, type SecretRange } from './secret-range.js';

/*
 * Secret scrubbing for every text that leaves the process: log lines, Slack messages, prompts sent to Claude, error
 * messages. Synchronous (the logger scrubs each line as it is written) and linear in the text's length: every rule is
 * a literal-prefixed regex with bounded quantifiers plus a scan that never reads a character twice for one rule
 * (test/secrets/scrub-secrets.fuzz.test.ts holds it to 20 ms on 64 KB). Why not secretlint: src/secrets/README.md.
 */

const REDACTED = '[redacted]';

function findIn(text: string, out: SecretRange[]): void {
  findTokenSecrets(text, out);
  findValueSecrets(text, out);
  findUrlSecrets(text, out);
  findPrivateKeys(text, out);
}

/** How many times the text is read again with its escapes decoded: twice covers a paste quoted inside a JSON log line. */
const DECODE_LEVELS = 2;
const buffers = Array.from({ length: DECODE_LEVELS }, () => new DecodeBuffers());

/**
 * Where the secrets in `text` are: found in the text as it is, and again in the text read with its JSON escapes and
 * percent-encoding decoded (a key written `sk\u002dant…` or `sk%2Dant…`, a `\"password\": \"a b c\"`), mapped
 * back to the original.
 */
export function findSecrets(text: string): SecretRange[] {
  const ranges: SecretRange[] = [];
  findIn(text, ranges);
  let current = text;
  let toOriginal = (i: number) => i;
  for (let level = 0; level < DECODE_LEVELS; level++) {
    const decoded = decodeEscapes(current, buffers[level]);
    if (!decoded) break;
    const found: SecretRange[] = [];
    findIn(decoded.text, found);
    const outer = toOriginal;
    toOriginal = (i) => outer(decoded.origin[i]!);
    for (const r of found) ranges.push({ start: toOriginal(r.start), end: toOriginal(r.end), mask: r.mask });
    current = decoded.text;
  }
  return ranges;
}

/**
 * `text` with every secret replaced by a mask that keeps at most the kind of key (`sk-ant-api03-…[redacted]`,
 * `xoxb-…[redacted]`, `password=[redacted]`), never a part of the secret. A JSON line stays valid JSON.
 */
export function scrubSecrets(text: string): string {
  return applyRanges(text, findSecrets(text));
}

/** True when `text` holds something `scrubSecrets` would mask. */
export function containsSecret(text: string): boolean {
  return findSecrets(text).length > 0;
}

/**
 * The bot's own configured key, shown so an operator can tell which key is in use: its prefix and last four
 * characters (`sk-ant-api03-…ZZAA`). Too short a value shows nothing of itself.
 */
export function maskApiKey(key: string): string {
  const trimmed = key.trim();
  const prefix = /^sk-ant-[a-z]{2,8}\d{0,3}-/.exec(trimmed)?.[0];
  if (prefix && trimmed.length >= prefix.length + 12) return `${prefix}…${trimmed.slice(-4)}`;
  if (prefix) return `${prefix}…`;
  if (trimmed.length >= 24) return `${trimmed.slice(0, 3)}…${trimmed.slice(-4)}`;
  return REDACTED;
}
