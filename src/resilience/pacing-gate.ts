import type { Clock } from '../ports/clock.js';
import { DeadlineError, StoppedError } from './guard-errors.js';
import type { CallWeight, LaneBudget } from './lane-budget.js';

interface Waiter {
  weight: CallWeight;
  deadlineAt: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Lets calls through a lane's budget one after another, in the order they asked. One timer per lane: concurrent
 * callers each polling the bucket would wake together for every token and all but one go back to sleep.
 */
export class PacingGate {
  private readonly waiters: Waiter[] = [];
  private pumping = false;
  private closed = false;

  constructor(
    private readonly budget: LaneBudget,
    private readonly clock: Clock,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Resolves once the budget allows this weight (and has charged it); rejects with `DeadlineError` if it never will in time. */
  acquire(weight: CallWeight, deadlineAt: number): Promise<void> {
    if (this.closed) return Promise.reject(new StoppedError());
    // A call that spent its whole deadline in the queue is not sent late.
    if (this.clock.now() >= deadlineAt) return Promise.reject(new DeadlineError(0));
    if (this.waiters.length === 0 && this.budget.waitMs(weight) <= 0) {
      this.budget.take(weight); // the common case: no timer, no promise chain
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ weight, deadlineAt, resolve, reject });
      void this.pump();
    });
  }

  /** Shutdown: every waiter is refused with `StoppedError`, and so is every later call; the pump ends after its sleep. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new StoppedError());
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        const head = this.waiters[0]!;
        const wait = this.budget.waitMs(head.weight);
        if (wait <= 0) {
          this.budget.take(head.weight);
          this.waiters.shift();
          head.resolve();
        } else if (this.clock.now() + wait > head.deadlineAt) {
          this.waiters.shift();
          head.reject(new DeadlineError(Math.max(0, head.deadlineAt - this.clock.now()), this.budget.pausedUntilMs()));
        } else {
          await this.sleep(wait);
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}
