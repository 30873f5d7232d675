import { describe, expect, it } from 'vitest';
import { createScheduler, type Timers } from '../../src/monitor/scheduler.js';
import { createManualClock } from '../resilience/manual-clock.js';

/** Timers fired by hand: `fire()` runs the earliest pending callback. */
function manualTimers() {
  const pending: { id: number; ms: number; fn: () => void }[] = [];
  let ids = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => { pending.push({ id: (ids += 1), ms, fn }); return ids; },
    clearTimeout: (h) => { const i = pending.findIndex((p) => p.id === h); if (i >= 0) pending.splice(i, 1); },
  };
  return { timers, pending, fire: () => pending.sort((a, b) => a.ms - b.ms).shift()?.fn() };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('createScheduler', () => {
  it('never overlaps rounds: the next wait starts when a slow round ends, with jitter', async () => {
    const t = manualTimers();
    let active = 0;
    let maxActive = 0;
    let release: (() => void) | undefined;
    const s = createScheduler({
      intervalMs: 1000, jitter: 0.5, random: () => 0.5, timers: t.timers, clock: createManualClock(),
      tick: async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise<void>((r) => { release = r; });
        active -= 1;
      },
      deliver: async () => undefined, onDeliverError: () => undefined,
    });
    s.start();
    expect(t.pending.map((p) => p.ms)).toEqual([250]);
    t.fire();
    expect(t.pending).toEqual([]); // slow round in progress: nothing else scheduled
    release?.();
    await flush();
    expect(t.pending.map((p) => p.ms)).toEqual([1250]);
    t.fire();
    t.fire();
    expect(maxActive).toBe(1);
    const stopped = s.stop();
    release?.();
    await stopped;
    expect(t.pending).toEqual([]);
  });

  it('arms one retry timer at the earliest due delivery while started', async () => {
    const t = manualTimers();
    const clock = createManualClock();
    const dues = [clock.now() + 5000, undefined];
    let passes = 0;
    const s = createScheduler({
      intervalMs: 60_000, jitter: 0, timers: t.timers, clock, tick: async () => undefined,
      deliver: async () => { passes += 1; return dues.shift(); }, onDeliverError: () => undefined,
    });
    s.start();
    await flush();
    expect(t.pending.map((p) => p.ms).sort((a, b) => a - b)).toEqual([0, 5000]);
    t.pending.splice(t.pending.findIndex((p) => p.ms === 5000), 1)[0]!.fn();
    await flush();
    expect(passes).toBe(2);
    expect(t.pending.map((p) => p.ms)).toEqual([0]);
    await s.stop();
  });

  it('stop waits for a delivery in flight, so the store is not closed under a send', async () => {
    const t = manualTimers();
    let release: (() => void) | undefined;
    const s = createScheduler({
      intervalMs: 1000, jitter: 0, timers: t.timers, clock: createManualClock(), tick: async () => undefined,
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
