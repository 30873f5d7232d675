import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/checks/check-result.js';
import { lookupAdvice } from '../../src/explain/knowledge-base.js';
import { createInMemoryClaudeApi, failure } from '../fakes/in-memory-claude-api.js';
import { runWith } from './support/run-with.js';

const model = (report: StatusReport, id: string) => report.checks.find((c) => c.id === 'model' && c.subject === id);

describe('runChecks: model access (count_tokens) and generation (max_tokens 1)', () => {
  it('a forbidden model fails with a fix while the others work: degraded, our side', async () => {
    const claude = createInMemoryClaudeApi();
    claude.forbidden.add('claude-sonnet-5-5');
    const report = await runWith(claude);
    expect(model(report, 'claude-sonnet-5-5')).toMatchObject({ status: 'fail', summary: 'No permission to use claude-sonnet-5-5', failure: { status: 403 } });
    expect(model(report, 'claude-sonnet-5-5')?.fix).toMatch(/workspace/);
    expect(model(report, 'claude-haiku-4-5')?.status).toBe('ok');
    expect(report).toMatchObject({ verdict: 'degraded', blame: 'us' });
  });

  it('tells a retired model (listed with its date when retired ones are asked for) from an unknown id', async () => {
    const claude = createInMemoryClaudeApi();
    claude.models.push({ id: 'claude-3-opus-20240229', lifecycle: 'retired', retiresAt: '2026-01-05T00:00:00Z' });
    const report = await runWith(claude, { models: ['claude-3-opus-20240229', 'claude-sonnet-9-typo'] });
    expect(model(report, 'claude-3-opus-20240229')).toMatchObject({ status: 'fail', summary: 'claude-3-opus-20240229 was retired on 2026-01-05' });
    expect(model(report, 'claude-sonnet-9-typo')).toMatchObject({ status: 'fail', summary: 'Unknown model id claude-sonnet-9-typo' });
    expect(model(report, 'claude-sonnet-9-typo')?.fix).toMatch(/claude-haiku-4-5/);
    expect(model(report, 'claude-3-opus-20240229')?.cause).toBe(lookupAdvice('not_found', 'retired_model').cause);
    expect(model(report, 'claude-sonnet-9-typo')?.cause).toBe(lookupAdvice('not_found', 'unknown_model').cause);
    // One listing with retired models serves both 404s.
    expect(claude.calls.filter((c) => c.call === 'models:retired')).toHaveLength(1);
    expect(report.verdict).toBe('degraded');
  });

  it('warns with the retirement date for a deprecated model that still works', async () => {
    const claude = createInMemoryClaudeApi();
    claude.models.push({ id: 'claude-sonnet-4-5', lifecycle: 'deprecated', deprecatedAt: '2026-08-30T00:00:00Z', retiresAt: '2026-11-30T00:00:00Z' });
    const report = await runWith(claude, { models: ['claude-sonnet-4-5'] });
    expect(model(report, 'claude-sonnet-4-5')).toMatchObject({ status: 'warn', summary: 'claude-sonnet-4-5 is deprecated and retires on 2026-11-30' });
    expect(model(report, 'claude-sonnet-4-5')?.fix).toMatch(/before 2026-11-30/);
    expect(report).toMatchObject({ verdict: 'degraded', blame: 'us' });
  });

  it('calls a deprecated model whose retirement date is past "retired on …", a failure, even while it still answers', async () => {
    const claude = createInMemoryClaudeApi();
    claude.models.push({ id: 'claude-sonnet-4-5', lifecycle: 'deprecated', deprecatedAt: '2026-08-30T00:00:00Z', retiresAt: '2026-11-20T00:00:00Z' });
    const report = await runWith(claude, { models: ['claude-sonnet-4-5'] });
    expect(model(report, 'claude-sonnet-4-5')).toMatchObject({ status: 'fail', summary: 'claude-sonnet-4-5 was retired on 2026-11-20' });
    expect(model(report, 'claude-sonnet-4-5')?.fix).not.toMatch(/before/);
  });

  it('knows a retired model from the list of retirements when the API no longer lists it, and suggests the id meant', async () => {
    const claude = createInMemoryClaudeApi();
    claude.models.push({ id: 'claude-sonnet-4-6', lifecycle: 'active' });
    const report = await runWith(claude, { models: ['claude-3-opus-20240229', 'claude-sonet-4-6', 'claude-hiaku-4-5', 'gpt-4o'] });
    expect(model(report, 'claude-3-opus-20240229')).toMatchObject({ status: 'fail', summary: 'claude-3-opus-20240229 was retired on 2026-01-05' });
    expect(model(report, 'claude-3-opus-20240229')?.fix).not.toMatch(/spelling/);
    expect(model(report, 'claude-sonet-4-6')).toMatchObject({ summary: 'Unknown model id claude-sonet-4-6 — did you mean claude-sonnet-4-6?' });
    expect(model(report, 'claude-sonet-4-6')?.fix).toBe('Set claude-sonnet-4-6 in CLAUDE_MODEL / CLAUDE_MODELS instead of claude-sonet-4-6.');
    expect(model(report, 'claude-hiaku-4-5')?.summary).toMatch(/did you mean claude-haiku-4-5\?$/);
    expect(model(report, 'gpt-4o')).toMatchObject({ summary: 'Unknown model id gpt-4o' });
  });

  it('asks for one model by id when it is not in the list (an alias)', async () => {
    const claude = createInMemoryClaudeApi();
    const listed = claude.listModels.bind(claude);
    claude.listModels = async (o) => ((r) => (r.ok ? { ...r, value: [] } : r))(await listed(o));
    const report = await runWith(claude);
    expect(model(report, 'claude-sonnet-5-5')?.status).toBe('ok');
    expect(claude.calls.map((c) => c.call)).toContain('model:claude-sonnet-5-5');
  });

  it('every model refused means down', async () => {
    const claude = createInMemoryClaudeApi();
    claude.forbidden = new Set(['claude-haiku-4-5', 'claude-sonnet-5-5']);
    const report = await runWith(claude, { generation: false });
    expect(report).toMatchObject({ verdict: 'down', blame: 'us' });
  });

  it('a low credit balance shows only in the paid probe: down, our side, with the fix', async () => {
    const claude = createInMemoryClaudeApi();
    claude.failures.messages = failure('billing', 400, 'Your credit balance is too low to access the Anthropic API.', { type: 'invalid_request_error' });
    const report = await runWith(claude);
    const gen = report.checks.find((c) => c.id === 'generation');
    expect(gen).toMatchObject({ status: 'fail', summary: 'Messages fail: credit balance too low' });
    expect(gen?.fix).toMatch(/Billing/);
    expect(report).toMatchObject({ verdict: 'down', blame: 'us' });
    expect(report.headline).toBe("Down — it's us: Messages fail: credit balance too low.");
  });

  it('a reached spend cap (429 with enforced_spend_limit_reached) is down, and says retrying is useless', async () => {
    const claude = createInMemoryClaudeApi();
    claude.failures.messages = failure('billing', 429, 'You have reached your specified API usage limits.', { kind: 'spend_cap', type: 'rate_limit_error', errorCode: 'enforced_spend_limit_reached' });
    const report = await runWith(claude);
    const gen = report.checks.find((c) => c.id === 'generation');
    expect(gen?.summary).toBe('Messages fail: spend limit reached');
    expect(gen?.cause).toMatch(/Retrying will fail until the limit moves/);
    expect(gen?.detail[0]).toBe('API said: 429 rate_limit_error enforced_spend_limit_reached: You have reached your specified API usage limits.');
    expect(report.verdict).toBe('down');
  });

  it('a disabled organisation (400 on Messages) is down with the API message', async () => {
    const claude = createInMemoryClaudeApi();
    claude.failures.messages = failure('invalid_request', 400, 'This organization has been disabled.', { type: 'invalid_request_error' });
    const report = await runWith(claude);
    expect(report.headline).toBe("Down — it's us: Messages refused: This organization has been disabled.");
  });

  it('a 429 on the count_tokens probe is a warning naming its own bucket', async () => {
    const claude = createInMemoryClaudeApi();
    claude.failures.count_tokens = failure('rate_limit', 429, 'Number of requests has exceeded your rate limit', { type: 'rate_limit_error', retryAfterSeconds: 7 });
    const report = await runWith(claude);
    expect(model(report, 'claude-haiku-4-5')).toMatchObject({ status: 'warn', summary: expect.stringMatching(/separate from Messages/) });
    expect(model(report, 'claude-haiku-4-5')?.detail).toContain('retry after 7 s');
    expect(report).toMatchObject({ verdict: 'degraded', blame: 'us' });
  });

  it('a 429 on the Messages probe is degraded, with the wait', async () => {
    const claude = createInMemoryClaudeApi();
    claude.failures.messages = failure('rate_limit', 429, 'rate limited', { retryAfterSeconds: 12 });
    const report = await runWith(claude);
    expect(report.checks.find((c) => c.id === 'generation')).toMatchObject({ status: 'warn', summary: 'Messages are rate-limited right now (retry after 12 s)' });
    expect(report.verdict).toBe('degraded');
  });

  it('529 everywhere is down and blamed on Claude', async () => {
    const claude = createInMemoryClaudeApi();
    const overloaded = failure('overloaded', 529, 'Overloaded', { type: 'overloaded_error' });
    claude.failures = { count_tokens: overloaded, messages: overloaded };
    const report = await runWith(claude);
    expect(model(report, 'claude-haiku-4-5')?.summary).toBe('claude-haiku-4-5: Claude API overloaded (529)');
    expect(report).toMatchObject({ verdict: 'down', blame: 'anthropic' });
    expect(report.headline).toMatch(/^Down — it's Claude: /);
  });

  it('the generation probe can be turned off: no Messages call', async () => {
    const claude = createInMemoryClaudeApi();
    const report = await runWith(claude, { generation: false });
    expect(report.checks.find((c) => c.id === 'generation')?.status).toBe('skip');
    expect(claude.calls.some((c) => c.call.startsWith('messages'))).toBe(false);
    expect(report.verdict).toBe('operational');
  });
});
