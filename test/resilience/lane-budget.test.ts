import { describe, expect, it } from 'vitest';
import { LaneBudget } from '../../src/resilience/lane-budget.js';
import { createManualClock } from '../fakes/manual-clock.js';

/** Takes as many requests as the budget allows at this instant. */
function drainNow(budget: LaneBudget): number {
  let n = 0;
  while (budget.waitMs() === 0 && n < 10_000) {
    budget.take();
    n++;
  }
  return n;
}

describe('LaneBudget', () => {
  it('paces at the configured rate when the API sends no headers', () => {
    const clock = createManualClock();
    const budget = new LaneBudget({ configuredRpm: 600, clock });
    expect(drainNow(budget)).toBe(10);
    budget.observe(undefined);
    clock.advance(1000);
    expect(drainNow(budget)).toBe(10);
    expect(budget.effectiveRpm()).toBe(600);
  });

  it('follows a lower API limit but never rises above the configured ceiling', () => {
    const clock = createManualClock();
    const budget = new LaneBudget({ configuredRpm: 6000, clock });
    budget.observe({ requests: { limit: 600, remaining: 500 } });
    expect(budget.effectiveRpm()).toBe(600);
    budget.observe({ requests: { limit: 60_000, remaining: 59_000 } });
    expect(budget.effectiveRpm()).toBe(6000);
  });

  it('clamps to the remaining requests another client left on a shared key', () => {
    const clock = createManualClock();
    const budget = new LaneBudget({ configuredRpm: 6000, clock });
    budget.observe({ requests: { limit: 6000, remaining: 5 } }, 2); // two of ours still in flight
    expect(drainNow(budget)).toBe(4); // 5 floored, so up to 6, less the 2
  });

  it('holds everyone after a 429 until retry-after, then ramps back gradually', () => {
    const clock = createManualClock();
    const budget = new LaneBudget({ configuredRpm: 6000, clock, rampMs: 10_000, rampStartFactor: 0.25 });
    budget.pause(clock.now() + 2000);
    expect(budget.waitMs()).toBe(2000);
    expect(budget.snapshot().pausedUntil).toBe('2026-11-26T12:00:02.000Z');
    clock.advance(2000);
    expect(budget.effectiveRpm()).toBe(1500);
    clock.advance(5000);
    expect(budget.effectiveRpm()).toBeCloseTo(3750);
    clock.advance(5000);
    expect(budget.effectiveRpm()).toBe(6000);
  });

  it('weighs calls by tokens once the API reported token limits, and refunds unused max_tokens', () => {
    const clock = createManualClock();
    const budget = new LaneBudget({ configuredRpm: 6000, clock });
    budget.observe({ requests: { limit: 6000 }, outputTokens: { limit: 6000, remaining: 100 } });
    expect(budget.waitMs({ outputTokens: 100 })).toBe(0);
    budget.take({ outputTokens: 100 });
    expect(budget.waitMs({ outputTokens: 100 })).toBe(1000); // 100 tokens per second
    budget.settle({ outputTokens: 100 }, { outputTokens: 20 });
    expect(budget.waitMs({ outputTokens: 80 })).toBe(0);
  });

  it('reports a quota running low once, until it recovers', () => {
    const clock = createManualClock();
    const low: string[] = [];
    const budget = new LaneBudget({ configuredRpm: 6000, clock, onQuotaLow: (what, remaining) => low.push(`${what}:${remaining}`) });
    budget.observe({ requests: { limit: 60_000, remaining: 900 } });
    budget.observe({ requests: { limit: 60_000, remaining: 50 } });
    budget.observe({ requests: { limit: 60_000, remaining: 40 } });
    budget.observe({ requests: { limit: 60_000, remaining: 900 } });
    budget.observe({ requests: { limit: 60_000, remaining: 10 } });
    expect(low).toEqual(['requests:50', 'requests:10']);
    expect(budget.snapshot().apiRemaining?.requests).toBe(10);
  });
});
