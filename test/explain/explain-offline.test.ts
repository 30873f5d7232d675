import { describe, expect, it } from 'vitest';
import { classifyApiError } from '../../src/explain/classify-api-error.js';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { boundText, MAX_INPUT_CHARS } from '../../src/explain/bound-text.js';
import { scrubSecrets } from '../../src/secrets/scrub-secrets.js';
import { toExplanationJson } from '../../src/explain/explanation-json.js';
import { KNOWLEDGE_BASE } from '../../src/explain/knowledge-base.js';
import { CATEGORIES } from '../../src/ports/category.js';

describe('classifyApiError (the adapter\'s one classification of an SDK error)', () => {
  it('reads the category and kind from the fields the SDK error carries', () => {
    expect(classifyApiError({
      status: 429,
      type: 'rate_limit_error',
      message: "This request would exceed your organization's rate limit of 8,000 output tokens per minute.",
      sdkClass: 'RateLimitError',
    })).toEqual({ category: 'rate_limit', kind: 'output_tokens' });
  });

  it('classifies a spend cap as billing, even on a 429', () => {
    expect(classifyApiError({ status: 429, type: 'rate_limit_error', errorCode: 'enforced_spend_limit_reached', message: 'cap' }))
      .toEqual({ category: 'billing', kind: 'spend_cap' });
  });

  it('reads a body the adapter left in the message', () => {
    expect(classifyApiError({ status: 400, message: '400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}' }))
      .toEqual({ category: 'invalid_request', kind: 'prompt_too_long' });
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

  it("sends a Claude plan's usage limit to the plan's settings, and an API spend limit to the Console", () => {
    // Made-up texts in the shapes of Claude Code's plan notices and of the API's spend-limit errors.
    for (const plan of [
      "You've hit your weekly limit · resets 6am (UTC)",
      'Claude AI usage limit reached|1767225600',
      'API Error: Usage credits required for long context · turn on usage credits in your settings',
      "You're out of extra usage · resets 9pm",
    ]) {
      const e = explainOffline(plan);
      expect([e.category, e.kind, e.title], plan).toEqual(['billing', 'spend_cap', 'Plan usage limit reached']);
      expect(e.fixSteps.join(' '), plan).not.toMatch(/Console → Limits/);
    }
    for (const api of [
      'Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your organization\'s monthly spend limit."}}',
      'You have reached your specified API usage limits. You will regain access on 2027-01-01 at 00:00 UTC.',
    ]) {
      const e = explainOffline(api);
      expect([e.category, e.kind, e.title], api).toEqual(['billing', 'spend_cap', 'Spend limit reached']);
      expect(e.fixSteps[0]).toMatch(/Console → Limits/);
    }
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
