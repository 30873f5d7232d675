import { TokenBucket } from './token-bucket.js';
import type { BucketLimits, Lane } from './types.js';

const DEFAULT_INPUT_TPM = 10_000_000;
const DEFAULT_OUTPUT_TPM = 2_000_000;

/** What one request costs: always one request; Messages also input tokens and (estimated from max_tokens) output. */
export interface RequestCost {
  inputTokens?: number;
  outputTokens?: number;
}

/** The bucket's verdict on one request, with the rate-limit headers to send either way. */
export type Admission =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; headers: Record<string, string>; retryAfterSeconds: number; exceeded: string };

/** RFC 3339 without milliseconds, as the API writes it (`2026-11-26T17:20:03Z`), rounded up to the second. */
function rfc3339(ms: number): string {
  return new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The buckets of one key in one lane. The free lane (count_tokens, models) only limits requests; the Messages lane
 * also limits input and output tokens and reports all four `anthropic-ratelimit-*` triples.
 */
export class LaneLimiter {
  private readonly requests: TokenBucket;
  private readonly input?: TokenBucket;
  private readonly output?: TokenBucket;

  constructor(
    readonly lane: Lane,
    readonly limits: BucketLimits,
    private readonly now: () => number,
  ) {
    const burst = limits.burst ?? Math.max(1, Math.ceil(limits.rpm / 60));
    this.requests = new TokenBucket(burst, limits.rpm, now);
    if (lane === 'messages') {
      const inputTpm = limits.inputTpm ?? DEFAULT_INPUT_TPM;
      const outputTpm = limits.outputTpm ?? DEFAULT_OUTPUT_TPM;
      this.input = new TokenBucket(inputTpm, inputTpm, now);
      this.output = new TokenBucket(outputTpm, outputTpm, now);
    }
  }

  /** Admits and charges the request, or says which limit it would exceed and when to retry. */
  admit(cost: RequestCost = {}): Admission {
    const waits: Array<[string, number]> = [['requests', this.requests.msUntil(1)]];
    if (this.input) waits.push(['input tokens', this.input.msUntil(cost.inputTokens ?? 0)]);
    if (this.output) waits.push(['output tokens', this.output.msUntil(cost.outputTokens ?? 0)]);
    const blocked = waits.filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1])[0];
    if (blocked) {
      const retryAfterSeconds = Math.max(1, Math.ceil(blocked[1] / 1000));
      return { ok: false, headers: this.headers(), retryAfterSeconds, exceeded: blocked[0] };
    }
    this.requests.take(1);
    this.input?.take(cost.inputTokens ?? 0);
    this.output?.take(cost.outputTokens ?? 0);
    return { ok: true, headers: this.headers() };
  }

  /** Returns output tokens reserved from max_tokens but not produced (the API adjusts its estimate the same way). */
  refundOutput(tokens: number): void {
    if (tokens > 0) this.output?.give(tokens);
  }

  /** Another client of the same key used `requests` requests. */
  consume(requests: number): void {
    this.requests.take(requests);
  }

  /** The per-minute limit a 429 message names for `exceeded`. */
  limitOf(exceeded: string): number {
    if (exceeded === 'input tokens') return this.input?.perMinute ?? 0;
    if (exceeded === 'output tokens') return this.output?.perMinute ?? 0;
    return this.limits.rpm;
  }

  /** The `anthropic-ratelimit-*` headers: limit per minute, whole tokens left, RFC 3339 time of a full bucket. */
  headers(): Record<string, string> {
    const t = this.now();
    const out: Record<string, string> = {};
    const triple = (name: string, bucket: TokenBucket): void => {
      out[`anthropic-ratelimit-${name}-limit`] = String(bucket.perMinute);
      out[`anthropic-ratelimit-${name}-remaining`] = String(Math.floor(bucket.available()));
      out[`anthropic-ratelimit-${name}-reset`] = rfc3339(t + bucket.msUntilFull());
    };
    triple('requests', this.requests);
    if (this.input && this.output) {
      triple('input-tokens', this.input);
      triple('output-tokens', this.output);
      // `tokens-*` reports the most restrictive of the two token limits currently in effect.
      const tightest = this.input.available() / this.input.perMinute <= this.output.available() / this.output.perMinute
        ? this.input : this.output;
      triple('tokens', tightest);
    }
    return out;
  }
}
