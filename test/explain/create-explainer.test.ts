import { describe, expect, it } from 'vitest';
import { createExplainer, type ExplainLogger } from '../../src/explain/create-explainer.js';
import { explainReading, readPaste } from '../../src/explain/explain-offline.js';
import { PLANTED_SECRETS } from './corpus/error-corpus.js';
import { createInMemoryClaudeApi, healthySnapshot, lane, okMessage } from '../fakes/in-memory-claude-api.js';

const PROMPT_TOO_LONG = `BadRequestError: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 214378 tokens > 200000 maximum"},"request_id":"req_011CVenrich01"} key=${PLANTED_SECRETS.apiKey}`;
const RATE_LIMITED = 'RateLimitError: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50 requests per minute."}}';

const ANSWER = '- The prompt is 14k tokens over the window.';

/** The in-memory Claude API answering Messages with {@link ANSWER}. */
function answeringClaude() {
  const claude = createInMemoryClaudeApi();
  claude.nextMessage = okMessage(ANSWER);
  return claude;
}

function collectingLogger(): ExplainLogger & { entries: { obj: object; msg: string }[] } {
  const entries: { obj: object; msg: string }[] = [];
  return { entries, warn: (obj, msg) => entries.push({ obj, msg }) };
}

describe('createExplainer', () => {
  it('adds Claude\'s answer under the offline one, sending only scrubbed, bounded text', async () => {
    const claude = answeringClaude();
    const explainer = createExplainer({ claude, model: 'claude-haiku-4-5', maxInputChars: 300 });
    const e = await explainer.explain(PROMPT_TOO_LONG, { priority: 'interactive' });
    expect(e).toMatchObject({ category: 'invalid_request', kind: 'prompt_too_long', enrichment: ANSWER });
    expect(e.enrichmentSkipped).toBeUndefined();
    const sent = claude.requests[0]!;
    expect(sent.request.model).toBe('claude-haiku-4-5');
    expect(sent.options?.priority).toBe('interactive');
    const body = JSON.stringify(sent.request);
    expect(body).toContain('prompt_too_long');
    expect(body).toContain('214378 tokens');
    expect(body).not.toContain(PLANTED_SECRETS.apiKey.slice(13, 40));
    expect(sent.request.messages[0]!.content.length).toBeLessThan(300 + 1000);
  });

  it('given the paste as the caller already read it, sends that scrubbed text (the paste is scrubbed once)', async () => {
    const claude = answeringClaude();
    const explainer = createExplainer({ claude, model: 'claude-haiku-4-5', maxInputChars: 300 });
    const reading = readPaste(PROMPT_TOO_LONG);
    // The text is not read again: a reading of another paste is what gets explained and sent (callers pass their own).
    const e = await explainer.explain('ignored: the reading stands for the text', { reading });
    expect(e).toMatchObject({ ...explainReading(reading), enrichment: expect.any(String) });
    const content = JSON.stringify(claude.requests[0]!.request.messages[0]!.content);
    expect(content).toContain(JSON.stringify(reading.scrubbed.slice(0, 120)).slice(1, -1));
    expect(content).not.toContain('ignored');
    expect(content).not.toContain(PLANTED_SECRETS.apiKey.slice(13, 40));
  });

  it('never sends Claude part of a long token that straddles the cut', async () => {
    const claude = answeringClaude();
    const explainer = createExplainer({ claude, model: 'claude-haiku-4-5', maxInputChars: 300 });
    const jwt = `eyJ${'a'.repeat(1500)}.eyJ${'b'.repeat(3800)}.${'c'.repeat(1500)}`;
    await explainer.explain(`${RATE_LIMITED}\nAuthorization token ${jwt}`);
    expect(JSON.stringify(claude.requests[0]!.request)).not.toContain('a'.repeat(50));
  });

  it('answers offline, marked, without calling Claude when the breaker is open or the queue is long', async () => {
    const claude = answeringClaude();
    const explainer = createExplainer({ claude, model: 'm', maxQueued: 3 });
    claude.snapshot = healthySnapshot({ state: 'open', nextAttemptAt: '2026-11-26T12:01:00Z' });
    expect((await explainer.explain(PROMPT_TOO_LONG)).enrichmentSkipped).toMatch(/breaker open/);
    claude.snapshot = healthySnapshot();
    claude.snapshot.limiter.lanes.messages = lane(50, { queued: 3 });
    expect((await explainer.explain(PROMPT_TOO_LONG)).enrichmentSkipped).toMatch(/queue is long/);
    expect((await explainer.explain(PROMPT_TOO_LONG, { offline: true })).enrichmentSkipped).toMatch(/offline/);
    expect(claude.requests).toHaveLength(0);
  });

  it('falls back to the offline answer when the call fails, and logs why without the text', async () => {
    const claude = answeringClaude();
    const logger = collectingLogger();
    claude.nextMessage = { ok: false, failure: { category: 'overloaded', status: 529, message: 'Overloaded', requestId: 'req_011CVx' } };
    const e = await createExplainer({ claude, model: 'm', logger }).explain(PROMPT_TOO_LONG);
    expect(e).toMatchObject({ category: 'invalid_request', enrichmentSkipped: 'the Claude API call failed (overloaded 529)' });
    expect(e.enrichment).toBeUndefined();
    expect(logger.entries).toEqual([{ obj: { category: 'overloaded', status: 529, requestId: 'req_011CVx' }, msg: 'explain enrichment failed' }]);
  });

  it('gives up on a call that never settles', async () => {
    const claude = answeringClaude();
    claude.nextMessage = 'hang';
    const e = await createExplainer({ claude, model: 'm', deadlineMs: 20 }).explain(PROMPT_TOO_LONG);
    expect(e.enrichmentSkipped).toBe('Claude did not answer in time');
    expect(claude.requests[0]!.options?.signal?.aborted).toBe(true);
  });

  it('scrubs secrets Claude might echo back', async () => {
    const claude = answeringClaude();
    claude.nextMessage = okMessage(`Your key ${PLANTED_SECRETS.apiKey} is fine.`);
    const e = await createExplainer({ claude, model: 'm' }).explain(PROMPT_TOO_LONG);
    expect(e.enrichment).not.toContain(PLANTED_SECRETS.apiKey.slice(13, 40));
  });

  it('adds live context for rate-limit errors only', async () => {
    const claude = answeringClaude();
    claude.snapshot.limiter.lanes.messages = lane(50, { apiRemaining: { requests: 0, resetAt: '2026-11-26T12:00:30Z' } });
    claude.meta = { messages: { endpoint: 'messages', status: 429, latencyMs: 120, at: '2026-11-26T12:00:01Z' } };
    claude.snapshot.limiter.last429At = '2026-11-26T12:00:01Z';
    const explainer = createExplainer({ claude, model: 'm', clock: { now: () => Date.parse('2026-11-26T12:00:10Z') } });
    const e = await explainer.explain(RATE_LIMITED);
    expect(e.live).toMatchObject({ breaker: 'closed', requestsRemaining: 0, resetAt: '2026-11-26T12:00:30Z', lastCall: { status: 429 } });
    // Times said from now, as the reader reads them: no ISO stamp to misread.
    expect(e.live?.lines).toEqual([
      "The bot's own calls to the API are going through (breaker closed).",
      'Last messages call, 9 s ago: 429 (120 ms).',
      "The bot's key has 0 requests left (API headers of its last call; full again in 20 s).",
      'The bot itself was last rate limited 9 s ago.',
    ]);
    // Once the API's window has reset, its old headroom says nothing about now: left out.
    const later = createExplainer({ claude, model: 'm', clock: { now: () => Date.parse('2026-11-26T12:03:00Z') } });
    expect((await later.explain(RATE_LIMITED)).live?.lines.join(' ')).not.toMatch(/requests left/);
    expect((await later.explain(RATE_LIMITED)).live?.lines).toContain('Last messages call, 3 min ago: 429 (120 ms).');
    expect((await explainer.explain(PROMPT_TOO_LONG)).live).toBeUndefined();
  });
});
