import fc from 'fast-check';
import { parseErrorText } from '../../../src/explain/parse-error-text.js';
import { weighEvidence } from '../../../src/explain/weigh-evidence.js';

/**
 * Generators of text for the parser's time-budget property: random text of any code units, and adversarial text
 * built from the pieces the parser's patterns look for (a status word without its number, a frame without its
 * line:column, an open JSON string, escapes, wrap-width lines), repeated and mixed up to 64 KB — the shapes that make
 * a backtracking pattern explode. Shared by the fuzz test and bench/explain.ts (which prints the worst case found).
 */

/** Pieces each of which starts a match of some parser pattern and then stops short of completing it. */
export const HOSTILE_PIECES: readonly string[] = [
  '\n  at ', '(', ':1', ':', '1', '\n    at (', 'at ', ' ', '\t',
  '{"message": "', '"message":"', "'message': '", '\\"', '\\\\', '\\n', '\\u00', '{\\"type\\":\\"', '\\":',
  '"type":"', 'type: ', 'error_code', '"', "'", '{', '}', '[', ']', '<', '>', '<title>', '&quot;', '\u001b[',
  'Error code: ', 'Error: ', 'API Error (', 'status code ', 'HTTP/1.1 ', 'HTTP ', 'status: ', 'code: ', 'Repeated ',
  'RateLimitError', 'InternalServerError', 'APIConnectionError', 'litellm.', 'AnthropicException - ', 'Last error: ',
  'ThrottlingException', 'anthropic.', 'Traceback (most recent call last)', 'File "', '", line ',
  'req_', 'Ray ID: ', 'retry-after: ', 'model: ', 'claude-', 'sk-ant-api03-', 'upstream ', '⎿ ', '│',
  'ratelimit-requests-remaining: ', 'usage limit', "you've hit your ", 'credit', 'prompt is too long', 'tool_use',
  '429', '5', '00', 'x'.repeat(79), '\n', '\r\n',
];

const piece = fc.constantFrom(...HOSTILE_PIECES);

/** One piece repeated many times (the classic catastrophic case), optionally followed by a different tail. */
const repeated = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.integer({ min: 100, max: 20_000 }), piece)
  .map(([unit, times, tail]) => (unit.join('').repeat(times) + tail).slice(0, 64 * 1024));

/** Runs of pieces (`\n  at ` once, `(` 150 times, `1` 300 times…), the whole repeated: a line shaped to make a
 * pattern with overlapping quantifiers try every split. */
const runs = fc
  .tuple(fc.array(fc.tuple(piece, fc.integer({ min: 1, max: 400 })), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 400 }))
  .map(([parts, times]) => parts.map(([p, n]) => p.repeat(n)).join('').repeat(times).slice(0, 64 * 1024));

/** A pattern's opening (a frame, a status word, a key) followed by short runs of the characters patterns overlap on. */
const OPENINGS = ['\n  at ', '\n    at ', '{"message": "', 'Error code: ', 'status code ', '"type":"', 'Ray ID: ', 'model: ', 'retry-after: ', 'API Error (', '\\"', 'litellm.', '⎿  '];
const RUN_CHARS = ['(', ':', '1', ' ', '\\', '"', 'x', '.', '-', '\n'];
const shaped = fc
  .tuple(fc.constantFrom(...OPENINGS), fc.array(fc.tuple(fc.constantFrom(...RUN_CHARS), fc.integer({ min: 1, max: 400 })), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 300 }))
  .map(([open, parts, times]) => (open + parts.map(([c, n]) => c.repeat(n)).join('')).repeat(times).slice(0, 64 * 1024));

/** Pieces mixed at random. */
const mixed = fc.array(piece, { minLength: 1, maxLength: 6_000, size: 'max' }).map((parts) => parts.join('').slice(0, 64 * 1024));

/** Any code units, long (`size: 'max'`, or fast-check keeps strings to ~10 units). */
const noise = fc.string({ unit: 'binary', maxLength: 32_768, size: 'max' });

/** Random and adversarial text up to 64 KB. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(shaped, repeated, runs, mixed, noise, fc.tuple(noise, repeated).map(([a, b]) => (a + b).slice(0, 64 * 1024)));

/**
 * Inputs known to have stalled a pattern here before (issue 12: the old stack-frame detector took ~60 ms on one
 * 456-character line and seconds on 64 KB of them), run first by the property so it fails on a regression for sure.
 */
export const KNOWN_WORST: readonly string[] = [
  ('\n  at ' + '('.repeat(150) + '1'.repeat(300)).repeat(140),
  ('\n    at x:' + ':1'.repeat(150) + 'a').repeat(150),
  '\\'.repeat(64 * 1024),
  ('{"message": "' + 'a'.repeat(999) + '\n').repeat(64),
  'at '.repeat(21_000),
  ('{"a":"' + '\n').repeat(9_000),
  ('x'.repeat(80) + '\n').repeat(800),
  // A long run of backticks not at a line's end: the edge-backtick pattern must try the run once, not once a backtick.
  'x' + '`'.repeat(64 * 1024 - 2) + 'x',
  '\u00a0'.repeat(64 * 1024),
];

/** CPU milliseconds this process spends parsing and classifying `text` (user + system, so other processes' load is not counted). */
export function parseCpuMs(text: string): number {
  const before = process.cpuUsage();
  weighEvidence(parseErrorText(text));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
