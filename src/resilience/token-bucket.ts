import type { Clock } from '../ports/clock.js';

/**
 * A token bucket refilled continuously from an injected clock, as the Claude API refills its own: no drift from
 * timer lateness, because the refill is computed from elapsed time rather than counted per tick.
 * A weight above the capacity is granted when the bucket is full and leaves it in debt (a big `max_tokens` must
 * still be able to run, just not often).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private perMs: number;

  constructor(
    ratePerMinute: number,
    private capacity: number,
    private readonly clock: Clock,
  ) {
    this.perMs = ratePerMinute / 60_000;
    this.tokens = capacity;
    this.last = clock.now();
  }

  /** Tokens available now (negative while in debt). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Milliseconds until `weight` can be taken; 0 when it can be taken now. */
  waitMs(weight: number): number {
    this.refill();
    const need = Math.min(weight, this.capacity);
    if (this.tokens >= need) return 0;
    if (this.perMs <= 0) return Number.POSITIVE_INFINITY;
    return Math.ceil((need - this.tokens) / this.perMs);
  }

  take(weight: number): void {
    this.refill();
    this.tokens -= weight;
  }

  /** Gives back what an estimate over-charged (e.g. `max_tokens` not all used). */
  refund(weight: number): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens + weight);
  }

  /** Never more than the API says remains. */
  clampTo(limit: number): void {
    this.refill();
    this.tokens = Math.min(this.tokens, limit);
  }

  /** Empties the bucket (after a 429 nobody may burst). */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Changes the refill rate and capacity from now on; accrued tokens are kept up to the new capacity. */
  setRate(ratePerMinute: number, capacity: number): void {
    this.refill();
    this.perMs = ratePerMinute / 60_000;
    this.capacity = capacity;
    this.tokens = Math.min(this.tokens, capacity);
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
      this.last = now;
    }
  }
}

/** About one second's worth of a per-minute limit, as the API enforces it ("60 RPM may be 1 request per second"). */
export function burstCapacity(ratePerMinute: number): number {
  return Math.max(1, Math.ceil(ratePerMinute / 60));
}
