import { afterEach, describe, expect, it } from 'vitest';
import type { BreakerSnapshot } from '../../src/ports/claude-api.js';
import { type Breaker, createBreaker } from '../../src/resilience/breaker.js';
import { CircuitOpenError } from '../../src/resilience/guard-errors.js';
import { createManualClock, MANUAL_CLOCK_START_MS } from '../fakes/manual-clock.js';

class Neutral extends Error {}
const failing = () => Promise.reject(new Error('529 overloaded'));
const callerError = () => Promise.reject(new Neutral('400 bad request'));
const ok = () => Promise.resolve('ok');

let breaker: Breaker;
const states: BreakerSnapshot['state'][] = [];
afterEach(() => {
  breaker.shutdown();
  states.length = 0;
});

function setup(resetMs = 40) {
  breaker = createBreaker({
    timeoutMs: 200, errorPercent: 50, resetMs, volumeThreshold: 2, clock: createManualClock(),
    isNeutral: (e) => e instanceof Neutral,
    onStateChange: (s) => states.push(s),
  });
  return breaker;
}

/** Resolves when the breaker reports `state` (the reset timer is opossum's own). */
const reaches = (state: BreakerSnapshot['state']) => new Promise<void>((resolve) => {
  const poll = () => (states.includes(state) ? resolve() : setTimeout(poll, 5));
  poll();
});

async function openIt() {
  for (let i = 0; i < 3; i++) await breaker.run(failing).catch(() => undefined);
  expect(breaker.snapshot().state).toBe('open');
}

describe('breaker', () => {
  it('opens under failures and then fails fast without calling the API', async () => {
    setup(60_000);
    await openIt();
    expect(breaker.refusing()).toBe(true);
    let called = false;
    await expect(breaker.run(async () => (called = true))).rejects.toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
    expect(breaker.snapshot()).toMatchObject({ state: 'open', failures: 2, rejections: 2, errorPercent: 100 });
    expect(breaker.snapshot().nextAttemptAt).toBe(new Date(MANUAL_CLOCK_START_MS + 60_000).toISOString()); // opened at the clock's now
  });

  it('half-opens after the reset time and closes on a success', async () => {
    setup();
    await openIt();
    await reaches('half-open');
    await expect(breaker.run(ok)).resolves.toBe('ok');
    expect(breaker.snapshot().state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('does not trip on caller errors', async () => {
    setup(60_000);
    for (let i = 0; i < 10; i++) await breaker.run(callerError).catch(() => undefined);
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', failures: 0 });
  });

  it('does not close on a caller error during half-open (opossum would count it a success)', async () => {
    setup();
    await openIt();
    await reaches('half-open');
    await expect(breaker.run(callerError)).rejects.toBeInstanceOf(Neutral);
    expect(breaker.snapshot().state).toBe('open');
    expect(states).not.toContain('closed');
  });

  it('lets a probe through while open, and its success closes the breaker', async () => {
    setup(60_000);
    await openIt();
    await expect(breaker.run(ok, { probe: true })).resolves.toBe('ok');
    expect(breaker.snapshot().state).toBe('closed');
  });

  it('aborts the request of an attempt that timed out', async () => {
    setup(60_000);
    let aborted = false;
    const hang = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => {
      aborted = true;
      reject(new Error('aborted'));
    }));
    await expect(breaker.run(hang)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(aborted).toBe(true);
    expect(breaker.snapshot().timeouts).toBe(1);
  });
});
