/**
 * The explainer on what people really paste (issue 13): category accuracy on the real-paste TEST split offline and
 * with Claude's help (the fake Claude API answering classification requests from the labels: an upper bound, with
 * the calls counted), per-category table and confusion matrix beside the naive baselines (C's scorer); p50/p99 of a
 * whole offline explanation (scrub + parse + weigh + advice) on 8 KB and 64 KB pastes (budget: 8 KB p99 < 1 ms);
 * the parser's slowest input found by the fuzzer; then the scrubber's own figures.
 * Run alone: `npx tsx bench/explain.ts` (or `npm run bench -- explain`). `--dev-only` (`npm run bench -- explain
 * --dev-only`) scores the dev split alone and skips Claude's help: for the parser's developer, who never sees the
 * test figure before it is measured once at the end.
 */
import fc from 'fast-check';
import pino from 'pino';
import { pathToFileURL } from 'node:url';
import { createClaudeApi } from '../src/claude/create-claude-api.js';
import { scrubBounded } from '../src/explain/bound-text.js';
import { createExplainer } from '../src/explain/create-explainer.js';
import { explainOffline } from '../src/explain/explain-offline.js';
import { parseErrorText } from '../src/explain/parse-error-text.js';
import { weighEvidence } from '../src/explain/weigh-evidence.js';
import { classificationTable, startFakeClaudeApi, TEST_API_KEY } from '../test/fakes/fake-claude-api.js';
import { hostileText, KNOWN_WORST, parseCpuMs } from '../test/explain/support/hostile-text.js';
import { classifyByKeywordsOnly, classifyByStatusOnly } from '../test/explain/real-pastes/naive-classifiers.js';
import { timeEach } from './support/stats.js';
import { formatPasteScore, loadRealPastes, scorePastes, type Classify, type RealPaste } from '../test/explain/real-pastes/score-pastes.js';

const fmt = (ms: number) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** Untimed calls per input before timing. */
const WARMUP_CALLS = 20;


const offline: Classify = (text) => {
  const e = explainOffline(text);
  return { category: e.category, kind: e.kind };
};

/** Real pastes grown to `bytes` by repeating their own lines above them (a long log ending in the error). */
function sized(pastes: readonly RealPaste[], bytes: number): string[] {
  return pastes.slice(0, 20).map((p) => {
    let text = p.text;
    while (text.length < bytes) text = `${p.text}\n${text}`;
    return text.slice(text.length - bytes);
  });
}

/** The test split with Claude's help: the fake answers each classification request from the paste's label. */
async function withClaudesHelp(pastes: readonly RealPaste[]): Promise<{ score: ReturnType<typeof scorePastes>; calls: number; asked: number }> {
  // The explainer sends Claude the scrubbed text cut to 4,000 characters; the table is keyed the same way.
  const table = classificationTable(pastes.map((p) => [scrubBounded(p.text).slice(0, 4000), { category: p.category, kind: p.kind }] as const));
  const fake = await startFakeClaudeApi({ classify: table });
  const api = createClaudeApi({
    apiKey: TEST_API_KEY, baseURL: fake.url, limits: { rpm: 60_000, maxConcurrent: 8 },
    breaker: { timeoutMs: 5000, errorPercent: 50, resetMs: 60_000, volumeThreshold: 20 }, logger: pino({ level: 'silent' }),
  });
  try {
    const explainer = createExplainer({ claude: api, model: 'claude-haiku-4-5' });
    const answers = new Map<string, { category: RealPaste['category']; kind?: RealPaste['kind'] }>();
    let asked = 0;
    for (const p of pastes) {
      const e = await explainer.explain(p.text);
      if (e.classifiedWith) asked += 1;
      answers.set(p.text, { category: e.category, ...(e.kind ? { kind: e.kind } : {}) });
    }
    const score = scorePastes((text) => answers.get(text)!, pastes);
    return { score, calls: fake.stats().classifications, asked };
  } finally {
    await api.close();
    await fake.close();
  }
}

/** Prints the figures; also run by the bench runner. */
export async function benchExplain(options: { devOnly?: boolean } = {}): Promise<void> {
  const devOnly = options.devOnly ?? process.argv.includes('--dev-only');
  const dev = loadRealPastes('dev');
  if (devOnly) {
    console.log(formatPasteScore(scorePastes(offline, dev), `explainOffline on the real-paste dev split (${dev.length}); --dev-only: the TEST split is not scored`));
  } else {
    await testSplitFigures(dev);
  }
  timings(dev);
  await (await import('./scrub-secrets.js')).benchScrubSecrets({ fuzzRuns: 50 }); // the scrubber every explain runs first (issue 12)
}

/**
 * The accuracy figure: the frozen test set (the first collection's TEST side, the figure issue 13 is about) with its
 * per-category table and confusion matrix beside the naive baselines; each later batch's TEST side (a fresh hold-out)
 * and the whole TEST split on a line each; the TEST split with Claude's help; the dev split.
 */
async function testSplitFigures(dev: readonly RealPaste[]): Promise<void> {
  const test = loadRealPastes('test');
  const frozen = test.filter((p) => (p.batch ?? 1) === 1);
  console.log(formatPasteScore(scorePastes(offline, frozen), `explainOffline on the frozen test set (batch 1's TEST side, ${frozen.length})`));
  for (const [name, classify] of [['first status code only', classifyByStatusOnly], ['keywords only', classifyByKeywordsOnly]] as const) {
    console.log(formatPasteScore(scorePastes(classify, frozen), `naive baseline (${name}), frozen test set`).split('\n')[0]);
  }
  console.log('parser before issue 13 (c4ab102, test/explain/real-pastes/README.md): frozen test set category 82.8%, kind 68.4%; dev 76.8%');
  const line = (title: string, pastes: readonly RealPaste[]) => {
    const s = scorePastes(offline, pastes);
    console.log(`${title} (${pastes.length}): category ${pct(s.accuracy)} (${s.correct}/${s.total}), kind ${pct(s.kindAccuracy)} (${s.kindCorrect}/${s.kindTotal})`);
  };
  for (const batch of [...new Set(test.map((p) => p.batch ?? 1))].filter((b) => b > 1).sort((a, b) => a - b)) {
    line(`explainOffline on batch ${batch}'s TEST side, a fresh hold-out`, test.filter((p) => p.batch === batch));
  }
  line('explainOffline on the whole TEST split', test);
  const devScore = scorePastes(offline, dev);
  console.log(`explainOffline on the dev split (${dev.length}, developed on): category ${pct(devScore.accuracy)}, kind ${pct(devScore.kindAccuracy)}`);

  const helped = await withClaudesHelp(test);
  console.log(`with Claude's help (fake API answering from the labels: an upper bound): TEST category ${pct(helped.score.accuracy)} (${helped.score.correct}/${helped.score.total}), kind ${pct(helped.score.kindAccuracy)}; ${helped.calls} classification calls for ${test.length} pastes, ${helped.asked} answers taken from Claude`);
}

/** p50/p99 of a whole offline explanation on 8 KB and 64 KB pastes, and the parser's slowest fuzzed input. */
function timings(dev: readonly RealPaste[]): void {
  for (const bytes of [8 * 1024, 64 * 1024]) {
    const inputs = sized(dev, bytes);
    const rounds = bytes > 10_000 ? 15 : 100;
    // The bot is a long-running process: what a paste costs is the steady state, after V8 has compiled the parser
    // (the first calls of a fresh process run cold code; one warm-up call per input left 1.7-2.8 ms in the p99).
    const whole = timeEach(inputs, rounds, explainOffline, WARMUP_CALLS);
    const parseOnly = timeEach(inputs, rounds, (t) => weighEvidence(parseErrorText(t)), WARMUP_CALLS);
    const budget = bytes === 8192 ? ` (budget p99 < 1 ms: ${whole.p99 < 1 ? 'met' : 'missed'} wall, ${whole.cpuP99 < 1 ? 'met' : 'missed'} CPU)` : '';
    console.log(`explainOffline ${String(bytes / 1024).padStart(2)} KB real pastes (scrub + parse + explain; after ${WARMUP_CALLS} warm-up calls each): p50 ${fmt(whole.p50)}, p99 ${fmt(whole.p99)} wall; p50 ${fmt(whole.cpuP50)}, p99 ${fmt(whole.cpuP99)} CPU${budget}`);
    console.log(`  of which the parser (normalise + read + weigh):     p50 ${fmt(parseOnly.p50)}, p99 ${fmt(parseOnly.p99)} wall; p50 ${fmt(parseOnly.cpuP50)}, p99 ${fmt(parseOnly.cpuP99)} CPU`);
  }

  let worst = { ms: 0, length: 0, head: '' };
  for (const text of [...KNOWN_WORST, ...fc.sample(hostileText, { numRuns: 120, seed: 13 })]) {
    const ms = Math.min(parseCpuMs(text), parseCpuMs(text));
    if (ms > worst.ms) worst = { ms, length: text.length, head: text.slice(0, 40) };
  }
  console.log(`parser fuzz worst case (${KNOWN_WORST.length} known + 120 generated, seed 13, CPU best of 2): ${fmt(worst.ms)} on ${worst.length} chars starting ${JSON.stringify(worst.head)} (budget 20 ms)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchExplain();
}
