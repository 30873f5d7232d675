import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/monitor/scheduler.js';
import { createManualTime } from '../fakes/manual-clock.js';

const flush = () => new Promise((r) => setImmediate(r));

describe('createScheduler', () => {
  it('never overlaps rounds: the next wait starts when a slow round ends, with jitter', async () => {
    const time = createManualTime();
    let active = 0;
    let maxActive = 0;
    let release: (() => void) | undefined;
    const s = createScheduler({
      intervalMs: 1000, jitter: 0.5, random: () => 0.5, timers: time.timers, clock: time.clock,
      tick: async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise<void>((r) => { release = r; });
        active -= 1;
      },
      deliver: async () => undefined, onDeliverError: () => undefined,
    });
    s.start();
    expect(time.pending().map((p) => p.ms)).toEqual([250]);
    const first = time.fireNext();
    await flush();
    expect(time.pending()).toEqual([]); // slow round in progress: nothing else scheduled
    release?.();
    await first;
    expect(time.pending().map((p) => p.ms)).toEqual([1250]);
    const second = time.fireNext();
    expect(await time.fireNext()).toBe(false); // nothing armed while the round runs: no second round beside it
    expect(maxActive).toBe(1);
    const stopped = s.stop();
    release?.();
    await Promise.all([stopped, second]);
    expect(time.pending()).toEqual([]);
  });

  it('arms one retry timer at the earliest due delivery while started', async () => {
    const time = createManualTime();
    const dues = [time.clock.now() + 5000, undefined];
    let passes = 0;
    let rounds = 0;
    const s = createScheduler({
      intervalMs: 60_000, jitter: 0, timers: time.timers, clock: time.clock, tick: async () => void (rounds += 1),
      deliver: async () => { passes += 1; return dues.shift(); }, onDeliverError: () => undefined,
    });
    s.start();
    await flush();
    expect(time.pending().map((p) => p.ms).sort((a, b) => a - b)).toEqual([0, 5000]);
    // Five seconds on: the first round (due at once) and the retry pass, which arms nothing more (nothing waits).
    await time.advance(5000);
    expect({ rounds, passes }).toEqual({ rounds: 1, passes: 2 });
    expect(time.pending().map((p) => p.ms)).toEqual([60_000]);
    await s.stop();
  });

  it('stop waits for a delivery in flight, so the store is not closed under a send', async () => {
    const time = createManualTime();
    let release: (() => void) | undefined;
    const s = createScheduler({
      intervalMs: 1000, jitter: 0, timers: time.timers, clock: time.clock, tick: async () => undefined,
      deliver: () => new Promise((r) => { release = () => r(undefined); }), onDeliverError: () => undefined,
    });
    s.start();
    let stopped = false;
    const stopping = s.stop().then(() => { stopped = true; });
    await flush();
    expect(stopped).toBe(false);
    release?.();
    await stopping;
    expect(stopped).toBe(true);
  });
});
