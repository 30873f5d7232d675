/** An ASCII character class as a lookup table: `has(code)` is one array read, so scanning a run costs one step a character. */
export interface CharClass {
  has(code: number): boolean;
}

/** A class from ranges written as in a regex (`'A-Za-z0-9_-'`: a trailing `-` is literal). ASCII only. */
export function charClass(spec: string): CharClass {
  const table = new Uint8Array(128);
  for (let i = 0; i < spec.length; i++) {
    const from = spec.charCodeAt(i);
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      for (let c = from; c <= spec.charCodeAt(i + 2); c++) table[c] = 1;
      i += 2;
    } else {
      table[from] = 1;
    }
  }
  return { has: (code) => code < 128 && table[code] === 1 };
}

/** End (exclusive) of the run of `cls` characters starting at `from`, read at most up to `limit`. */
export function runEnd(text: string, from: number, cls: CharClass, limit = text.length): number {
  let i = from;
  while (i < limit && cls.has(text.charCodeAt(i))) i++;
  return i;
}

export const ALNUM = charClass('A-Za-z0-9');
export const TOKEN = charClass('A-Za-z0-9_-');
export const UPPER_DIGIT = charClass('A-Z0-9');
export const WORD = charClass('A-Za-z0-9_');
export const DOTTED_TOKEN = charClass('A-Za-z0-9_.-');
export const BASE64 = charClass('A-Za-z0-9+/=');
export const SLACK = charClass('A-Za-z0-9-');
export const WEBHOOK_PATH = charClass('A-Za-z0-9/_-');
/** What a bearer or basic credential is made of (RFC 6750 token68). */
export const TOKEN68 = charClass('A-Za-z0-9._~+/=-');
