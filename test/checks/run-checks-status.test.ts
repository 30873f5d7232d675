import { afterEach, describe, expect, it } from 'vitest';
import { fetchStatusPage } from '../../src/checks/fetch-status-page.js';
import { createInMemoryClaudeApi, failure, lane } from '../fakes/in-memory-claude-api.js';
import { runWith } from './support/run-with.js';
import { incidentSummary, startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';

const pages: FakeStatusPage[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
});
const pageAt = async (summary?: unknown) => {
  const page = await startFakeStatusPage(summary);
  pages.push(page);
  return page;
};

describe('runChecks: the status page, headroom and the guard', () => {
  it('an API incident on the status page while our probes pass: degraded, blamed on Claude, with the link', async () => {
    const page = await pageAt(incidentSummary());
    const report = await runWith(createInMemoryClaudeApi(), { statusPage: () => fetchStatusPage({ fetch, urls: [page.url] }) });
    expect(report).toMatchObject({ verdict: 'degraded', blame: 'anthropic' });
    expect(report.headline).toBe("Degraded — it's Claude: Anthropic reports: Elevated errors on Claude Sonnet 5.5 (https://stspg.io/abc123).");
    expect(report.statusPage).toMatchObject({ reachable: true, incidents: [{ affectsApi: true }] });
  });

  it('529s during an API incident: down, blamed on Claude, naming the incident too', async () => {
    const page = await pageAt(incidentSummary());
    const claude = createInMemoryClaudeApi();
    const overloaded = failure('overloaded', 529, 'Overloaded', { type: 'overloaded_error' });
    claude.failures = { models: overloaded, count_tokens: overloaded, messages: overloaded };
    const report = await runWith(claude, { statusPage: () => fetchStatusPage({ fetch, urls: [page.url] }) });
    expect(report).toMatchObject({ verdict: 'down', blame: 'anthropic' });
    expect(report.headline).toMatch(/Anthropic reports: Elevated errors/);
  });

  it('a first host that refuses falls back to the second; an unreachable page is only a warning on its own line', async () => {
    const first = await pageAt();
    const second = await pageAt();
    first.setDown(true);
    const claude = createInMemoryClaudeApi();
    const fellBack = await runWith(claude, { statusPage: () => fetchStatusPage({ fetch, urls: [first.url, second.url] }) });
    expect(fellBack.verdict).toBe('operational');
    expect(fellBack.statusPage).toMatchObject({ reachable: true, source: second.url });

    second.setDown(true);
    const unreachable = await runWith(claude, { statusPage: () => fetchStatusPage({ fetch, urls: [first.url, second.url] }) });
    expect(unreachable).toMatchObject({ verdict: 'operational', blame: 'none', statusPage: { reachable: false } });
    expect(unreachable.checks.find((c) => c.id === 'status_page')).toMatchObject({ status: 'warn', summary: expect.stringMatching(/says nothing about the API/) });
  });

  it('a status page reader that throws is reported unreachable, not as a crash', async () => {
    const report = await runWith(createInMemoryClaudeApi(), { statusPage: () => Promise.reject(new Error('boom')) });
    expect(report.statusPage).toEqual({ reachable: false, tried: [], error: 'boom' });
  });

  it('missing rate-limit headers are said, not failed', async () => {
    const report = await runWith(createInMemoryClaudeApi());
    const limits = report.checks.find((c) => c.id === 'rate_limits');
    expect(limits).toMatchObject({ status: 'ok', summary: 'Headroom unknown: the API sent no rate-limit headers' });
    expect(limits?.detail.join('\n')).toMatch(/carried no anthropic-ratelimit-\* headers/);
    expect(report.rateLimits).toEqual({});
  });

  it('reads Messages and free-endpoint headroom separately and warns under 10%', async () => {
    const claude = createInMemoryClaudeApi();
    claude.headers.messages = {
      requests: { limit: 50, remaining: 49, resetAt: '2026-11-26T17:00:01Z' },
      inputTokens: { limit: 30_000, remaining: 2_000, resetAt: '2026-11-26T17:00:20Z' },
    };
    claude.headers.count_tokens = { requests: { limit: 100, remaining: 99 } };
    const report = await runWith(claude);
    const limits = report.checks.find((c) => c.id === 'rate_limits');
    expect(limits).toMatchObject({ status: 'warn', summary: 'Messages input tokens nearly used up (2,000 of 30,000 left)' });
    expect(limits?.detail).toContain('free (count_tokens) requests: 99 of 100 left');
    expect(report.rateLimits).toEqual({ messages: claude.headers.messages, free: claude.headers.count_tokens });
    expect(report).toMatchObject({ verdict: 'degraded', blame: 'us' });
  });

  it('does not call a bucket short when it is full again within seconds (a burst bucket read mid-refill)', async () => {
    const claude = createInMemoryClaudeApi();
    // Answered at 17:00:00; full again 1 s later: 2% left now means nothing a minute from now.
    claude.headers.messages = { requests: { limit: 6_000, remaining: 120, resetAt: '2026-11-26T17:00:01Z' } };
    const report = await runWith(claude);
    expect(report.checks.find((c) => c.id === 'rate_limits')).toMatchObject({ status: 'ok', summary: 'Headroom fine: lowest is Messages requests at 2%, full again within seconds' });
  });

  it('healthy headroom names the lowest bucket', async () => {
    const claude = createInMemoryClaudeApi();
    claude.headers.messages = { requests: { limit: 50, remaining: 40 }, outputTokens: { limit: 8000, remaining: 7000 } };
    const report = await runWith(claude);
    expect(report.checks.find((c) => c.id === 'rate_limits')?.summary).toBe('Headroom fine: lowest is Messages requests at 80%');
  });

  it('an open breaker fails the resilience check; a paused lane or drops warn', async () => {
    const claude = createInMemoryClaudeApi();
    claude.snapshot = { ...claude.snapshot, breaker: { ...claude.snapshot.breaker, state: 'open', errorPercent: 80, nextAttemptAt: '2026-11-26T17:00:30Z' } };
    const open = await runWith(claude);
    expect(open.checks.find((c) => c.id === 'resilience')).toMatchObject({ status: 'fail', summary: expect.stringMatching(/open.*until 2026-11-26T17:00:30Z/) });
    expect(open.verdict).toBe('degraded');

    claude.snapshot = {
      limiter: { lanes: { messages: { ...lane(50), dropped: 3, pausedUntil: '2026-11-26T17:00:09Z' }, free: lane() }, rateLimited: 1 },
      breaker: { ...claude.snapshot.breaker, state: 'closed' },
    };
    const paused = await runWith(claude);
    expect(paused.checks.find((c) => c.id === 'resilience')).toMatchObject({ status: 'warn', summary: expect.stringMatching(/dropped 3 calls/) });
    expect(paused.checks.find((c) => c.id === 'rate_limits')?.status).toBe('warn');
  });
});
