/**
 * Offline explainer timings: the corpus, inputs from 100 B to 64 KB, adversarial 100 KB inputs, against a naive
 * baseline (JSON.parse + a status switch) in the same run; and an explain end to end with and without Claude
 * (through the in-memory port, so it measures our overhead, not the API's latency).
 * Run alone: `npx tsx bench/explain.ts`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Category } from '../src/explain/category.js';
import { createExplainer } from '../src/explain/enrich-explanation.js';
import { explainOffline } from '../src/explain/explain-offline.js';
import { ERROR_CORPUS as FIRST_CORPUS } from '../test/explain/corpus/error-corpus.js';
import { WRAPPER_CORPUS } from '../test/explain/corpus/wrapper-corpus.js';
import { createInMemoryClaudeApi } from '../test/explain/support/in-memory-claude-api.js';

const ERROR_CORPUS = [...FIRST_CORPUS, ...WRAPPER_CORPUS];
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

function timeEach(inputs: readonly string[], rounds: number, fn: (text: string) => unknown): { p50: number; p99: number; perSecond: number } {
  for (const text of inputs) fn(text); // warm up the JIT
  const samples: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const text of inputs) {
      const t0 = performance.now();
      fn(text);
      samples.push(performance.now() - t0);
    }
  }
  const total = performance.now() - started;
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), perSecond: (samples.length / total) * 1000 };
}

/** What a first attempt looks like: parse JSON if it is JSON, switch on the status or type. */
function naiveClassify(text: string): Category {
  try {
    const body = JSON.parse(text) as { error?: { type?: string } };
    const type = body.error?.type;
    if (type === 'rate_limit_error') return 'rate_limit';
    if (type === 'overloaded_error') return 'overloaded';
    if (type === 'authentication_error') return 'auth';
    if (type === 'invalid_request_error') return 'invalid_request';
    if (type === 'not_found_error') return 'not_found';
    if (type === 'api_error') return 'server_error';
  } catch {
    // not JSON: fall through to the status
  }
  const status = Number(/\b([45]\d\d)\b/.exec(text)?.[1]);
  switch (status) {
    case 400: return 'invalid_request';
    case 401: return 'auth';
    case 403: return 'permission';
    case 404: return 'not_found';
    case 413: return 'request_too_large';
    case 429: return 'rate_limit';
    case 529: return 'overloaded';
    case 504: return 'timeout';
    default: return status >= 500 ? 'server_error' : 'unknown';
  }
}

function sized(bytes: number): string {
  const head = ERROR_CORPUS.find((c) => c.name === 'rpm py')!.text;
  const filler = '  File "/srv/app/worker.py", line 120, in process\n    result = pipeline.run(batch, retries=3)\n';
  let text = head;
  while (text.length < bytes) text = filler + text;
  return text.slice(text.length - bytes);
}

const WORST_CASES: Record<string, string> = {
  'unclosed message strings': '{"message": "'.repeat(8_000),
  'key-like fragments': 'sk-ant-api03-ab '.repeat(6_500),
  'Error words': 'RateLimitErrorError: '.repeat(5_000),
  'type fields': `{"type":"${'a'.repeat(58)}",`.repeat(1_500),
  'tool_use without end': 'tool_use '.repeat(11_500),
  'one long line': 'x'.repeat(100 * 1024),
};

/** Prints the figures; also run by the bench runner. */
export async function benchExplain(): Promise<void> {
  const corpus = ERROR_CORPUS.map((c) => c.text);
  const ours = timeEach(corpus, 50, explainOffline);
  const naive = timeEach(corpus, 50, naiveClassify);
  const right = (f: (t: string) => Category) => ERROR_CORPUS.filter((c) => f(c.text) === c.category).length / ERROR_CORPUS.length;
  const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  console.log(`explainOffline, corpus of ${corpus.length}: p50 ${fmt(ours.p50)}, p99 ${fmt(ours.p99)}, ${ours.perSecond.toFixed(0)}/s, category accuracy ${(right((t) => explainOffline(t).category) * 100).toFixed(1)}%`);
  console.log(`baseline JSON.parse + switch:     p50 ${fmt(naive.p50)}, p99 ${fmt(naive.p99)}, ${naive.perSecond.toFixed(0)}/s, category accuracy ${(right(naiveClassify) * 100).toFixed(1)}%`);

  for (const bytes of [100, 1024, 8 * 1024, 64 * 1024]) {
    const r = timeEach([sized(bytes)], bytes > 10_000 ? 300 : 1000, explainOffline);
    console.log(`explainOffline ${String(bytes).padStart(6)} B: p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)}`);
  }
  for (const [name, text] of Object.entries(WORST_CASES)) {
    const r = timeEach([text], 30, explainOffline);
    console.log(`worst case ${(text.length / 1024).toFixed(0)} KB, ${name}: p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)}`);
  }

  const claude = createInMemoryClaudeApi();
  const explainer = createExplainer({ claude, model: 'claude-haiku-4-5' });
  const sample = ERROR_CORPUS.find((c) => c.name === 'prompt too long ts')!.text;
  for (const offline of [true, false]) {
    const samples: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      await explainer.explain(sample, { offline });
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    console.log(`explain end to end ${offline ? 'without Claude' : 'with Claude (in-memory port, 0 ms API)'}: p50 ${fmt(percentile(samples, 0.5))}, p99 ${fmt(percentile(samples, 0.99))}`);
  }
  await (await import('./scrub-secrets.js')).benchScrubSecrets({ fuzzRuns: 50 }); // the scrubber every explain runs first (issue 12)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchExplain();
}
