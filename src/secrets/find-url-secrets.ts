import { charClass } from './char-class.js';
import type { SecretRange } from './secret-range.js';

// The authority of a URL ends at any of these (RFC 3986 §3.2); a password with a raw `@` is still read to the last `@`.
const AUTHORITY_END = charClass('/?#\\ \t\r\n"\'`<>');
const MAX_AUTHORITY = 1024;

/**
 * Credentials in any `scheme://user:password@host` (postgres, redis with an empty user, amqp, https…), short ones
 * too. The password is masked; a user without a password only when it looks like a token (`https://<token>@host`).
 * Linear: an authority ends at the next `/`, so two authorities never overlap and each is read once.
 */
export function findUrlSecrets(text: string, out: SecretRange[]): void {
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    const start = at + 3;
    const limit = Math.min(text.length, start + MAX_AUTHORITY);
    let end = start;
    while (end < limit && !AUTHORITY_END.has(text.charCodeAt(end))) end++;
    // Searches stay inside [start, end): an indexOf past it would read the rest of the text once per URL.
    let userinfoEnd = end - 1;
    while (userinfoEnd >= start && text.charCodeAt(userinfoEnd) !== 64) userinfoEnd--;
    if (userinfoEnd < start) continue;
    let colon = start;
    while (colon < userinfoEnd && text.charCodeAt(colon) !== 58) colon++;
    if (colon < userinfoEnd) {
      if (userinfoEnd > colon + 1) out.push({ start: colon + 1, end: userinfoEnd, mask: '[redacted]' });
    } else if (userinfoEnd - start >= 16 && /[0-9]/.test(text.slice(start, userinfoEnd))) {
      out.push({ start, end: userinfoEnd, mask: '[redacted]' });
    }
  }
}

const PEM_BEGIN = /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;

/**
 * PEM private keys: everything from the line after `-----BEGIN … PRIVATE KEY-----` to the end of its END line. A key
 * without its END line (cut, or pasted in part) is masked to the end of the text, or of the JSON string it is in.
 */
export function findPrivateKeys(text: string, out: SecretRange[]): void {
  const re = PEM_BEGIN;
  re.lastIndex = 0;
  // Each search goes on from where the last one stopped, and a search that found nothing is not repeated: linear.
  let endLine = -1;
  let noEndLine = false;
  let quote = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    if (!noEndLine && endLine < start) endLine = text.indexOf('-----END', start);
    if (endLine < 0) noEndLine = true;
    let end: number;
    if (!noEndLine) {
      const close = text.slice(endLine + 8, endLine + 88).indexOf('-----');
      end = close >= 0 ? endLine + 8 + close + 5 : endLine + 8;
    } else {
      if (quote !== text.length && quote < start) quote = text.indexOf('"', start);
      if (quote < 0) quote = text.length;
      end = quote;
    }
    out.push({ start, end, mask: '…[redacted]' });
    re.lastIndex = Math.max(re.lastIndex, end);
  }
}
