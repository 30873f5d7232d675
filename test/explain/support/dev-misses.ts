/**
 * Development aid (DEV split only, never the test split): scores the offline explainer on the real pastes' dev side
 * and prints each miss with its text, for working on the parser.
 * `npx tsx test/explain/support/dev-misses.ts [--all] [--batch N]` (`--all`: whole texts; `--batch N`: one
 * collection round only, the first being 1).
 */
import { explainOffline, readPaste } from '../../../src/explain/explain-offline.js';
import { formatPasteScore, loadRealPastes, scorePastes } from '../real-pastes/score-pastes.js';

const batchArg = process.argv.indexOf('--batch');
const batch = batchArg === -1 ? undefined : Number(process.argv[batchArg + 1]);
const dev = loadRealPastes('dev').filter((p) => batch === undefined || (p.batch ?? 1) === batch);
const score = scorePastes((t) => explainOffline(t), dev);
console.log(formatPasteScore(score, `dev split${batch === undefined ? '' : `, batch ${batch}`}, offline`));
const byId = new Map(dev.map((p) => [p.id, p]));
for (const miss of score.misses) {
  const p = byId.get(miss.id)!;
  const e = explainOffline(p.text);
  const { basis } = readPaste(p.text).classification;
  console.log(`\n--- ${miss.id} [${p.ecosystem}] want ${miss.want} got ${miss.got} (${basis} conf ${e.confidence}) status=${e.facts.status} type=${e.facts.type} class=${e.facts.sdkClass ?? e.facts.clientClass} client=${e.facts.client}${p.note ? ` note: ${p.note}` : ''}`);
  console.log(process.argv.includes('--all') ? p.text : p.text.slice(0, 700));
}
