/**
 * `npm run bench [-- name…]`: runs every benchmark (or the named ones) in one process, one after another, each
 * printing its figures beside its baseline. Figures vary with the machine: compare ratios, not absolute times.
 */
import { benchAck } from './ack.js';
import { benchCluster } from './cluster.js';
import { benchExplain } from './explain.js';
import { benchFirstAnswer } from './first-answer.js';
import { benchLimiter } from './limiter.js';
import { benchMonitor } from './monitor.js';
import { benchScrubSecrets } from './scrub-secrets.js';
import { benchStartup } from './startup.js';
import { benchStatusPage } from './status-page.js';

const BENCHES: Record<string, () => Promise<void>> = {
  ack: benchAck,
  cluster: benchCluster,
  explain: benchExplain,
  'first-answer': benchFirstAnswer,
  limiter: benchLimiter,
  monitor: benchMonitor,
  'scrub-secrets': () => benchScrubSecrets(),
  startup: benchStartup,
  'status-page': benchStatusPage,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !BENCHES[name]);
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stdout.write(`\n=== bench/${name} (node ${process.version}, ${new Date().toISOString()}) ===\n`);
  await run();
}
