import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralScan } from '../../src/explain/literal-scan.js';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** What the explainer did before: the literal of each matchAll hit, in order. */
function byMatchAll(literals: readonly string[], text: string): number[] {
  const re = new RegExp(literals.map(escapeRe).join('|'), 'g');
  return [...text.matchAll(re)].map((m) => literals.indexOf(m[0]));
}

function byScan(literals: readonly string[], text: string): number[] {
  const hits: number[] = [];
  new LiteralScan(literals).scan(text, (i) => void hits.push(i));
  return hits;
}

// Overlapping literals over a small alphabet: prefixes, suffixes and inner parts of one another, and special characters.
const literal = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '.', '['), minLength: 1, maxLength: 5 });
const literals = fc.uniqueArray(literal, { minLength: 1, maxLength: 8 });

describe('LiteralScan', () => {
  it('finds the literals matchAll over their alternation finds, in order', () => {
    fc.assert(fc.property(literals, fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '.', '[', 'x'), maxLength: 80 }), (lits, text) => {
      expect(byScan(lits, text)).toEqual(byMatchAll(lits, text));
    }), { numRuns: 3000 });
  });

  it('finds them so when no literal is a prefix of another (the alternatives merged by common prefix)', () => {
    const prefixFree = literals.filter((l) => l.every((a, i) => l.every((b, j) => i === j || !b.startsWith(a))));
    fc.assert(fc.property(prefixFree, fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '.', '[', 'x'), maxLength: 80 }), (lits, text) => {
      expect(byScan(lits, text)).toEqual(byMatchAll(lits, text));
    }), { numRuns: 3000 });
    const astral = ['\u{1F600}x', '\u{1F601}', 'é(', 'a\\'];
    const text = 'a\\ \u{1F600}x é( \u{1F601}\u{1F600}';
    expect(byScan(astral, text)).toEqual([3, 0, 2, 1]);
  });

  it('reads the explainer\'s anchor words as the alternation did', () => {
    const anchors = ['error code', 'api error', 'http', 'status', 'code', '[4', ': 4'];
    const text = 'api error code: 429 [429] http status code [4 error codes';
    expect(byScan(anchors, text)).toEqual(byMatchAll(anchors, text));
    expect(byScan(anchors, text).map((i) => anchors[i])).toEqual(['api error', 'code', ': 4', '[4', 'http', 'status', 'code', '[4', 'error code']);
  });

  it('stops when told to, and can scan again from the start', () => {
    const scan = new LiteralScan(['b', 'a']);
    const seen: number[] = [];
    scan.scan('xaxbxa', (i) => { seen.push(i); return i === 0; });
    expect(seen).toEqual([1, 0]);
    const again: number[] = [];
    scan.scan('ab', (i) => void again.push(i));
    expect(again).toEqual([1, 0]);
  });
});
