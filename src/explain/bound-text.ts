/** Longest input read whole; longer pastes are cut (head and tail kept) and the answer says so. */
export const MAX_INPUT_CHARS = 64 * 1024;

// Keep the head (the status line, the JSON body) and the tail (a traceback ends with the exception raised).
const HEAD_CHARS = 24 * 1024;
const CUT_MARKER = '\n…[cut]…\n';

export interface BoundedText {
  text: string;
  truncated: boolean;
  originalLength: number;
}

/** Caps `input` at `maxChars` before any pattern runs, so no regex ever sees an unbounded string. */
export function boundText(input: string, maxChars = MAX_INPUT_CHARS): BoundedText {
  const originalLength = input.length;
  if (originalLength <= maxChars) return { text: input, truncated: false, originalLength };
  const head = Math.min(HEAD_CHARS, Math.floor(maxChars * 0.375));
  const tail = maxChars - head - CUT_MARKER.length;
  return { text: input.slice(0, head) + CUT_MARKER + input.slice(originalLength - tail), truncated: true, originalLength };
}
