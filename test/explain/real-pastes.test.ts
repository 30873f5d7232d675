import { describe, expect, it } from 'vitest';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { formatPasteScore, loadRealPastes, scorePastes, type Classify } from './real-pastes/score-pastes.js';

/**
 * The accuracy figure of issue 13: the offline explainer on the TEST split of real pastes (texts nobody here wrote,
 * split by repository, never used to write a rule), held as floors so that a change losing accuracy fails here.
 * - The frozen set (the first collection's test side, 134 pastes): 94.8% (127/134) at the end of the first round,
 *   95.5% (128/134) at the end of the second, 96.3% (129/134) at the end of the third and of the fourth, measured once
 *   at each end.
 *   Issue 13 asks for 97% (130/134): that is the open item.
 * - Batch 2's test side (22 pastes collected on 2026-12-02, labelled without running the explainer, first scored at
 *   the end of round 2): 86.4% (19/22) then and after round 3, the same figure the round-1 parser had.
 * - Batch 3's test side (32 pastes from new repositories, collected and audited during round 3, first scored at its
 *   end): 93.8% (30/32), the same figure the round-2 parser had; unchanged after round 4.
 * - Batch 4's test side (10 pastes from new repositories, first scored at the end of round 4): 10/10, as the round-3
 *   parser scored them too.
 * (src/explain/README.md, "Accuracy".)
 */
const FROZEN_TEST_FLOOR = 0.962;
const BATCH_2_TEST_FLOOR = 0.86;
const BATCH_3_TEST_FLOOR = 0.93;
const BATCH_4_TEST_FLOOR = 0.9;
/** The split it was developed on: every paste right when this was written; a regression shows here first. */
const DEV_FLOOR = 0.99;

const offline: Classify = (text) => {
  const e = explainOffline(text);
  return { category: e.category, kind: e.kind };
};

const testSplit = loadRealPastes('test');

describe('the explainer on real pastes', () => {
  it(`names the right category for at least ${(FROZEN_TEST_FLOOR * 100).toFixed(1)}% of the frozen test set`, () => {
    const score = scorePastes(offline, testSplit.filter((p) => (p.batch ?? 1) === 1));
    // The figure and tables only, never the test texts or misses (the split stays unseen).
    console.info(formatPasteScore(score, 'explainOffline, real-paste frozen test set'));
    expect(score.total).toBe(134);
    expect(score.accuracy).toBeGreaterThanOrEqual(FROZEN_TEST_FLOOR);
  });

  it(`names the right category for at least ${(BATCH_2_TEST_FLOOR * 100).toFixed(0)}% of batch 2's test side`, () => {
    const score = scorePastes(offline, testSplit.filter((p) => p.batch === 2));
    expect(score.accuracy).toBeGreaterThanOrEqual(BATCH_2_TEST_FLOOR);
  });

  it(`names the right category for at least ${(BATCH_3_TEST_FLOOR * 100).toFixed(0)}% of batch 3's test side`, () => {
    const score = scorePastes(offline, testSplit.filter((p) => p.batch === 3));
    expect(score.total).toBe(32);
    expect(score.accuracy).toBeGreaterThanOrEqual(BATCH_3_TEST_FLOOR);
  });

  it(`names the right category for at least ${(BATCH_4_TEST_FLOOR * 100).toFixed(0)}% of batch 4's test side`, () => {
    const score = scorePastes(offline, testSplit.filter((p) => p.batch === 4));
    expect(score.total).toBe(10);
    expect(score.accuracy).toBeGreaterThanOrEqual(BATCH_4_TEST_FLOOR);
  });

  it(`names the right category for at least ${DEV_FLOOR * 100}% of the dev split`, () => {
    const score = scorePastes(offline, loadRealPastes('dev'));
    expect(score.accuracy, formatPasteScore(score, 'explainOffline, real-paste dev split', { misses: true })).toBeGreaterThanOrEqual(DEV_FLOOR);
  });
});
