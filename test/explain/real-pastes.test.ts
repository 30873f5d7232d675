import { describe, expect, it } from 'vitest';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { formatPasteScore, loadRealPastes, scorePastes, type Classify } from './real-pastes/score-pastes.js';

/**
 * The accuracy figure of issue 13: the offline explainer on the frozen TEST split of real pastes (texts nobody here
 * wrote, split by repository, never used to write a rule). Issue 13 asks for 97%; this parser reached 94.8%
 * (127/134), so the floor is that figure — a change that loses accuracy fails here — and raising it to 0.97 is the
 * open item (see src/explain/README.md, "Accuracy").
 */
const TEST_FLOOR = 0.947;
/** The split it was developed on: every paste right when this was written; a regression shows here first. */
const DEV_FLOOR = 0.99;

const offline: Classify = (text) => {
  const e = explainOffline(text);
  return { category: e.category, kind: e.kind };
};

describe('the explainer on real pastes', () => {
  it(`names the right category for at least ${(TEST_FLOOR * 100).toFixed(1)}% of the test split`, () => {
    const score = scorePastes(offline, loadRealPastes('test'));
    // The figure and tables only, never the test texts or misses (the split stays unseen).
    console.info(formatPasteScore(score, 'explainOffline, real-paste test split'));
    expect(score.accuracy).toBeGreaterThanOrEqual(TEST_FLOOR);
  });

  it(`names the right category for at least ${DEV_FLOOR * 100}% of the dev split`, () => {
    const score = scorePastes(offline, loadRealPastes('dev'));
    expect(score.accuracy, formatPasteScore(score, 'explainOffline, real-paste dev split', { misses: true })).toBeGreaterThanOrEqual(DEV_FLOOR);
  });
});
