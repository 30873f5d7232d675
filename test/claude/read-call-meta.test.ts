import { describe, expect, it } from 'vitest';
import { readCallMeta, readRateLimitHeaders, readRetryAfterSeconds } from '../../src/claude/read-call-meta.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');

describe('reading the API headers', () => {
  it('reads every rate-limit triple, ids and retry-after', () => {
    const headers = new Headers({
      'request-id': 'req_011abc',
      'anthropic-organization-id': 'org-1',
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2026-11-26T12:00:01Z',
      'anthropic-ratelimit-input-tokens-limit': '30000',
      'anthropic-ratelimit-input-tokens-remaining': '29000',
      'anthropic-ratelimit-output-tokens-limit': '8000',
      'retry-after': '7',
    });
    const meta = readCallMeta({ endpoint: 'messages', headers, status: 429, latencyMs: 12, nowMs: NOW });
    expect(meta).toEqual({
      endpoint: 'messages', status: 429, requestId: 'req_011abc', organizationId: 'org-1', latencyMs: 12, at: '2026-11-26T12:00:00.000Z',
      rateLimits: {
        requests: { limit: 50, remaining: 49, resetAt: '2026-11-26T12:00:01Z' },
        inputTokens: { limit: 30000, remaining: 29000 },
        outputTokens: { limit: 8000 },
        retryAfterSeconds: 7,
      },
    });
  });

  it('treats missing headers (a proxy) as no information', () => {
    expect(readRateLimitHeaders(new Headers(), NOW)).toBeUndefined();
    expect(readCallMeta({ endpoint: 'models', latencyMs: 1, nowMs: NOW }).rateLimits).toBeUndefined();
  });

  it('reads retry-after-ms first, and an HTTP date as a delay', () => {
    expect(readRetryAfterSeconds(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), NOW)).toBe(1.5);
    expect(readRetryAfterSeconds(new Headers({ 'retry-after': 'Thu, 26 Nov 2026 12:00:30 GMT' }), NOW)).toBe(30);
    expect(readRetryAfterSeconds(new Headers({ 'retry-after': 'soon' }), NOW)).toBeUndefined();
  });
});
