import { afterEach, describe, expect, it } from 'vitest';
import { scrubBounded } from '../../src/explain/bound-text.js';
import { CLASSIFY_PROMPT_ID, parseClassificationAnswer } from '../../src/explain/classify-with-claude.js';
import { CLASSIFIED_WITH_CLAUDE, createExplainer } from '../../src/explain/create-explainer.js';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { startHarness } from '../claude/claude-api-harness.js';
import { classificationTable } from '../fakes/fake-claude-api.js';
import { PLANTED_SECRETS } from './corpus/error-corpus.js';
import { createInMemoryClaudeApi, healthySnapshot, okMessage } from '../fakes/in-memory-claude-api.js';

/** Texts the rules cannot settle (no status, type, class or known wording), with what a careful reader would say. */
const UNSURE = `Agent step failed: the provider said the model is busy, try later (key ${PLANTED_SECRETS.apiKey})`;
const SURE = 'RateLimitError: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50 requests per minute."}}';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('asking Claude when the rules are unsure, through the guarded client and the fake API', () => {
  it('classifies with Claude\'s help, says so, sends only scrubbed text, and costs one call', async () => {
    expect(explainOffline(UNSURE).confidence).toBeLessThan(0.6);
    const table = classificationTable([[scrubBounded(UNSURE).slice(0, 4000), { category: 'overloaded' }]]);
    const h = await startHarness({}, { classify: table });
    close = h.close;
    const explainer = createExplainer({ claude: h.api, model: 'claude-haiku-4-5' });
    const e = await explainer.explain(UNSURE);
    expect(e).toMatchObject({ category: 'overloaded', classifiedWith: 'claude', title: expect.stringContaining('overloaded') });
    expect(e.notes[0]).toBe(CLASSIFIED_WITH_CLAUDE);
    expect(h.fake.stats().classifications).toBe(1);
    const sent = JSON.stringify(h.fake.requests.at(-1)!.body);
    expect(sent).toContain(CLASSIFY_PROMPT_ID);
    expect(sent).not.toContain(PLANTED_SECRETS.apiKey.slice(13, 40));
  });

  it('does not ask to classify what the rules are sure of (it enriches instead)', async () => {
    const h = await startHarness({}, { classify: () => ({ category: 'billing' }) });
    close = h.close;
    const e = await createExplainer({ claude: h.api, model: 'claude-haiku-4-5' }).explain(SURE);
    expect(e.category).toBe('rate_limit');
    expect(e.classifiedWith).toBeUndefined();
    expect(h.fake.stats().classifications).toBe(0);
    expect(h.fake.stats().requests).toBe(1);
  });

  it('keeps the offline answer when the API is down', async () => {
    const h = await startHarness({}, { classify: () => ({ category: 'overloaded' }) });
    close = h.close;
    h.fake.setFaults([{ fault: { kind: 'status', status: 529, errorType: 'overloaded_error', message: 'Overloaded' }, endpoint: 'messages' }]);
    const e = await createExplainer({ claude: h.api, model: 'claude-haiku-4-5', deadlineMs: 5000 }).explain(UNSURE);
    expect(e.category).toBe('unknown');
    expect(e.classifiedWith).toBeUndefined();
    expect(e.enrichmentSkipped).toBeDefined();
    expect(h.fake.stats().classifications).toBe(0);
  });
});

describe('validating Claude\'s classification', () => {
  it('accepts one JSON object of the schema, even with words around it', () => {
    expect(parseClassificationAnswer('{"category":"rate_limit","kind":"input_tokens","reason":"ITPM"}')).toEqual({ category: 'rate_limit', kind: 'input_tokens', reason: 'ITPM', tips: [] });
    expect(parseClassificationAnswer('Here it is:\n```json\n{"category":"billing","kind":null}\n```')).toEqual({ category: 'billing', tips: [] });
  });

  it('refuses anything else: not JSON, an unknown category, a kind of another category', () => {
    expect(parseClassificationAnswer('It is probably a rate limit.')).toBeUndefined();
    expect(parseClassificationAnswer('{"category":"quota"}')).toBeUndefined();
    expect(parseClassificationAnswer('{"category":"auth","kind":"input_tokens"}')).toBeUndefined();
    expect(parseClassificationAnswer('{"category":"timeout","kind":"circuit_open"}')).toBeUndefined();
  });

  it('leaves the offline answer when the answer is invalid or unknown, and when the breaker is open', async () => {
    const claude = createInMemoryClaudeApi();
    const explainer = createExplainer({ claude, model: 'm' });
    claude.nextMessage = okMessage('I think it is a network problem.');
    expect(await explainer.explain(UNSURE)).toMatchObject({ category: 'unknown', enrichmentSkipped: expect.stringMatching(/not a valid/) });
    claude.nextMessage = okMessage('{"category":"unknown","reason":"Only a generic failure."}');
    const unknown = await explainer.explain(UNSURE);
    expect(unknown).toMatchObject({ category: 'unknown', enrichment: '- Only a generic failure.' });
    expect(unknown.classifiedWith).toBeUndefined();
    claude.snapshot = healthySnapshot({ state: 'open' });
    expect((await explainer.explain(UNSURE)).enrichmentSkipped).toMatch(/breaker open/);
    expect(claude.requests).toHaveLength(2);
  });
});
