/** A text read with its escapes decoded, and where each decoded character came from in the original. */
export interface DecodedText {
  text: string;
  /** `origin[i]` is where decoded character `i` starts in the original; `origin[text.length]` is the original's length. */
  origin: Int32Array;
}

// `\n`, `\"`, … by the code of the letter after the backslash (JSON and JavaScript string escapes).
const SIMPLE = new Map(
  Object.entries({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', '/': '/' })
    .map(([letter, meant]) => [letter.charCodeAt(0), meant.charCodeAt(0)]),
);

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** The number written by `digits` hex digits at `at`, or -1. */
function hexAt(text: string, at: number, digits: number): number {
  if (at + digits > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + digits; i++) {
    const d = hexValue(text.charCodeAt(i));
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

const CHUNK = 8192; // String.fromCharCode's arguments, a chunk at a time (the argument count is limited)

/**
 * Decodes JSON and JavaScript string escapes (`\n`, `\"`, `\u002d`, `\x2d`) and percent-encoding (`%2D`) in one
 * linear pass, so a key written `sk\u002dant\u002d…` or `sk%2Dant%2D…`, or a `\"password\": \"a b c\"` inside a JSON
 * string, reads as itself. Undefined when there is nothing to decode. Other backslashes and `%` stay as they are.
 */
export function decodeEscapes(input: string): DecodedText | undefined {
  if (!input.includes('\\') && !input.includes('%')) return undefined;
  const units = new Uint16Array(input.length);
  const origin = new Int32Array(input.length + 1);
  let n = 0;
  let changed = false;
  for (let i = 0; i < input.length; ) {
    const c = input.charCodeAt(i);
    let decoded = -1;
    let width = 1;
    if (c === 92 && i + 1 < input.length) {
      const e = input.charCodeAt(i + 1);
      const simple = SIMPLE.get(e);
      if (simple !== undefined) [decoded, width] = [simple, 2];
      else if (e === 117) [decoded, width] = [hexAt(input, i + 2, 4), 6]; // \uXXXX
      else if (e === 120) [decoded, width] = [hexAt(input, i + 2, 2), 4]; // \xXX
    } else if (c === 37) {
      [decoded, width] = [hexAt(input, i + 1, 2), 3]; // %XX
    }
    origin[n] = i;
    if (decoded < 0) {
      units[n++] = c;
      i += 1;
    } else {
      units[n++] = decoded;
      changed = true;
      i += width;
    }
  }
  if (!changed) return undefined;
  origin[n] = input.length;
  let text = '';
  for (let at = 0; at < n; at += CHUNK) text += String.fromCharCode(...units.subarray(at, Math.min(n, at + CHUNK)));
  return { text, origin: origin.subarray(0, n + 1) };
}
