/**
 * Development aid (DEV split only, never the test split): scores the offline explainer on the real pastes' dev side
 * and prints each miss with its text, for working on the parser. `npx tsx test/explain/support/dev-misses.ts [--all]`.
 */
import { explainOffline } from '../../../src/explain/explain-offline.js';
import { formatPasteScore, loadRealPastes, scorePastes } from '../real-pastes/score-pastes.js';

const dev = loadRealPastes('dev');
const score = scorePastes((t) => explainOffline(t), dev);
console.log(formatPasteScore(score, 'dev split, offline'));
const byId = new Map(dev.map((p) => [p.id, p]));
for (const miss of score.misses) {
  const p = byId.get(miss.id)!;
  const e = explainOffline(p.text);
  console.log(`\n--- ${miss.id} want ${miss.want} got ${miss.got} (basis conf ${e.confidence}) status=${e.facts.status} type=${e.facts.type} class=${e.facts.sdkClass ?? e.facts.clientClass} client=${e.facts.client}${p.note ? ` note: ${p.note}` : ''}`);
  console.log(process.argv.includes('--all') ? p.text : p.text.slice(0, 700));
}
