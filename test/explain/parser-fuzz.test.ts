import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { parseErrorText } from '../../src/explain/parse-error-text.js';
import { weighEvidence } from '../../src/explain/weigh-evidence.js';
import { CATEGORIES } from '../../src/explain/category.js';
import { hostileText, KNOWN_WORST } from './support/hostile-text.js';

/**
 * Issue 12 item 3: no pasted text may stall the event loop. The parser (normalise, read, weigh) must finish any input
 * up to 64 KB within 20 ms. The one timing assertion in the unit tests, on purpose: the budget is ~20× the measured
 * worst case, and each input gets the best of three runs so a GC pause or a noisy neighbour cannot fail it. Replay a
 * failure with SEED=… FC_PATH=… (fast-check prints both).
 */
const BUDGET_MS = 20;

function timedParse(text: string): number {
  const t0 = performance.now();
  const parsed = parseErrorText(text);
  const classification = weighEvidence(parsed);
  const ms = performance.now() - t0;
  expect(CATEGORIES).toContain(classification.category);
  return ms;
}

describe('the parser on random and adversarial text up to 64 KB', () => {
  it(`finishes every input within ${BUDGET_MS} ms`, () => {
    // Compile the patterns for both string widths before timing.
    for (const warm of ['Error: 429 {"type":"error"}', 'Error: 429 \u{1F600} {"type":"error"}']) timedParse(warm);
    fc.assert(
      fc.property(hostileText, (text) => {
        let ms = timedParse(text);
        for (let i = 0; i < 2 && ms > BUDGET_MS / 4; i++) ms = Math.min(ms, timedParse(text));
        expect(ms, `${text.length} chars starting ${JSON.stringify(text.slice(0, 80))}`).toBeLessThanOrEqual(BUDGET_MS);
      }),
      { numRuns: 150, endOnFailure: true, examples: KNOWN_WORST.map((text) => [text] as [string]), seed: Number(process.env.SEED) || undefined, path: process.env.FC_PATH },
    );
  }, 120_000);
});
