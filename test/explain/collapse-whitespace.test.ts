import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../src/explain/normalize-paste.js';

// Every character JavaScript's `\s` matches, and neighbours that it does not.
const WHITESPACE = ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
const NOT_WHITESPACE = ['\u0008', '\u000e', '\u001f', '\u0085', '\u009f', '\u00a1', '\u180e', '\u200b', '\u1fff', '\u200c', '\u202e', '\u2030', '\u205e', '\u2060', '\u2fff', '\u3001', '\ufefe', '\uff00'];
const piece = fc.oneof(fc.constantFrom(...WHITESPACE, ...NOT_WHITESPACE), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 }));
const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('collapseWhitespace', () => {
  it('is text.replace(/\\s+/g, " ") on any string', () => {
    fc.assert(fc.property(text, (s) => { expect(collapseWhitespace(s)).toBe(s.replace(/\s+/g, ' ')); }), { numRuns: 2000 });
  });

  it('with an empty replacement is text.replace(/\\s+/g, "")', () => {
    fc.assert(fc.property(text, (s) => { expect(collapseWhitespace(s, '')).toBe(s.replace(/\s+/g, '')); }), { numRuns: 2000 });
  });

  it('classifies each of the 65,536 code units as \\s does', () => {
    let spaced = '';
    for (let c = 0; c < 0x10000; c++) spaced += `a${String.fromCharCode(c)}${String.fromCharCode(c)}b`;
    expect(collapseWhitespace(spaced)).toBe(spaced.replace(/\s+/g, ' '));
    expect(collapseWhitespace(spaced, '')).toBe(spaced.replace(/\s+/g, ''));
  });

  it('gives the same string back when there is nothing to collapse', () => {
    expect(collapseWhitespace('a b c')).toBe('a b c');
    expect(collapseWhitespace('a  b\n\tc')).toBe('a b c');
    expect(collapseWhitespace('  ')).toBe(' ');
    expect(collapseWhitespace('')).toBe('');
  });
});
