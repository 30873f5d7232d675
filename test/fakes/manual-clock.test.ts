import { describe, expect, it } from 'vitest';
import { createManualTime } from './manual-clock.js';

describe('createManualTime', () => {
  it('fires the timers a step passes, in order, each at its own time, and none beyond the step', async () => {
    const time = createManualTime(0);
    const fired: string[] = [];
    time.timers.setTimeout(() => void fired.push(`b@${time.clock.now()}`), 200);
    time.timers.setTimeout(() => void fired.push(`a@${time.clock.now()}`), 100);
    const late = time.timers.setTimeout(() => void fired.push('late'), 301);
    const cleared = time.timers.setTimeout(() => void fired.push('cleared'), 150);
    time.timers.clearTimeout(cleared);
    await time.advance(300);
    expect(fired).toEqual(['a@100', 'b@200']);
    expect(time.clock.now()).toBe(300);
    expect(time.pending()).toEqual([{ id: late, dueMs: 301, ms: 301 }]);
  });

  it('awaits the work a timer starts, and fires in the same step what that work arms within it', async () => {
    const time = createManualTime(0);
    const log: string[] = [];
    time.timers.setTimeout(async () => {
      await new Promise((r) => setTimeout(r, 5)); // real I/O, say
      log.push('round done');
      time.timers.setTimeout(() => void log.push(`retry@${time.clock.now()}`), 50);
    }, 100);
    await time.advance(200);
    expect(log).toEqual(['round done', 'retry@150']);
  });

  it('fireNext moves to the earliest timer only; it says when none is armed', async () => {
    const time = createManualTime(1000);
    let fired = 0;
    time.timers.setTimeout(() => void (fired += 1), 60_000);
    time.timers.setTimeout(() => void (fired += 1), 90_000);
    expect(await time.fireNext()).toBe(true);
    expect({ fired, now: time.clock.now() }).toEqual({ fired: 1, now: 61_000 });
    expect(await time.fireNext()).toBe(true);
    expect(await time.fireNext()).toBe(false);
    expect(time.clock.now()).toBe(91_000);
  });
});
