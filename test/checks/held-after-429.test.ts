import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/run-checks.js';
import { createClaudeApi } from '../../src/claude/create-claude-api.js';
import { type FakeClaudeApi, startFakeClaudeApi, TEST_API_KEY } from '../fakes/fake-claude-api.js';
import { createManualClock } from '../fakes/manual-clock.js';

/**
 * Seen running the built app: the bot's own Claude call (an explain enrichment) got a 429 with retry-after 40 s, the
 * messages lane paused, and the next `/claude-status` said "Degraded — it looks like the network: no answer within the
 * check's time", with DNS/firewall/proxy steps — but the probe was never sent (our limiter held it). Real SDK, real HTTP.
 */
let fake: FakeClaudeApi;
beforeAll(async () => {
  fake = await startFakeClaudeApi();
});
afterAll(() => fake?.close());

describe('a probe our own limiter holds after a 429', () => {
  it('is reported as held by the bot (us, a warning, until when), not as the network, and is not sent', async () => {
    const claude = createClaudeApi({
      apiKey: TEST_API_KEY, baseURL: fake.url, limits: { rpm: 6000, maxConcurrent: 4 },
      breaker: { timeoutMs: 5_000, errorPercent: 50, resetMs: 60_000 }, logger: pino({ level: 'silent' }),
    });
    try {
      fake.setFaults([{ endpoint: 'messages', fault: { kind: 'status', status: 429, retryAfterSeconds: 40 } }]);
      const first = await claude.createMessage({ model: 'claude-haiku-4-5', maxTokens: 10, messages: [{ role: 'user', content: 'hi' }] }, { deadlineMs: 5_000 });
      expect(first.ok).toBe(false);
      fake.clearFaults();
      const sentBefore = fake.requests.filter((r) => r.path.startsWith('/v1/messages') && !r.path.includes('count_tokens')).length;

      const report = await runChecks({
        claude, apiKey: TEST_API_KEY, models: ['claude-sonnet-4-5'], model: 'claude-haiku-4-5',
        statusPage: async () => ({ reachable: true, source: 'fake', indicator: 'none', description: 'All Systems Operational', incidents: [] }),
        clock: createManualClock(),
      });
      const generation = report.checks.find((c) => c.id === 'generation');
      expect(generation?.failure).toMatchObject({ category: 'rate_limit', kind: 'held' });
      expect(generation?.status).toBe('warn');
      expect(report.blame).toBe('us');
      expect(report.headline).not.toMatch(/network/);
      expect(`${generation?.summary} ${generation?.fix}`).not.toMatch(/DNS|firewall|HTTPS_PROXY|reachable/);
      expect(generation?.failure?.message).toMatch(/paused after a 429 from the API until/);
      expect(generation?.failure?.retryAfterSeconds).toBeGreaterThan(30);
      const sentAfter = fake.requests.filter((r) => r.path.startsWith('/v1/messages') && !r.path.includes('count_tokens')).length;
      expect(sentAfter).toBe(sentBefore);
    } finally {
      await claude.close();
    }
  });
});
