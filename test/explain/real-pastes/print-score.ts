/**
 * Prints the offline explainer's score on the real pastes (dev and test), beside the naive baselines.
 * `npx tsx test/explain/real-pastes/print-score.ts [--misses]`. For a baseline at an older commit, copy this folder
 * into a worktree of that commit and run it there (README: "Baseline").
 */
import { explainOffline } from '../../../src/explain/explain-offline.js';
import { classifyByKeywordsOnly, classifyByStatusOnly } from './naive-classifiers.js';
import { formatPasteScore, loadRealPastes, scorePastes, type Classify } from './score-pastes.js';

const offline: Classify = (text) => {
  const e = explainOffline(text);
  return { category: e.category, kind: e.kind };
};

const misses = process.argv.includes('--misses');
for (const split of ['test', 'dev'] as const) {
  const pastes = loadRealPastes(split);
  console.log(formatPasteScore(scorePastes(offline, pastes), `explainOffline, ${split} split`, { misses: misses && split === 'dev' }));
  for (const [name, classify] of [['status code only', classifyByStatusOnly], ['keywords only', classifyByKeywordsOnly]] as const) {
    const s = scorePastes(classify, pastes);
    console.log(`  naive (${name}), ${split}: category ${((100 * s.accuracy)).toFixed(1)}% (${s.correct}/${s.total})`);
  }
  console.log('');
}
