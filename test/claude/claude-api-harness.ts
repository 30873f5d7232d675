import pino from 'pino';
import { type ClaudeApiDeps, createClaudeApi, type GuardedClaudeApi } from '../../src/claude/create-claude-api.js';
import type { ResilienceEvent } from '../../src/ports/claude-api.js';
import { type FakeClaudeApi, type FakeClaudeApiOptions, startFakeClaudeApi, TEST_API_KEY } from '../fakes/fake-claude-api.js';
import { createManualClock } from '../fakes/manual-clock.js';

/** The guarded client against the fake, sharing one manual clock so pacing and the fake's buckets agree without sleeping. */
export async function startHarness(overrides: Partial<ClaudeApiDeps> = {}, fakeOptions: FakeClaudeApiOptions = {}) {
  const clock = createManualClock();
  const fake: FakeClaudeApi = await startFakeClaudeApi({ now: clock.now, ...fakeOptions });
  const events: ResilienceEvent[] = [];
  const api: GuardedClaudeApi = createClaudeApi({
    apiKey: TEST_API_KEY,
    baseURL: fake.url,
    limits: { rpm: 6000, maxConcurrent: 4 },
    breaker: { timeoutMs: 2000, errorPercent: 50, resetMs: 60_000, volumeThreshold: 3 },
    logger: pino({ level: 'silent' }),
    clock,
    sleep: clock.sleep,
    random: () => 0.5,
    ...overrides,
  });
  api.onEvent((event) => events.push(event));
  return {
    api, fake, clock, events,
    async close() {
      await api.close();
      await fake.close();
    },
  };
}

export const hello = { model: 'claude-haiku-4-5', maxTokens: 16, messages: [{ role: 'user' as const, content: 'hello' }] };
