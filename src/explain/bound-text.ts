import { scrubSecrets } from '../secrets/scrub-secrets.js';

/** Longest input read whole; longer pastes are cut (head and tail kept) and the answer says so. */
export const MAX_INPUT_CHARS = 64 * 1024;

// Keep the head (the status line, the JSON body) and the tail (a traceback ends with the exception raised).
const HEAD_SHARE = 0.375;
const CUT_MARKER = '\n…[cut]…\n';
// Move each cut to whitespace within this distance, so no token (a key!) is split into an unrecognisable piece.
const SNAP_CHARS = 512;

/**
 * `text` (up to MAX_INPUT_CHARS) with secrets masked, for callers that then cut it shorter. The whole bounded text is
 * scrubbed before any cut, so a secret straddling the cut is still recognised whole (a fixed margin past the cut
 * would have to outgrow the longest pattern: JWTs run to about 8,000 characters).
 */
export function scrubBounded(text: string): string {
  return scrubSecrets(text.slice(0, MAX_INPUT_CHARS));
}

export interface BoundedText {
  text: string;
  truncated: boolean;
  originalLength: number;
}

/** Caps `input` at `maxChars` before any pattern runs, so no regex ever sees an unbounded string. */
export function boundText(input: string, maxChars = MAX_INPUT_CHARS): BoundedText {
  const originalLength = input.length;
  if (originalLength <= maxChars) return { text: input, truncated: false, originalLength };
  let headEnd = Math.floor(maxChars * HEAD_SHARE);
  let tailStart = originalLength - (maxChars - headEnd - CUT_MARKER.length);
  const headSpace = lastWhitespace(input, headEnd, headEnd - SNAP_CHARS);
  if (headSpace >= 0) headEnd = headSpace;
  const tailSpace = firstWhitespace(input, tailStart, tailStart + SNAP_CHARS);
  if (tailSpace >= 0) tailStart = tailSpace + 1;
  return { text: input.slice(0, headEnd) + CUT_MARKER + input.slice(tailStart), truncated: true, originalLength };
}

function lastWhitespace(s: string, from: number, to: number): number {
  for (let i = from; i > to; i--) if (/\s/.test(s[i]!)) return i;
  return -1;
}

function firstWhitespace(s: string, from: number, to: number): number {
  for (let i = from; i < to && i < s.length; i++) if (/\s/.test(s[i]!)) return i;
  return -1;
}
