import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../../../src/ports/category.js';
import { KNOWLEDGE_BASE } from '../../../src/explain/knowledge-base.js';
import { classifyByKeywordsOnly, classifyByStatusOnly } from './naive-classifiers.js';
import { formatPasteScore, loadRealPastes, scorePastes, splitOf, type RealPaste } from './score-pastes.js';

const pastes = loadRealPastes();

describe('the real-paste corpus (data)', () => {
  it('holds at least 400 pastes from at least 15 ecosystems', () => {
    expect(pastes.length).toBeGreaterThanOrEqual(400);
    expect(new Set(pastes.map((p) => p.ecosystem)).size).toBeGreaterThanOrEqual(15);
  });

  it('gives every paste a unique id, a GitHub thread of its repo as source, and a label the knowledge base knows', () => {
    expect(new Set(pastes.map((p) => p.id)).size).toBe(pastes.length);
    for (const p of pastes) {
      expect(p.source.startsWith(`https://github.com/${p.repo}/`), p.id).toBe(true);
      expect(p.source, p.id).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/(?:issues|pull|discussions)\/\d+$/);
      if (p.kind !== undefined) expect(Object.keys(KNOWLEDGE_BASE[p.category].kinds), p.id).toContain(p.kind);
    }
  });

  it('keeps no text twice', () => {
    expect(new Set(pastes.map((p) => p.text)).size).toBe(pastes.length);
  });

  it('records the frozen split: a hash of the repository, about one third held out', () => {
    for (const p of pastes) expect(p.split, p.id).toBe(splitOf(p.repo));
    const test = pastes.filter((p) => p.split === 'test').length;
    expect(test / pastes.length).toBeGreaterThan(0.25);
    expect(test / pastes.length).toBeLessThan(0.42);
    const testRepos = new Set(pastes.filter((p) => p.split === 'test').map((p) => p.repo));
    expect(pastes.filter((p) => p.split === 'dev' && testRepos.has(p.repo))).toEqual([]);
  });

  // The later collection rounds (2026-12-02) and the fewest pastes each was closed with.
  const LATER_BATCHES: Readonly<Record<number, number>> = { 2: 120, 3: 40, 4: 40, 5: 30, 6: 55, 7: 20, 8: 40, 9: 49, 10: 55 };

  it('marks the later collection rounds with their batch number (and nothing else), each on both sides of the split', () => {
    const batchOf = (p: RealPaste): unknown => (p as RealPaste & { batch?: unknown }).batch;
    const known = [undefined, ...Object.keys(LATER_BATCHES).map(Number)];
    for (const p of pastes) expect(known, p.id).toContain(batchOf(p));
    for (const [batch, fewest] of Object.entries(LATER_BATCHES)) {
      const these = pastes.filter((p) => batchOf(p) === Number(batch));
      expect(these.length, `batch ${batch}`).toBeGreaterThanOrEqual(fewest);
      expect(new Set(these.map((p) => p.split)), `batch ${batch}`).toEqual(new Set(['dev', 'test']));
    }
    // Each batch is appended after the pastes before it, never interleaved, so earlier rounds stay as they were:
    // the batch values along the file are undefined…, then 2…, then 3…, and so on.
    const rank = (p: RealPaste): number => (batchOf(p) === undefined ? 1 : (batchOf(p) as number));
    for (let i = 1; i < pastes.length; i++) expect(rank(pastes[i]!), pastes[i]!.id).toBeGreaterThanOrEqual(rank(pastes[i - 1]!));
  });

  it('carries no live-looking credential', () => {
    const credential =
      /sk-ant-(?:api|admin|oat|ort)\d\d-(?!REDACTED)[\w-]{8,}|\bsk-(?:proj-)?[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16}|xox[abp]-\d|ghp_\w{20,}|AIza[\w-]{30,}|eyJ[\w-]{10,}\.eyJ/;
    for (const p of pastes) expect(credential.test(p.text), p.id).toBe(false);
  });
});

describe('scorePastes', () => {
  const sample: RealPaste[] = [
    { id: 'a', source: 'https://github.com/o/r/issues/1', repo: 'o/r', ecosystem: 'x', split: 'dev', text: '529 overloaded', category: 'overloaded' },
    { id: 'b', source: 'https://github.com/o/r/issues/2', repo: 'o/r', ecosystem: 'x', split: 'dev', text: '429 rpm', category: 'rate_limit', kind: 'requests' },
    { id: 'c', source: 'https://github.com/o/r/issues/3', repo: 'o/r', ecosystem: 'x', split: 'dev', text: '401', category: 'auth' },
  ];

  it('counts a perfect classifier as 100% on categories and kinds', () => {
    const byText = new Map(sample.map((p) => [p.text, p]));
    const score = scorePastes((t) => ({ category: byText.get(t)!.category, kind: byText.get(t)!.kind }), sample);
    expect([score.accuracy, score.kindAccuracy, score.misses]).toEqual([1, 1, []]);
  });

  it('counts a wrong kind as a kind miss but a category hit, and fills the confusion matrix', () => {
    const answers: Record<string, Category> = { '529 overloaded': 'server_error', '429 rpm': 'rate_limit', '401': 'auth' };
    const score = scorePastes((t) => ({ category: answers[t]!, kind: undefined }), sample);
    expect(score.correct).toBe(2);
    expect([score.kindTotal, score.kindCorrect]).toEqual([1, 0]);
    expect(score.confusion.overloaded.server_error).toBe(1);
    expect(score.perCategory.rate_limit).toEqual({ total: 1, correct: 1, kindTotal: 1, kindCorrect: 0 });
    expect(score.misses.map((m) => m.id)).toEqual(['a', 'b']);
    const total = CATEGORIES.reduce((n, w) => n + CATEGORIES.reduce((m, g) => m + score.confusion[w][g], 0), 0);
    expect(total).toBe(sample.length);
    expect(formatPasteScore(score, 'sample')).toContain('sample: category 66.7% (2/3), kind 0.0% (0/1 labelled)');
  });

  it('scores the naive baselines on the corpus without throwing (figures are printed by bench/explain)', () => {
    for (const classify of [classifyByStatusOnly, classifyByKeywordsOnly]) {
      const score = scorePastes(classify, pastes);
      expect(score.total).toBe(pastes.length);
      expect(score.accuracy).toBeLessThan(1);
    }
  });
});
