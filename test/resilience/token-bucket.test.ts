import { describe, expect, it } from 'vitest';
import { burstCapacity, TokenBucket } from '../../src/resilience/token-bucket.js';
import { createManualClock } from '../fakes/manual-clock.js';

describe('TokenBucket', () => {
  it('allows a one-second burst, then paces evenly at the per-minute rate', () => {
    const clock = createManualClock();
    const bucket = new TokenBucket(600, burstCapacity(600), clock); // 10 per second, burst 10
    for (let i = 0; i < 10; i++) {
      expect(bucket.waitMs(1)).toBe(0);
      bucket.take(1);
    }
    expect(bucket.waitMs(1)).toBe(100); // one token per 100 ms
    clock.advance(100);
    expect(bucket.waitMs(1)).toBe(0);
  });

  it('refills from elapsed time, so a late timer loses nothing', () => {
    const clock = createManualClock();
    const bucket = new TokenBucket(6000, 100, clock);
    bucket.take(100);
    clock.advance(250);
    expect(bucket.available()).toBeCloseTo(25);
  });

  it('grants a weight above capacity when full, leaving a debt', () => {
    const clock = createManualClock();
    const bucket = new TokenBucket(60, 1, clock);
    expect(bucket.waitMs(5)).toBe(0);
    bucket.take(5);
    expect(bucket.waitMs(1)).toBe(5000);
  });

  it('clamps to what the API says remains and lowers the rate on demand', () => {
    const clock = createManualClock();
    const bucket = new TokenBucket(6000, 100, clock);
    bucket.clampTo(3);
    expect(bucket.available()).toBe(3);
    bucket.setRate(600, 10);
    bucket.take(3);
    expect(bucket.waitMs(1)).toBe(100);
  });
});
