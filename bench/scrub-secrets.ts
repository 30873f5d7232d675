/**
 * The secret scrubber's time on real pastes of 8 KB and 64 KB (p50/p99; budget: 8 KB p99 under 1 ms), on pastes
 * dense with secrets, and the slowest input a fuzz run of the same generator as the fuzz test finds (CPU time, best
 * of five, as the test counts it). Run alone: `npx tsx bench/scrub-secrets.ts`; `npm run bench -- scrub-secrets`.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { scrubSecrets } from '../src/secrets/scrub-secrets.js';
import { ADVERSARIAL_FRAGMENTS, scrubInput } from '../test/secrets/scrub-arbitraries.js';
import { SECRET_PASTES } from '../test/secrets/paste-table.js';
import { timeEach, type CallTimes } from './support/stats.js';

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

/** Real pastes (GitHub issues, test/explain/real-pastes) laid end to end until `chars` long: what people paste. */
function realPastes(chars: number, offset: number): string {
  const pastes = (JSON.parse(readFileSync(new URL('../test/explain/real-pastes/pastes.json', import.meta.url), 'utf8')) as { text: string }[]).map((p) => p.text);
  let text = '';
  for (let i = offset; text.length < chars; i++) text += `${pastes[i % pastes.length]}\n`;
  return text.slice(0, chars);
}

/** The paste table (one secret in every form) repeated to `chars`: far denser in secrets than a real paste. */
const secretDense = (chars: number) => SECRET_PASTES.map((p) => p.paste).join('\n').repeat(Math.ceil(chars / 3000)).slice(0, chars);


const show = (f: CallTimes) => `p50 ${fmt(f.p50)}, p99 ${fmt(f.p99)} wall; p50 ${fmt(f.cpuP50)}, p99 ${fmt(f.cpuP99)} CPU`;

function cpuBestOf5(text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const started = process.cpuUsage();
    scrubSecrets(text);
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Prints the figures; also run by the bench runner (and by bench/explain). */
export async function benchScrubSecrets(options: { fuzzRuns?: number } = {}): Promise<void> {
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} CPUs`);
  for (const chars of [8 * 1024, 64 * 1024]) {
    const kb = `${chars / 1024} KB`.padStart(5);
    const real = timeEach(Array.from({ length: 10 }, (_, i) => realPastes(chars, i * 37)), chars > 10_000 ? 30 : 200, scrubSecrets, 20);
    const dense = timeEach([secretDense(chars)], chars > 10_000 ? 100 : 500, scrubSecrets, 20);
    const verdict = chars < 10_000 ? ` (budget p99 < 1 ms: ${real.p99 < 1 ? 'met' : 'missed'} wall, ${real.cpuP99 < 1 ? 'met' : 'missed'} CPU)` : '';
    console.log(`scrubSecrets ${kb} real pastes:           ${show(real)}${verdict}`);
    console.log(`scrubSecrets ${kb} secrets in every form: ${show(dense)}`);
  }
  // Warmed as the fuzz test is: a cold process's first dense 64 KB text takes ~75 ms once (V8 compiling), then 2-11 ms.
  for (const fragment of ADVERSARIAL_FRAGMENTS) for (const tail of ['w', 'w \u{1F600}']) scrubSecrets(fragment.repeat(200) + tail);
  for (const { text } of fc.sample(scrubInput, { numRuns: 6, seed: 7 })) for (let i = 0; i < 3; i++) scrubSecrets(text);
  const runs = options.fuzzRuns ?? 200;
  let worst = { ms: 0, chars: 0, head: '' };
  for (const { text } of fc.sample(scrubInput, { numRuns: runs, seed: 12 })) {
    const ms = cpuBestOf5(text);
    if (ms > worst.ms) worst = { ms, chars: text.length, head: text.slice(0, 60) };
  }
  console.log(`fuzz (${runs} inputs up to 64 KB, seed 12), slowest: ${fmt(worst.ms)} of CPU (budget 20 ms) on ${worst.chars} characters starting ${JSON.stringify(worst.head)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchScrubSecrets();
}
