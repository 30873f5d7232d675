import type { LaneSnapshot, RateLimitHeaders, RateLimitWindow } from '../ports/claude-api.js';
import type { Clock } from '../ports/clock.js';
import { burstCapacity, TokenBucket } from './token-bucket.js';

/** What one call costs: a request, plus its estimated input tokens and `max_tokens` on the Messages lane. */
export interface CallWeight {
  inputTokens?: number;
  outputTokens?: number;
}

type Quota = 'requests' | 'inputTokens' | 'outputTokens';

export interface LaneBudgetOptions {
  /** The operator's ceiling: the API's headers may lower the pace, never raise it above this. */
  configuredRpm: number;
  clock: Clock;
  /** After a 429 pause, time to ramp from `rampStartFactor` back to the full rate (acceleration limits). */
  rampMs?: number;
  rampStartFactor?: number;
  /** Below this fraction of a limit left, `onQuotaLow` fires (once until it recovers). */
  quotaLowFraction?: number;
  onQuotaLow?: (what: Quota, remaining: number, limit: number) => void;
}

/**
 * The rate budget of one lane: a request bucket paced at min(configured, API limit), token buckets once the API has
 * told us its token limits, clamped to what the API says remains, held for everyone after a 429 and then ramped
 * back gradually. Pure: time comes from the injected clock; the caller sleeps.
 */
export class LaneBudget {
  private readonly requests: TokenBucket;
  private readonly tokens: Partial<Record<'inputTokens' | 'outputTokens', { bucket: TokenBucket; perMinute: number }>> = {};
  private apiRpm?: number;
  private pausedUntil = 0;
  private rampFrom?: number;
  private readonly low = new Set<Quota>();
  private readonly capacitySeen: Partial<Record<Quota, number>> = {};
  private remaining: NonNullable<LaneSnapshot['apiRemaining']> = {};

  constructor(private readonly options: LaneBudgetOptions) {
    this.requests = new TokenBucket(options.configuredRpm, burstCapacity(options.configuredRpm), options.clock);
  }

  /** The pace right now, after headers and any post-429 ramp. */
  effectiveRpm(): number {
    return this.applyRates();
  }

  /** The pace without the post-429 ramp: min(configured, the API's request limit). */
  ceilingRpm(): number {
    return Math.min(this.options.configuredRpm, this.apiRpm ?? Number.POSITIVE_INFINITY);
  }

  /** Milliseconds until a call of this weight may start; 0 = now. */
  waitMs(weight: CallWeight = {}): number {
    const now = this.options.clock.now();
    if (now < this.pausedUntil) return this.pausedUntil - now;
    this.applyRates();
    let wait = this.requests.waitMs(1);
    for (const what of ['inputTokens', 'outputTokens'] as const) {
      const cost = weight[what];
      const quota = this.tokens[what];
      if (cost && quota) wait = Math.max(wait, quota.bucket.waitMs(cost));
    }
    return wait;
  }

  /** When the lane's pause after a 429 ends (epoch ms), while it lasts. */
  pausedUntilMs(): number | undefined {
    return this.options.clock.now() < this.pausedUntil ? this.pausedUntil : undefined;
  }

  take(weight: CallWeight = {}): void {
    this.requests.take(1);
    for (const what of ['inputTokens', 'outputTokens'] as const) {
      const cost = weight[what];
      if (cost) this.tokens[what]?.bucket.take(cost);
    }
  }

  /** Gives back what the estimate over-charged once the real usage is known. */
  settle(charged: CallWeight, used: CallWeight): void {
    for (const what of ['inputTokens', 'outputTokens'] as const) {
      const extra = (charged[what] ?? 0) - (used[what] ?? 0);
      if (extra > 0) this.tokens[what]?.bucket.refund(extra);
    }
  }

  /**
   * Follows the API's rate-limit headers. `uncounted` is how many of our requests sent after this one are still in
   * flight: the API's `remaining` may not include them yet.
   */
  observe(headers: RateLimitHeaders | undefined, uncounted = 0): void {
    if (!headers) return; // a proxy stripped them: the configured rate rules
    const req = headers.requests;
    if (req?.limit !== undefined && req.limit > 0) this.apiRpm = req.limit;
    // `remaining` is floored: allow the fraction, or pacing exactly at the limit would lose a token per answer.
    if (req?.remaining !== undefined) this.requests.clampTo(req.remaining + 1 - uncounted);
    this.record('requests', req);
    for (const what of ['inputTokens', 'outputTokens'] as const) {
      const window = headers[what];
      if (window?.limit !== undefined && window.limit > 0) {
        const quota = this.tokens[what];
        if (quota) quota.perMinute = window.limit;
        else this.tokens[what] = { bucket: new TokenBucket(window.limit, window.limit, this.options.clock), perMinute: window.limit };
      }
      if (window?.remaining !== undefined) this.tokens[what]?.bucket.clampTo(window.remaining);
      this.record(what, window);
    }
    this.applyRates();
  }

  /** After a 429: nobody on this lane sends until `untilMs`, then the pace ramps back up. */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    this.rampFrom = this.pausedUntil;
    this.requests.drain();
    for (const quota of Object.values(this.tokens)) quota.bucket.drain();
    this.applyRates();
  }

  snapshot(): Pick<LaneSnapshot, 'configuredRpm' | 'effectiveRpm' | 'apiRemaining' | 'pausedUntil'> {
    const now = this.options.clock.now();
    return {
      configuredRpm: this.options.configuredRpm,
      effectiveRpm: Math.round(this.effectiveRpm() * 100) / 100,
      ...(Object.keys(this.remaining).length > 0 ? { apiRemaining: { ...this.remaining } } : {}),
      ...(now < this.pausedUntil ? { pausedUntil: new Date(this.pausedUntil).toISOString() } : {}),
    };
  }

  private record(what: Quota, window: RateLimitWindow | undefined): void {
    if (window?.remaining === undefined) return;
    this.remaining[what] = window.remaining;
    if (window.resetAt) this.remaining.resetAt = window.resetAt;
    // "Low" against the largest remaining seen, not the per-minute limit: a bucket that holds one second's worth
    // (as the API may enforce 60 RPM) never shows more than limit/60 remaining.
    const capacity = Math.max(this.capacitySeen[what] ?? 0, window.remaining);
    this.capacitySeen[what] = capacity;
    const isLow = window.remaining < capacity * (this.options.quotaLowFraction ?? 0.1);
    if (isLow && !this.low.has(what)) this.options.onQuotaLow?.(what, window.remaining, window.limit ?? capacity);
    if (isLow) this.low.add(what);
    else this.low.delete(what);
  }

  /** Recomputes the ramp factor and pushes the resulting rates into the buckets; returns the request pace. */
  private applyRates(): number {
    const now = this.options.clock.now();
    const rampMs = this.options.rampMs ?? 10_000;
    const start = this.options.rampStartFactor ?? 0.25;
    let factor = 1;
    if (this.rampFrom !== undefined) {
      const elapsed = now - this.rampFrom;
      if (elapsed >= rampMs) this.rampFrom = undefined;
      else factor = start + (1 - start) * Math.max(0, elapsed) / rampMs;
    }
    const rpm = this.ceilingRpm() * factor;
    this.requests.setRate(rpm, burstCapacity(rpm));
    for (const quota of Object.values(this.tokens)) {
      // Token buckets hold a minute's worth (the API's own token buckets do); `remaining` clamps them anyway.
      const perMinute = quota.perMinute * factor;
      quota.bucket.setRate(perMinute, Math.max(1, perMinute));
    }
    return rpm;
  }
}
