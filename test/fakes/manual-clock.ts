import type { Clock } from '../../src/ports/clock.js';
import type { Timers } from '../../src/monitor/scheduler.js';

/** A fixed instant, so that dates in test output do not depend on the day the suite runs. */
export const MANUAL_CLOCK_START_MS = Date.parse('2026-11-26T12:00:00Z');

export interface ManualClock extends Clock {
  /** Moves the time on without firing timers (a clock alone; see {@link ManualTime.advance} for timers). */
  advance(ms: number): void;
  /** Sets the time (never backwards). */
  set(ms: number): void;
  /** Every `sleep` asked for, in ms. */
  slept: number[];
  /**
   * A `sleep` that moves the clock: sleeping until `now + ms` sets it to at least that instant, so concurrent sleepers
   * that started together wake at the same simulated time.
   */
  sleep(ms: number): Promise<void>;
}

/** A clock that only moves when told. */
export function createManualClock(startMs = MANUAL_CLOCK_START_MS): ManualClock {
  let t = startMs;
  const slept: number[] = [];
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
    set(ms) {
      t = Math.max(t, ms);
    },
    slept,
    async sleep(ms) {
      slept.push(ms);
      const target = t + ms;
      await new Promise((resolve) => setImmediate(resolve));
      t = Math.max(t, target);
    },
  };
}

export interface PendingTimer {
  id: number;
  /** When it fires, on the manual clock. */
  dueMs: number;
  /** The delay it was armed with. */
  ms: number;
}

/** The monitor's {@link Timers} on a manual clock, plus the hands that move time. */
export interface ManualTime {
  clock: ManualClock;
  timers: Timers;
  /** The timers armed and not yet fired, earliest first. */
  pending(): PendingTimer[];
  /**
   * Moves the clock `ms` on, firing every timer it passes, in order, with the clock set to the timer's due time;
   * awaits the work each one starts (a callback that returns a promise: a round, a delivery pass) before the next, so
   * timers armed by that work and due within the step fire in the same step.
   */
  advance(ms: number): Promise<void>;
  /** {@link advance} to the instant `atMs`. */
  advanceTo(atMs: number): Promise<void>;
  /** Fires the timers due now (a zero delay), awaiting their work. */
  runDue(): Promise<void>;
  /** Moves to the earliest timer and fires it (and any due at the same instant); false when none is armed. */
  fireNext(): Promise<boolean>;
}

/** One manual clock and the timers that fire on it: time moves only when the test says. */
export function createManualTime(startMs = MANUAL_CLOCK_START_MS): ManualTime {
  const clock = createManualClock(startMs);
  const armed = new Map<number, PendingTimer & { fn: () => void | Promise<void> }>();
  let ids = 0;
  const earliest = () => [...armed.values()].sort((a, b) => a.dueMs - b.dueMs || a.id - b.id)[0];

  const timers: Timers = {
    setTimeout(fn, ms) {
      ids += 1;
      armed.set(ids, { id: ids, dueMs: clock.now() + Math.max(0, ms), ms, fn });
      return ids;
    },
    clearTimeout(handle) {
      armed.delete(handle as number);
    },
  };

  async function advanceTo(atMs: number): Promise<void> {
    for (let next = earliest(); next && next.dueMs <= atMs; next = earliest()) {
      armed.delete(next.id);
      clock.set(next.dueMs);
      // A failed round or pass is the code's to report (it logs); the hand that moves time goes on.
      await Promise.resolve(next.fn()).catch(() => undefined);
    }
    clock.set(atMs);
  }

  return {
    clock,
    timers,
    pending: () => [...armed.values()].sort((a, b) => a.dueMs - b.dueMs || a.id - b.id).map(({ id, dueMs, ms }) => ({ id, dueMs, ms })),
    advance: (ms) => advanceTo(clock.now() + ms),
    advanceTo,
    runDue: () => advanceTo(clock.now()),
    async fireNext() {
      const next = earliest();
      if (!next) return false;
      await advanceTo(next.dueMs);
      return true;
    },
  };
}
