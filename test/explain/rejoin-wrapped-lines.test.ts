import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rejoinWrappedLines } from '../../src/explain/normalize-paste.js';

/** The line-array version this replaced (c1e5759), kept as the oracle: the in-place reading must answer the same. */
function reference(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  let max = 0;
  let count = 0;
  for (const line of lines) {
    if (line.length > max) [max, count] = [line.length, 1];
    else if (line.length === max) count++;
  }
  // Or a one-line paste a terminal of a usual width wrapped once: two lines, the first 80, 100 or 120 long and longer.
  const once = lines.length === 2 && count === 1 && [80, 100, 120].includes(max) && lines[0]!.length === max;
  const width = (max >= 60 && count >= 2) || once ? max : -1;
  const openQuotes = (line: string): boolean => {
    let open = false;
    for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) {
      let slashes = 0;
      for (let j = i - 1; j >= 0 && line.charCodeAt(j) === 92; j--) slashes++;
      if (slashes % 2 === 0) open = !open;
    }
    return open;
  };
  let out: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    let open = line.includes('":') && openQuotes(line);
    let joined = 0;
    let lastLength = line.length; // of the physical line read last: each piece of a long wrapped line is filled
    while (i + 1 < lines.length && joined < 40) {
      const next = lines[i + 1]!;
      const filled = lastLength === width && next !== '' && !/^\s/.test(next);
      if (!filled && !open) break;
      const rest = next.replace(/^[ \t⎿│|>]{0,40}/, '');
      if (rest === '') break;
      out ??= lines.slice(0, i);
      line = `${line}${filled || line.endsWith(' ') ? '' : ' '}${rest}`;
      if (openQuotes(rest)) open = !open;
      lastLength = next.length;
      i++;
      joined++;
    }
    out?.push(line);
  }
  return out ? out.join('\n') : text;
}

// Lines built from the characters the rules look at: quotes, `":`, backslashes, gutters, indentation, and lines of
// the wrap width (60+) so the filled-line rule fires.
const piece = fc.constantFrom('"', '":', '\\', '\\"', ' ', '  ', '\t', '⎿ ', '│', '|', '> ', 'a', 'word ', '\u00a0', 'x'.repeat(30));
const line = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
const filled = fc.string({ unit: fc.constantFrom('a', 'b', '"', ' ', ':'), minLength: 64, maxLength: 64 });
const text = fc.array(fc.oneof(line, filled), { maxLength: 50 }).map((lines) => lines.join('\n'));

describe('rejoinWrappedLines', () => {
  it('answers as the line-array version did, on any mix of quotes, gutters and filled lines', () => {
    fc.assert(fc.property(text, (t) => { expect(rejoinWrappedLines(t)).toBe(reference(t)); }), { numRuns: 3000 });
  });

  it('joins a JSON string left open and a line filled to the wrap width', () => {
    const t = '{"error":{"message":"This request would exceed\n   your rate limit"}}';
    expect(rejoinWrappedLines(t)).toBe(reference(t));
    expect(rejoinWrappedLines(t)).toBe('{"error":{"message":"This request would exceed your rate limit"}}');
    const w = `${'a'.repeat(70)}\n${'b'.repeat(70)}\nccc\n`;
    expect(rejoinWrappedLines(w)).toBe(reference(w));
    // Each piece of a long line wrapped into three is filled to the width but the last: all three join.
    expect(rejoinWrappedLines(w)).toBe(`${'a'.repeat(70)}${'b'.repeat(70)}ccc\n`);
    const message = `${'x'.repeat(60)}Project p is not allowe\nd to use ${'y'.repeat(66)} Model m\nodel claude-x is not servable\nnext record`;
    expect(rejoinWrappedLines(message)).toBe(reference(message));
    expect(rejoinWrappedLines(message)).toContain('is not allowed to use');
    expect(rejoinWrappedLines(message)).toContain(' Model model claude-x is not servable\nnext record');
  });

  it('drops a Markdown quote\'s `>` from a continuation line', () => {
    const t = '> {"error":{"message":"This organization has been\n> disabled."}}';
    expect(rejoinWrappedLines(t)).toBe(reference(t));
    expect(rejoinWrappedLines(t)).toBe('> {"error":{"message":"This organization has been disabled."}}');
  });

  it('joins a one-line paste wrapped once at a terminal width, whatever the quotes on it', () => {
    // The counterexample fast-check found (CI, seed 89164990) before the oracle knew the rule.
    const t = `${'x'.repeat(30)}\\""":${'x'.repeat(30)}"${'x'.repeat(30)}> ":\n"`;
    expect(t.indexOf('\n')).toBe(100);
    expect(rejoinWrappedLines(t)).toBe(reference(t));
    expect(rejoinWrappedLines(t)).not.toContain('\n');
  });

  it('joins at most 40 lines into one', () => {
    const t = `"a":"${Array.from({ length: 60 }, () => 'x').join('\n')}`;
    expect(rejoinWrappedLines(t)).toBe(reference(t));
  });
});
