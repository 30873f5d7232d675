import { describe, expect, it } from 'vitest';
import { explainFailure } from '../../src/explain/classify-error.js';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { boundText, MAX_INPUT_CHARS } from '../../src/explain/bound-text.js';
import { scrubSecrets } from '../../src/secrets/scrub-secrets.js';
import { toExplanationJson } from '../../src/explain/explanation-json.js';
import { KNOWLEDGE_BASE } from '../../src/explain/knowledge-base.js';
import { CATEGORIES } from '../../src/explain/category.js';

describe('explainFailure', () => {
  it('gives the advice of the category and kind the adapter decided, with the facts', () => {
    const e = explainFailure({
      category: 'rate_limit',
      kind: 'output_tokens',
      status: 429,
      type: 'rate_limit_error',
      message: "This request would exceed your organization's rate limit of 8,000 output tokens per minute.",
      requestId: 'req_011CVfail0001',
      retryAfterSeconds: 12,
      sdkClass: 'RateLimitError',
    });
    expect(e).toMatchObject({ category: 'rate_limit', kind: 'output_tokens', retryable: true });
    expect(e.facts.requestId).toBe('req_011CVfail0001');
    expect(e.notes.join(' ')).toContain('12 s');
  });

  it('explains a spend cap as not retryable, even on a 429', () => {
    const e = explainFailure({ category: 'billing', kind: 'spend_cap', status: 429, type: 'rate_limit_error', errorCode: 'enforced_spend_limit_reached', message: 'cap' });
    expect(e).toMatchObject({ category: 'billing', kind: 'spend_cap', retryable: false });
  });

  it('explains our own guard refusals', () => {
    expect(explainFailure({ category: 'server_error', kind: 'circuit_open', message: 'breaker is open' })).toMatchObject({ category: 'server_error', kind: 'circuit_open' });
    expect(explainFailure({ category: 'rate_limit', kind: 'queue_full', message: 'queue full' })).toMatchObject({ category: 'rate_limit', kind: 'queue_full' });
    expect(explainFailure({ category: 'timeout', kind: 'aborted', message: 'deadline' })).toMatchObject({ category: 'timeout', kind: 'aborted' });
  });

  it('reads the facts of a body the adapter left in the message', () => {
    const e = explainFailure({ category: 'invalid_request', kind: 'prompt_too_long', status: 400, message: '400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}' });
    expect(e).toMatchObject({ category: 'invalid_request', kind: 'prompt_too_long' });
    expect(e.facts.message).toBe('prompt is too long: 210000 tokens > 200000 maximum');
  });

  it('never echoes a secret that reached the message', () => {
    const key = `sk-ant-api03-${'a'.repeat(93)}AA`;
    expect(JSON.stringify(explainFailure({ category: 'auth', status: 401, message: `bad key ${key}` }))).not.toContain('a'.repeat(20));
  });
});

describe('explainOffline', () => {
  it('says when the input was cut, and stays within the cap', () => {
    const e = explainOffline(`Error code: 529 - ${'z'.repeat(MAX_INPUT_CHARS * 3)}`);
    expect(e.truncated).toBe(true);
    expect(e.notes[0]).toMatch(/only its first and last parts/);
    expect(e.category).toBe('overloaded');
    expect(e.echo.length).toBeLessThanOrEqual(600);
  });

  it('marks stream errors and Cloudflare pages', () => {
    expect(explainOffline('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}').notes.join(' ')).toMatch(/inside a stream/);
    const cf = explainOffline('<html><title>api.anthropic.com | 502: Bad gateway</title> Cloudflare Ray ID: <strong>8e2f9a0b1c3d4e5f</strong></html>');
    expect(cf.facts).toMatchObject({ status: 502, rayId: '8e2f9a0b1c3d4e5f', format: 'html' });
  });

  it('has advice for every category, each with fix steps', () => {
    for (const c of CATEGORIES) {
      expect(KNOWLEDGE_BASE[c].fixSteps.length, c).toBeGreaterThan(0);
      for (const advice of Object.values(KNOWLEDGE_BASE[c].kinds)) expect(advice.fixSteps.length).toBeGreaterThan(0);
    }
  });
});

describe('boundText', () => {
  it('does not split a secret at the cut into an unrecognisable piece', () => {
    const key = `sk-ant-api03-${'Q'.repeat(93)}AA`;
    // Head: no whitespace, so its cut stays put; the tail's cut would land 50 characters into the key.
    const tailChars = MAX_INPUT_CHARS - Math.floor(MAX_INPUT_CHARS * 0.375) - '\n…[cut]…\n'.length;
    const text = `${'a'.repeat(200_000)}${key} ${'c'.repeat(tailChars + 50 - key.length - 1)}`;
    const bounded = boundText(text);
    expect(bounded.truncated).toBe(true);
    expect(scrubSecrets(bounded.text)).not.toContain('Q'.repeat(12));
  });
});

describe('toExplanationJson', () => {
  it('has the CLI keys, with null for missing facts', () => {
    const json = toExplanationJson({ ...explainOffline('RateLimitError: 429 status code (no body)'), enrichmentSkipped: 'offline answer requested' });
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['category', 'kind', 'status', 'type', 'errorCode', 'requestId', 'title', 'cause', 'fixes', 'retryable', 'enriched']));
    expect(json).toMatchObject({ category: 'rate_limit', kind: null, status: 429, type: null, requestId: null, enriched: false });
  });
});
