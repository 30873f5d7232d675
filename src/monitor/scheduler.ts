import type { Clock } from '../ports/clock.js';

/**
 * The timer functions, injectable so tests drive time by hand. A callback returns the promise of the work it starts
 * (a round, a delivery pass): real timers ignore it; a test's manual timers await it before moving time further.
 */
export interface Timers {
  setTimeout(fn: () => void | Promise<void>, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, unref'd. */
export const realTimers: Timers = {
  // unref: a pending round or retry must not keep the process alive on shutdown.
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface SchedulerDeps {
  intervalMs: number;
  /** Fraction of the interval added at random to each wait. */
  jitter: number;
  tick: () => Promise<void>;
  /** One delivery pass; returns when the next one is due, if anything waits. */
  deliver: () => Promise<number | undefined>;
  onDeliverError: (error: unknown) => void;
  clock: Clock;
  timers?: Timers;
  random?: () => number;
}

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Delivers now, then (while started) arms one timer for the earliest retry. */
  deliverNow(): Promise<void>;
}

/**
 * Rounds one after another: the next wait starts when a round ends, so a slow round delays the next instead of
 * overlapping it. Delivery retries have their own single timer so a Slack outage heals between rounds.
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const timers = deps.timers ?? realTimers;
  const random = deps.random ?? Math.random;
  let started = false;
  let roundTimer: unknown;
  let deliverTimer: unknown;
  let running: Promise<void> | undefined;
  let delivering: Promise<void> | undefined;

  const schedule = (ms: number): void => {
    roundTimer = timers.setTimeout(() => {
      roundTimer = undefined;
      const round = deps.tick().catch(() => undefined).finally(() => {
        running = undefined;
        if (started) schedule(deps.intervalMs * (1 + random() * deps.jitter));
      });
      running = round;
      return round;
    }, ms);
  };

  function deliverNow(): Promise<void> {
    // Tracked so that stop() waits for a send in flight: closing the store under it would re-send after a restart.
    const pass = deliverOnce().finally(() => { if (delivering === pass) delivering = undefined; });
    delivering = pass;
    return pass;
  }

  async function deliverOnce(): Promise<void> {
    let next: number | undefined;
    try {
      next = await deps.deliver();
    } catch (error) {
      deps.onDeliverError(error);
      next = deps.clock.now() + deps.intervalMs;
    }
    if (deliverTimer !== undefined) timers.clearTimeout(deliverTimer);
    deliverTimer = undefined;
    if (started && next !== undefined) {
      deliverTimer = timers.setTimeout(() => {
        deliverTimer = undefined;
        return deliverNow();
      }, Math.max(0, next - deps.clock.now()));
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      // First round soon after boot (jitter only), then every interval; pending deliveries go out at once.
      schedule(deps.intervalMs * random() * deps.jitter);
      void deliverNow();
    },
    async stop() {
      started = false;
      for (const t of [roundTimer, deliverTimer]) if (t !== undefined) timers.clearTimeout(t);
      roundTimer = deliverTimer = undefined;
      await running;
      await delivering;
    },
    deliverNow,
  };
}
