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

// Unpaired surrogates become U+FFFD, one unit for one: lengths, and so `origin`, stay right (secrets are ASCII).
const UTF16 = new TextDecoder('utf-16le');

/** Working memory for decodeEscapes, reused from call to call: fresh 64 KB typed arrays per call kept the GC busy. */
export class DecodeBuffers {
  private units = new Uint16Array(0);
  private origin = new Int32Array(0);
  /** Arrays for an input of `length` characters (grown, never shrunk, up to a cap: a bigger text gets its own). */
  take(length: number): { units: Uint16Array; origin: Int32Array } {
    if (length > MAX_KEPT) return { units: new Uint16Array(length), origin: new Int32Array(length + 1) };
    if (this.units.length < length) [this.units, this.origin] = [new Uint16Array(length), new Int32Array(length + 1)];
    return { units: this.units, origin: this.origin };
  }
}

const MAX_KEPT = 256 * 1024;

/**
 * Decodes JSON and JavaScript string escapes (`\n`, `\"`, `\u002d`, `\x2d`) and percent-encoding (`%2D`) in one
 * linear pass, so a key written `sk\u002dant\u002d…` or `sk%2Dant%2D…`, or a `\"password\": \"a b c\"` inside a JSON
 * string, reads as itself. Undefined when there is nothing to decode. Other backslashes and `%` stay as they are.
 * The answer's `origin` lives in `buffers`: read it before the next call with the same buffers.
 */
export function decodeEscapes(input: string, buffers = new DecodeBuffers()): DecodedText | undefined {
  if (!input.includes('\\') && !input.includes('%')) return undefined;
  const { units, origin } = buffers.take(input.length);
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
  return { text: UTF16.decode(units.subarray(0, n)), origin: origin.subarray(0, n + 1) };
}
