import { runEnd, type CharClass } from './char-class.js';
import type { SecretRange } from './secret-range.js';
import { TOKEN_PREFIXES, TOKEN_RULES } from './token-rules.js';

/** Lines a wrapped key may continue over (a terminal or a chat window cut it). */
const MAX_CONTINUATIONS = 3;

/**
 * Keys known by their prefix. Linear: a run rejected for one rule is never read again for that rule (a later prefix
 * inside it has a shorter run with the same end, which fails the same test), and an accepted run is skipped whole.
 */
export function findTokenSecrets(text: string, out: SecretRange[]): void {
  const re = TOKEN_PREFIXES; // shared (the scan is synchronous): one compiled, warmed-up regex for every call
  re.lastIndex = 0;
  const skipUntil = new Array<number>(TOKEN_RULES.length).fill(-1);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const ruleIndex = m.indexOf(m[0], 1) - 1;
    const rule = TOKEN_RULES[ruleIndex]!;
    const bodyStart = m.index + m[0].length;
    if (bodyStart < skipUntil[ruleIndex]!) continue;
    const end = runEnd(text, bodyStart, rule.body);
    if (end - bodyStart < rule.min || (rule.check && !rule.check(text.slice(bodyStart, end)))) {
      skipUntil[ruleIndex] = end;
      continue;
    }
    const start = bodyStart + (rule.keep?.(text, bodyStart) ?? 0);
    const last = continuedEnd(text, end, rule.body);
    out.push({ start, end: last, mask: '…[redacted]' });
    re.lastIndex = last;
  }
}

/**
 * Where a key that ends at a line break really ends: a key wrapped onto the next lines goes on there, when that
 * line starts with a run of the key's characters standing alone and looking random (a digit, or both cases after
 * the first letter), so "Traceback" or "at" on the next line stays readable.
 */
function continuedEnd(text: string, end: number, body: CharClass): number {
  let at = end;
  for (let i = 0; i < MAX_CONTINUATIONS; i++) {
    let next = at;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) !== 10) return at;
    next++;
    const runStop = runEnd(text, next, body, next + 4096);
    const piece = text.slice(next, runStop);
    const after = text.charCodeAt(runStop);
    const standsAlone = runStop >= text.length || after === 10 || after === 13 || after === 32 || after === 9 || after === 34 || after === 39 || after === 44;
    if (piece.length < 4 || !standsAlone || !/[0-9]|[a-z].*[A-Z]|[A-Z].*[a-z]/.test(piece.slice(1))) return at;
    at = runStop;
  }
  return at;
}
