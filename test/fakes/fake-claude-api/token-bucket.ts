/**
 * A token bucket refilled continuously (not once a minute), as Anthropic documents its rate limits: capacity
 * `capacity`, `perMinute / 60_000` tokens back per ms, time read from an injected clock so tests never sleep.
 */
export class TokenBucket {
  private level: number;
  private updatedAt: number;
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    readonly perMinute: number,
    private readonly now: () => number,
  ) {
    this.perMs = perMinute / 60_000;
    this.level = capacity;
    this.updatedAt = now();
  }

  /** Tokens available now (fractional). */
  available(): number {
    const t = this.now();
    // A clock that steps back (a test rewinding) refills nothing rather than draining the bucket.
    if (t > this.updatedAt) this.level = Math.min(this.capacity, this.level + (t - this.updatedAt) * this.perMs);
    this.updatedAt = Math.max(t, this.updatedAt);
    return this.level;
  }

  /** Takes `n` tokens; the level never goes below zero (an external user is refused too when empty). */
  take(n: number): void {
    this.level = Math.max(0, this.available() - n);
  }

  /** Gives back `n` tokens (an over-estimate settled afterwards), up to capacity. */
  give(n: number): void {
    this.level = Math.min(this.capacity, this.available() + n);
  }

  /** Milliseconds until `n` tokens are available (0 when they are now). */
  msUntil(n: number): number {
    const missing = Math.min(n, this.capacity) - this.available();
    return missing <= 0 ? 0 : missing / this.perMs;
  }

  /** Milliseconds until the bucket is full again (what the `-reset` headers announce). */
  msUntilFull(): number {
    return (this.capacity - this.available()) / this.perMs;
  }

  fill(): void {
    this.level = this.capacity;
    this.updatedAt = this.now();
  }
}
