import { describe, expect, it } from 'vitest';
import { LaneBudget } from '../../src/resilience/lane-budget.js';
import { PacingGate } from '../../src/resilience/pacing-gate.js';
import { createManualClock } from '../fakes/manual-clock.js';

describe('PacingGate', () => {
  it('lets waiters through in order at the budget pace, with one sleeper at a time', async () => {
    const clock = createManualClock();
    const gate = new PacingGate(new LaneBudget({ configuredRpm: 600, clock }), clock, clock.sleep); // 10/s, burst 10
    const start = clock.now();
    const passed: number[] = [];
    await Promise.all(Array.from({ length: 15 }, (_, i) => gate.acquire({}, Number.MAX_SAFE_INTEGER).then(() => passed.push(i))));
    expect(passed).toEqual([...Array(15).keys()]);
    expect(clock.now() - start).toBe(500);
    expect(clock.slept).toEqual([100, 100, 100, 100, 100]); // not one timer per waiter per token
  });

  it('refuses a waiter whose deadline comes before its turn', async () => {
    const clock = createManualClock();
    const budget = new LaneBudget({ configuredRpm: 600, clock });
    budget.pause(clock.now() + 10_000);
    const gate = new PacingGate(budget, clock, clock.sleep);
    await expect(gate.acquire({}, clock.now() + 1000)).rejects.toMatchObject({ code: 'EDEADLINE' });
  });

  it('on close refuses every waiter and every later call, so a shutdown does not wait for the pace', async () => {
    const clock = createManualClock();
    const budget = new LaneBudget({ configuredRpm: 600, clock });
    budget.pause(clock.now() + 10_000);
    const gate = new PacingGate(budget, clock, () => new Promise<void>(() => undefined)); // a pace that never ends
    const waiting = gate.acquire({}, clock.now() + 60_000);
    gate.close();
    await expect(waiting).rejects.toMatchObject({ code: 'ESTOPPED' });
    await expect(gate.acquire({}, clock.now() + 60_000)).rejects.toMatchObject({ code: 'ESTOPPED' });
  });

  it('does not send a call whose deadline ran out while it was queued', async () => {
    const clock = createManualClock();
    const gate = new PacingGate(new LaneBudget({ configuredRpm: 600, clock }), clock, clock.sleep);
    await expect(gate.acquire({}, clock.now())).rejects.toMatchObject({ code: 'EDEADLINE' });
  });
});
