import { describe, expect, it } from 'vitest';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { formatPasteScore, loadRealPastes, scorePastes, type Classify } from './real-pastes/score-pastes.js';

/**
 * The accuracy figure of issue 13: the offline explainer on the TEST split of real pastes (texts nobody here wrote,
 * split by repository, never used to write a rule), held as floors so that a change losing accuracy fails here.
 * Every test side was first scored at the end of the round it was collected in, then once at the end of each later
 * round; test/explain/real-pastes/README.md ("Score now") has every figure.
 * - Batch 1's test side is the frozen set (134): 94.8%, 95.5%, 96.3%, 96.3%, 96.3% (129) at the ends of rounds 1-5.
 *   Issue 13 asks for 97% (130/134): that is the open item.
 * - The later batches' test sides are fresh hold-outs (batch 2's lost its freshness for one shape: see the README).
 * Each floor is the count right at the end of round 5, so losing one paste fails.
 */
const RIGHT_AT_LEAST: Readonly<Record<number, { size: number; right: number }>> = {
  1: { size: 134, right: 129 },
  2: { size: 22, right: 20 },
  3: { size: 32, right: 31 },
  4: { size: 10, right: 10 },
  5: { size: 10, right: 9 },
  6: { size: 19, right: 19 },
  7: { size: 6, right: 6 },
  8: { size: 11, right: 8 },
  9: { size: 20, right: 17 },
  10: { size: 17, right: 15 },
};
/** The split it was developed on (2 of 695 wrong at the end of round 5: labels batch 9's audit contested). */
const DEV_FLOOR = 0.99;

const offline: Classify = (text) => {
  const e = explainOffline(text);
  return { category: e.category, kind: e.kind };
};

const testSplit = loadRealPastes('test');

describe('the explainer on real pastes', () => {
  it.each(Object.entries(RIGHT_AT_LEAST))('names the right category for batch %s\'s test side at least as often as at the end of round 5', (batch, want) => {
    const score = scorePastes(offline, testSplit.filter((p) => (p.batch ?? 1) === Number(batch)));
    // The figure and tables only, never the test texts or misses (the split stays unseen).
    if (batch === '1') console.info(formatPasteScore(score, 'explainOffline, real-paste frozen test set'));
    expect(score.total).toBe(want.size);
    expect(score.correct).toBeGreaterThanOrEqual(want.right);
  });

  it('holds no test-side batch without a floor', () => {
    expect([...new Set(testSplit.map((p) => String(p.batch ?? 1)))].sort()).toEqual(Object.keys(RIGHT_AT_LEAST).sort());
  });

  it(`names the right category for at least ${DEV_FLOOR * 100}% of the dev split`, () => {
    const score = scorePastes(offline, loadRealPastes('dev'));
    expect(score.accuracy, formatPasteScore(score, 'explainOffline, real-paste dev split', { misses: true })).toBeGreaterThanOrEqual(DEV_FLOOR);
  });
});
