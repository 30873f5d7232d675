import type { MonitorParts } from '../../src/compose-monitor.js';
import type { RoundOutcome } from '../../src/monitor/create-monitor.js';
import type { ManualTime } from '../fakes/manual-clock.js';

/**
 * With manual time, the longest `deliver()` waits (real time) for a pass started outside the timers to arm one. Roomy
 * for a loaded machine (a pass is a few calls to the fake Slack): the wait ends as soon as the pass arms its timer, and
 * the suite never reaches it on an idle one.
 */
const IN_FLIGHT_PASS_WAIT_MS = 10_000;

export interface MonitorStepper {
  /**
   * Moves time to the monitor's next round and runs it (timers on the way fire in order), then {@link deliver}s;
   * resolves with the round's outcome. Throws when no round comes (the monitor is paused).
   */
  round(): Promise<RoundOutcome>;
  /** {@link round} `n` times; resolves with the last outcome. */
  rounds(n: number): Promise<RoundOutcome>;
  /**
   * {@link round} until `done` holds after one (at most `max` rounds, else it throws): for what also waits on real
   * time outside the app's timers, such as the circuit breaker's reset.
   */
  roundsUntil(done: () => boolean | Promise<boolean>, max?: number): Promise<void>;
  /**
   * Steps the delivery timers (pacing, back-offs, Retry-After) until the outbox is empty or its next attempt waits
   * for the next round.
   */
  deliver(): Promise<void>;
}

/**
 * Steps an app's monitor on its manual time: `monitoring()` is read at each step (a restarted app has a new one).
 * `intervalMs` tells the timers apart: one armed for an interval or less is delivery's (pacing, Retry-After, a short
 * back-off) or the first round after a start; one armed for longer is the next round.
 */
export function createMonitorStepper(time: ManualTime, monitoring: () => MonitorParts | undefined, intervalMs: number): MonitorStepper {
  const parts = (): MonitorParts => {
    const m = monitoring();
    if (!m) throw new Error('stepping rounds needs the monitor (ALERT_CHANNEL)');
    return m;
  };
  const stepper: MonitorStepper = {
    async round() {
      let outcome: RoundOutcome | undefined;
      const off = parts().monitor.onRoundCommitted((o) => { outcome ??= o; });
      try {
        // Each timer's work is awaited (a round with its first delivery pass), so the round is done when it returns.
        for (let fired = 0; outcome === undefined; fired += 1) {
          if (fired > 100 || !(await time.fireNext())) throw new Error('no monitor round came (is the monitor paused?)');
        }
      } finally {
        off();
      }
      await stepper.deliver();
      return outcome;
    },
    async rounds(n) {
      let last: RoundOutcome | undefined;
      for (let i = 0; i < n; i += 1) last = await stepper.round();
      if (!last) throw new Error('rounds(n) needs n >= 1');
      return last;
    },
    async roundsUntil(done, max = 50) {
      for (let i = 0; i < max; i += 1) {
        await stepper.round();
        if (await done()) return;
      }
      throw new Error(`not done after ${max} monitor rounds`);
    },
    async deliver() {
      const until = Date.now() + IN_FLIGHT_PASS_WAIT_MS;
      while ((await parts().store.pendingDeliveries(1)).length > 0) {
        const armed = time.pending();
        if (armed[0] && armed[0].ms <= intervalMs) {
          await time.fireNext();
          continue;
        }
        // The delivery timer is armed behind the next round: what is left goes out after it.
        if (armed.some((p) => p.ms <= intervalMs)) return;
        // A pass a button or the start began is not a timer's work: it arms its timer (pace, retry) once Slack has
        // answered. Past the wait, what is left waits for a later round.
        if (Date.now() > until) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
  return stepper;
}
