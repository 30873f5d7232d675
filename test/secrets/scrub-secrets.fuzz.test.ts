import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../src/secrets/scrub-secrets.js';
import { ADVERSARIAL_FRAGMENTS, scrubInput, survives } from './scrub-arbitraries.js';

/** Issue 12's budget for one text of up to 64 KB. */
const BUDGET_MS = 20;

/**
 * Tries per input until one is within the budget; the best counts. A super-linear pattern is slow on every try (orders
 * of magnitude over the 3-6 ms a 64 KB text takes on a quiet machine), a text slowed by a neighbour is not: a CI
 * machine running the whole suite on two cores once charged a 3 ms text 21 ms of CPU five times in a row.
 */
const TRIES = 25;

/**
 * Time inside the predicate, best of the tries (fc.timeout cannot stop synchronous work), counted as the CPU time this
 * process spent: on a shared two-core machine running a dozen processes, the wall clock mostly measures the others.
 * The process's other threads (garbage collection, V8 compiling in the background) count too, which is why a single
 * try can be slow: best of 3 failed once in four runs of a dozen test files side by side at a load average of 12.
 */
function bestOf(text: string): { ms: number; out: string } {
  let best = Number.POSITIVE_INFINITY;
  let out = '';
  for (let i = 0; i < TRIES && best > BUDGET_MS; i++) {
    const started = process.cpuUsage();
    out = scrubSecrets(text);
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: best, out };
}

describe('scrubSecrets on random and adversarial text up to 64 KB (fuzz)', () => {
  it(`finishes every input within ${BUDGET_MS} ms and lets no planted secret through`, () => {
    // Warm up first: the first calls on a dense 64 KB text run V8's cold code (75 ms once, 19 ms the next time, then
    // 2-11 ms), every rule for both string widths (Latin-1 and two-byte). A fresh process pays that once, not per paste.
    for (const fragment of ADVERSARIAL_FRAGMENTS) for (const tail of ['w', 'w \u{1F600}']) scrubSecrets(fragment.repeat(200) + tail);
    for (const { text } of fc.sample(scrubInput, { numRuns: 6, seed: 7 })) for (let i = 0; i < 3; i++) scrubSecrets(text);
    fc.assert(
      fc.property(scrubInput, ({ text, secret }) => {
        const { ms, out } = bestOf(text);
        expect(ms, `${text.length} characters took ${ms.toFixed(1)} ms of CPU`).toBeLessThanOrEqual(BUDGET_MS);
        expect(survives(out, secret, text), `planted ${secret.text.slice(0, 20)}… survived`).toBe(false);
      }),
      // Shrinking 64 KB strings runs for minutes: stop at the first failure; replay with SEED= and FC_PATH=.
      { numRuns: 60, endOnFailure: true, seed: Number(process.env.SEED) || undefined, path: process.env.FC_PATH },
    );
  }, 120_000);
});
