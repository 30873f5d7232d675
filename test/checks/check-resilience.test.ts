import { describe, expect, it } from 'vitest';
import { checkResilience } from '../../src/checks/check-resilience.js';
import type { BreakerSnapshot, ResilienceSnapshot } from '../../src/ports/claude-api.js';

function snapshot(breaker: Partial<BreakerSnapshot>): ResilienceSnapshot {
  const lane = { queued: 0, running: 0, done: 3, dropped: 0, configuredRpm: 50, effectiveRpm: 50 };
  return {
    breaker: { state: 'closed', failures: 0, successes: 0, timeouts: 0, rejections: 0, errorPercent: 0, ...breaker },
    limiter: { lanes: { messages: lane, free: lane }, rateLimited: 0 },
  };
}

describe('checkResilience', () => {
  it('a closed breaker with most recent calls failing warns, with the count, never a green "100% errors"', () => {
    const result = checkResilience(snapshot({ failures: 2, timeouts: 1, errorPercent: 100 })) // a timeout is also a failure;
    expect(result).toMatchObject({ status: 'warn', summary: 'Breaker closed, but 2 of the last 2 Claude calls failed (100%)' });
    expect(result.fix).toMatch(/other checks show what failed/);
    expect(checkResilience(snapshot({ failures: 1, successes: 1, errorPercent: 50 })).status).toBe('warn');
  });

  it('a closed breaker with few or no errors is ok, worded as such', () => {
    expect(checkResilience(snapshot({ successes: 4 }))).toMatchObject({ status: 'ok', summary: 'Breaker closed, no recent errors' });
    expect(checkResilience(snapshot({ failures: 1, successes: 9, errorPercent: 10 }))).toMatchObject({ status: 'ok', summary: 'Breaker closed, 10% of recent calls failed' });
  });

  it('an open breaker still fails', () => {
    expect(checkResilience(snapshot({ state: 'open', failures: 5, errorPercent: 100 })).status).toBe('fail');
  });
});
