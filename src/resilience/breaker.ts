import type { EventEmitter } from 'node:events';
import CircuitBreaker from 'opossum';
import type { BreakerSnapshot } from '../ports/claude-api.js';
import type { Clock } from '../ports/clock.js';
import { CircuitOpenError } from './guard-errors.js';

export interface BreakerOptions {
  /** Per attempt; on expiry the attempt's AbortSignal fires so the HTTP request really stops. */
  timeoutMs: number;
  errorPercent: number;
  resetMs: number;
  /** Calls in the window before the error percentage may open the breaker. */
  volumeThreshold?: number;
  /** The rolling window the error percentage is computed over (opossum's `rollingCountTimeout`). */
  rollingWindowMs?: number;
  /** Errors that say nothing about the API's health (caller errors, rate limits, aborts). */
  isNeutral: (error: unknown) => boolean;
  clock: Clock;
  onStateChange?: (state: BreakerSnapshot['state']) => void;
}

/** The work guarded by the breaker: it must honour the signal. */
export type BreakerWork<T> = (signal: AbortSignal) => Promise<T>;

interface Job {
  work: BreakerWork<unknown>;
  controller: AbortController;
}

export interface Breaker {
  /**
   * Runs `work` through the breaker. Throws `CircuitOpenError` while open. A probe is never refused: when the
   * breaker is open it runs outside it, and its success closes the breaker (probes are how we learn the API is back).
   */
  run<T>(work: BreakerWork<T>, options?: { probe?: boolean }): Promise<T>;
  /** True when an ordinary call would be refused now: callers fail fast without queueing. */
  refusing(): boolean;
  /** The error a refused call gets. */
  openError(): CircuitOpenError;
  snapshot(): BreakerSnapshot;
  /** Stops opossum's timers and aborts the attempts in flight: nothing the breaker started outlives it. */
  shutdown(): void;
}

/** Opossum's timeout error, with the same `code` our failure mapping reads. */
function timeoutError(ms: number): Error {
  return Object.assign(new Error(`Timed out after ${ms}ms`), { code: 'ETIMEDOUT' });
}

/** A circuit breaker over opossum 9 (opossum 10 needs Node 22). */
export function createBreaker(options: BreakerOptions): Breaker {
  const breaker: CircuitBreaker<[Job], unknown> = new CircuitBreaker((job: Job) => job.work(job.controller.signal), {
    timeout: options.timeoutMs,
    errorThresholdPercentage: options.errorPercent,
    resetTimeout: options.resetMs,
    volumeThreshold: options.volumeThreshold ?? 5,
    rollingCountTimeout: options.rollingWindowMs ?? 10_000,
    rollingCountBuckets: 10,
    // Opossum counts a filtered error as a success, and a success in half-open closes the breaker. The trial call
    // of half-open must prove the API works, so there a neutral error counts as a failure and the breaker reopens.
    errorFilter: (error: unknown) => options.isNeutral(error) && !breaker.halfOpen,
  });
  let openedAt: number | undefined;
  // Attempts in flight, aborted on shutdown (a CLI that stops before an answer it gave up on must not wait for it).
  const inFlight = new Set<AbortController>();
  const track = async <T>(controller: AbortController, run: () => Promise<T>): Promise<T> => {
    inFlight.add(controller);
    try {
      return await run();
    } finally {
      inFlight.delete(controller);
    }
  };
  (breaker as unknown as EventEmitter).on('timeout', (_error: Error, _latency: number, args: [Job]) => args[0].controller.abort());
  breaker.on('open', () => {
    openedAt = options.clock.now();
    options.onStateChange?.('open');
  });
  breaker.on('halfOpen', () => options.onStateChange?.('half-open'));
  breaker.on('close', () => {
    openedAt = undefined;
    options.onStateChange?.('closed');
  });

  const nextAttemptAt = () => (openedAt !== undefined && breaker.opened ? new Date(openedAt + options.resetMs).toISOString() : undefined);

  /** A probe while open: outside opossum, with the same timeout. */
  async function probeOutside<T>(work: BreakerWork<T>): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const value = await track(controller, () => work(controller.signal));
      breaker.close();
      return value;
    } catch (error) {
      throw controller.signal.aborted ? timeoutError(options.timeoutMs) : error;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async run<T>(work: BreakerWork<T>, runOptions: { probe?: boolean } = {}): Promise<T> {
      if (runOptions.probe && !breaker.closed && !breaker.pendingClose) return probeOutside(work);
      const controller = new AbortController();
      try {
        return (await track(controller, () => breaker.fire({ work, controller }))) as T;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'EOPENBREAKER') throw new CircuitOpenError(nextAttemptAt());
        throw error;
      }
    },
    openError: () => new CircuitOpenError(nextAttemptAt()),
    refusing: () => breaker.opened || (breaker.halfOpen && !breaker.pendingClose),
    snapshot(): BreakerSnapshot {
      const stats = breaker.stats;
      const decided = stats.failures + stats.successes;
      const state = breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
      const snapshot: BreakerSnapshot = {
        state,
        failures: stats.failures,
        successes: stats.successes,
        timeouts: stats.timeouts,
        rejections: stats.rejects,
        errorPercent: decided === 0 ? 0 : Math.round((stats.failures / decided) * 1000) / 10,
      };
      if (openedAt !== undefined) snapshot.openedAt = new Date(openedAt).toISOString();
      const next = nextAttemptAt();
      if (next) snapshot.nextAttemptAt = next;
      return snapshot;
    },
    shutdown() {
      breaker.shutdown();
      for (const controller of inFlight) controller.abort();
    },
  };
}
