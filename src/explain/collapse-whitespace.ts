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

/** Every run of whitespace in `text` replaced by `by` (one space by default, or nothing). */
export function collapseWhitespace(text: string, by = ' '): string {
  const re = by === ' ' ? NEEDS_WORK : NEEDS_WORK_ANY;
  let parts: string[] | undefined; // built only once a run needs replacing: text already single-spaced comes back as is
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
    parts ??= [];
    parts.push(text.slice(last, start), by);
    last = end;
    re.lastIndex = end;
  }
  re.lastIndex = 0;
  if (!parts) return text;
  parts.push(text.slice(last));
  return parts.join('');
}
