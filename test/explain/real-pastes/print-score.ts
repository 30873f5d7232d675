/**
 * Prints the offline explainer's score on the real pastes (dev and test), beside the naive baselines.
 * `npx tsx test/explain/real-pastes/print-score.ts [--misses] [--dev-only]`. For a baseline at an older commit, copy
 * this folder into a worktree of that commit and run it there (README: "Baseline"). `--dev-only` prints the dev split
 * alone (old pastes and each later batch apart): what the parser's developer runs, so the test figure stays unseen
 * until it is measured once at the end.
 */
import { explainOffline } from '../../../src/explain/explain-offline.js';
import { classifyByKeywordsOnly, classifyByStatusOnly } from './naive-classifiers.js';
import { formatPasteScore, loadRealPastes, scorePastes, type Classify } from './score-pastes.js';

const offline: Classify = (text) => {
  const e = explainOffline(text);
  return { category: e.category, kind: e.kind };
};

const misses = process.argv.includes('--misses');
const devOnly = process.argv.includes('--dev-only');
for (const split of devOnly ? (['dev'] as const) : (['test', 'dev'] as const)) {
  const pastes = loadRealPastes(split);
  console.log(formatPasteScore(scorePastes(offline, pastes), `explainOffline, ${split} split`, { misses: misses && split === 'dev' }));
  for (const [name, classify] of [['status code only', classifyByStatusOnly], ['keywords only', classifyByKeywordsOnly]] as const) {
    const s = scorePastes(classify, pastes);
    console.log(`  naive (${name}), ${split}: category ${((100 * s.accuracy)).toFixed(1)}% (${s.correct}/${s.total})`);
  }
  console.log('');
  {
    // Per collection batch: on test, batch 1 is the frozen set the figure is about, batch 2 a fresh hold-out.
    for (const batch of [...new Set(pastes.map((p) => p.batch ?? 1))].sort((a, b) => a - b)) {
      const s = scorePastes(offline, pastes.filter((p) => (p.batch ?? 1) === batch));
      console.log(`  ${split}, batch ${batch}: category ${(100 * s.accuracy).toFixed(1)}% (${s.correct}/${s.total}), kind ${(100 * s.kindAccuracy).toFixed(1)}% (${s.kindCorrect}/${s.kindTotal})`);
    }
  }
  console.log('');
}
