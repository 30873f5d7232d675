import type { Timers } from './scheduler.js';

/**
 * Waits for `work` at most `ms` on `timers`; the work itself goes on. 0 ms grants one turn of the event loop (no
 * timer), which work done in-process finishes in and a network call never does.
 */
export async function settleWithin(work: Promise<void>, ms: number, timers: Timers): Promise<void> {
  if (ms <= 0) {
    await Promise.race([work, new Promise<void>((r) => setImmediate(r))]);
    return;
  }
  let timer: unknown;
  await Promise.race([work, new Promise<void>((r) => { timer = timers.setTimeout(r, ms); })]);
  timers.clearTimeout(timer);
}
