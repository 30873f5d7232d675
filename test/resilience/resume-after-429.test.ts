import { describe, expect, it } from 'vitest';
import { resumeAfter429 } from '../../src/resilience/guard.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const limited = { category: 'rate_limit' as const, status: 429, message: 'x' };
const meta = (rateLimits: object) => ({ endpoint: 'messages' as const, latencyMs: 1, at: '', rateLimits });

describe('resumeAfter429', () => {
  it('honours retry-after first', () => {
    expect(resumeAfter429({ ...limited, retryAfterSeconds: 3 }, undefined, NOW)).toBe(NOW + 3000);
  });

  it('falls back to the reset time of the exhausted window, capped at a minute', () => {
    const m = meta({ requests: { remaining: 5, resetAt: '2026-11-26T12:00:30Z' }, outputTokens: { remaining: 0, resetAt: '2026-11-26T12:00:07Z' } });
    expect(resumeAfter429(limited, m, NOW)).toBe(NOW + 7000);
    expect(resumeAfter429(limited, meta({ requests: { remaining: 0, resetAt: '2026-11-26T12:05:00Z' } }), NOW)).toBe(NOW + 60_000);
  });

  it('waits one second when the answer said nothing', () => {
    expect(resumeAfter429(limited, undefined, NOW)).toBe(NOW + 1000);
  });
});
