import { describe, expect, it } from 'vitest';
import { CATEGORIES, GUARD_ONLY_KINDS, type Kind } from '../../src/ports/category.js';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { KNOWLEDGE_BASE } from '../../src/explain/knowledge-base.js';
import { parseErrorText } from '../../src/explain/parse-error-text.js';
import { ERROR_CORPUS, PLANTED_SECRETS } from './corpus/error-corpus.js';
import { WRAPPER_CORPUS } from './corpus/wrapper-corpus.js';

const CORPUS = [...ERROR_CORPUS, ...WRAPPER_CORPUS];

/** The issue's bar: at least 95% of the corpus classified to the right category and kind. */
const MIN_ACCURACY = 0.95;

describe('explainOffline on the corpus', () => {
  const results = CORPUS.map((c) => ({ c, e: explainOffline(c.text) }));
  const misses = results.filter(({ c, e }) => e.category !== c.category || e.kind !== c.kind);
  const accuracy = 1 - misses.length / results.length;

  it('holds at least 90 cases covering every category', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(90);
    expect(new Set(CORPUS.map((c) => c.category))).toEqual(new Set(CATEGORIES));
  });

  it('shows every pastable kind and every input shape', () => {
    // Our guard's own refusals are never pasted: covered by test/claude/to-api-failure.test.ts.
    const kinds = CATEGORIES.flatMap((c) => Object.keys(KNOWLEDGE_BASE[c].kinds)).filter((k) => !GUARD_ONLY_KINDS.has(k as Kind));
    expect(kinds.filter((k) => !CORPUS.some((c) => c.kind === k))).toEqual([]);
    const formats = new Set(CORPUS.map((c) => parseErrorText(c.text).format));
    expect([...formats].sort()).toEqual(['html', 'json', 'plain', 'proxy-text', 'python-repr', 'sdk-line', 'stack-trace', 'stream', 'traceback']);
  });

  it(`classifies at least ${MIN_ACCURACY * 100}% right (category and kind)`, () => {
    const report = misses.map(({ c, e }) => `${c.name}: want ${c.category}/${c.kind ?? '-'}, got ${e.category}/${e.kind ?? '-'}`);
    console.info(`explain corpus accuracy: ${(accuracy * 100).toFixed(1)}% of ${results.length}${report.length ? `\n  ${report.join('\n  ')}` : ''}`);
    expect(accuracy).toBeGreaterThanOrEqual(MIN_ACCURACY);
  });

  it('never lets a planted secret through, in any field', () => {
    for (const { c, e } of results) {
      const out = JSON.stringify(e);
      for (const secret of Object.values(PLANTED_SECRETS)) {
        expect(out, c.name).not.toContain(secret);
        expect(out, c.name).not.toContain(secret.slice(-16));
      }
    }
  });
});
