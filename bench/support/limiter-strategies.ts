/**
 * The three ways bench/limiter calls the fake API: our guarded client, the SDK alone with its default retries, and
 * the textbook fixed-interval queue (one call every 60/RPM seconds, SDK retries on). Each call resolves to ok or not;
 * nothing throws, so errors surfaced to callers can be counted.
 */
import Anthropic from '@anthropic-ai/sdk';
import pino from 'pino';
import { createClaudeApi, type GuardedClaudeApi } from '../../src/claude/create-claude-api.js';
import { TEST_API_KEY } from '../../test/fakes/fake-claude-api.js';

export interface CallResult {
  ok: boolean;
  kind?: string;
  /** Attempts the guarded client made (1 = refused or answered at once). */
  attempts?: number;
}

export interface Strategy {
  name: string;
  call(): Promise<CallResult>;
  /** The guarded client, for its snapshot and events. */
  api?: GuardedClaudeApi;
  close(): Promise<void>;
}

export const REQUEST = { model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user' as const, content: 'hello' }] };

export function guarded(url: string, rpm: number, breaker: { resetMs: number; rollingWindowMs?: number } = { resetMs: 30_000 }): Strategy {
  const api = createClaudeApi({
    apiKey: TEST_API_KEY,
    baseURL: url,
    limits: { rpm, maxConcurrent: 32, maxQueue: 5_000 },
    breaker: { timeoutMs: 10_000, errorPercent: 50, volumeThreshold: 5, ...breaker },
    logger: pino({ level: 'silent' }),
  });
  return {
    name: 'guarded (ours)',
    api,
    async call() {
      const outcome = await api.createMessage({ model: REQUEST.model, maxTokens: REQUEST.max_tokens, messages: REQUEST.messages });
      return outcome.ok ? { ok: true } : { ok: false, kind: outcome.failure.kind, attempts: outcome.failure.attempts ?? 1 };
    },
    close: () => api.close(),
  };
}

function sdkCall(client: Anthropic): () => Promise<CallResult> {
  return async () => {
    try {
      await client.messages.create(REQUEST);
      return { ok: true };
    } catch (error) {
      return { ok: false, kind: (error as Error).name };
    }
  };
}

export function sdkAlone(url: string): Strategy {
  const client = new Anthropic({ apiKey: TEST_API_KEY, baseURL: url, logLevel: 'off' }); // default maxRetries: 2
  return { name: 'SDK alone (2 retries)', call: sdkCall(client), close: async () => undefined };
}

export function fixedInterval(url: string, rpm: number): Strategy {
  const send = sdkCall(new Anthropic({ apiKey: TEST_API_KEY, baseURL: url, logLevel: 'off' }));
  const intervalMs = 60_000 / rpm;
  let slot = Promise.resolve();
  return {
    name: `fixed interval (${intervalMs.toFixed(1)} ms)`,
    call() {
      const mine = slot;
      // The textbook: sleep a fixed interval between starts (timer lateness accumulates, as it does in practice).
      slot = mine.then(() => new Promise((resolve) => setTimeout(resolve, intervalMs)));
      return mine.then(send);
    },
    close: async () => undefined,
  };
}

/** Samples heap use while `work` runs; returns the peak above the starting level, in MB. */
export async function withPeakHeap<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { result, peakMb: (peak - start) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
