/** A stretch `[start, end)` of a text that holds a secret, and what to write in its place. */
export interface SecretRange {
  start: number;
  end: number;
  /** `…[redacted]` after a visible prefix (`sk-ant-api03-…[redacted]`), `[redacted]` for a value. */
  mask: string;
}

/**
 * `text` with every range replaced by its mask; overlapping ranges merge (the earliest one's mask is kept).
 * Masks contain neither `"` nor `\`, and ranges never start or end inside an escape, so a JSON line stays JSON.
 */
export function applyRanges(text: string, ranges: SecretRange[]): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const r of sorted) {
    if (r.end <= pos) continue;
    if (r.start >= pos) out += text.slice(pos, r.start) + r.mask;
    pos = r.end;
  }
  return out + text.slice(pos);
}
