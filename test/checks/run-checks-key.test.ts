import { describe, expect, it } from 'vitest';
import type { CheckResult, StatusReport } from '../../src/checks/check-result.js';
import { createInMemoryClaudeApi, failure } from '../fakes/in-memory-claude-api.js';
import { runWith } from './support/run-with.js';
import { VALID_KEY } from './support/test-keys.js';

const find = (report: StatusReport, id: CheckResult['id'], subject?: string) =>
  report.checks.find((c) => c.id === id && (subject === undefined || c.subject === subject));

describe('runChecks: the key', () => {
  it('reports operational with the masked key, organisation, workspace and every model checked', async () => {
    const claude = createInMemoryClaudeApi();
    claude.workspaceId = 'wrkspc_prod';
    const report = await runWith(claude);
    expect(report).toMatchObject({
      verdict: 'operational',
      blame: 'none',
      key: { masked: 'sk-ant-api03-…ZZAA', organizationId: 'org-0a1b2c3d', workspaceId: 'wrkspc_prod' },
      models: ['claude-haiku-4-5', 'claude-sonnet-5-5'],
      checkedAt: '2026-11-26T17:00:00.000Z',
    });
    expect(report.checks.map((c) => `${c.id}${c.subject ? `:${c.subject}` : ''}=${c.status}`)).toEqual([
      'key_format=ok', 'auth=ok', 'model:claude-haiku-4-5=ok', 'model:claude-sonnet-5-5=ok',
      'generation:claude-haiku-4-5=ok', 'rate_limits=ok', 'status_page=ok', 'resilience=ok',
    ]);
    expect(find(report, 'auth')?.summary).toBe('Key accepted (organisation org-0a1b2c3d, workspace wrkspc_prod)');
    expect(JSON.stringify(report)).not.toContain(VALID_KEY.slice(13, 60));
  });

  it('sends every API probe as a probe, at the priority asked, and only one paid call', async () => {
    const claude = createInMemoryClaudeApi();
    await runWith(claude, { priority: 'background' });
    expect(claude.calls.every((c) => c.options?.probe === true && c.options.priority === 'background')).toBe(true);
    expect(claude.calls.filter((c) => c.call.startsWith('messages'))).toHaveLength(1);
  });

  it('a rejected key (401) is down, blamed on us, with the API message and a fix; model probes skip', async () => {
    const claude = createInMemoryClaudeApi();
    const rejected = failure('auth', 401, 'invalid x-api-key', { type: 'authentication_error' });
    claude.failures = { models: rejected, count_tokens: rejected, messages: rejected };
    const report = await runWith(claude);
    expect(report).toMatchObject({ verdict: 'down', blame: 'us' });
    expect(report.headline).toBe("Down — it's us: Key rejected: invalid x-api-key.");
    const auth = find(report, 'auth');
    expect(auth).toMatchObject({ status: 'fail', failure: { status: 401 } });
    expect(auth?.fix).toMatch(/Copy the key again from the Console/);
    expect(auth?.detail).toContain('API said: 401 authentication_error: invalid x-api-key');
    expect(find(report, 'model', 'claude-sonnet-5-5')?.status).toBe('skip');
    expect(find(report, 'generation')?.status).toBe('skip');
  });

  it.each([
    ['an Admin key', `sk-ant-admin01-${'a'.repeat(93)}AA`, /Admin key/],
    ['an OAuth token', `sk-ant-oat01-${'a'.repeat(93)}AA`, /OAuth token/],
    ['a quoted key', `"${VALID_KEY}"`, /quotes/],
    ['no key', '', /No API key/],
  ])('%s is down without calling the API at all', async (_label, apiKey, summary) => {
    const claude = createInMemoryClaudeApi();
    const report = await runWith(claude, { apiKey });
    expect(report).toMatchObject({ verdict: 'down', blame: 'us' });
    expect(report.headline).toMatch(summary);
    expect(claude.calls).toEqual([]);
    const probes = report.checks.filter((c) => ['auth', 'model', 'generation'].includes(c.id));
    expect(new Set(probes.map((c) => c.id))).toEqual(new Set(['auth', 'generation', 'model']));
    expect(probes.every((c) => c.status === 'skip')).toBe(true);
    // The status page is still read: it answers the other half of "is it us or is it Claude?".
    expect(find(report, 'status_page')?.status).toBe('ok');
  });

  it('a short key the API accepts is not called truncated', async () => {
    const report = await runWith(createInMemoryClaudeApi(), { apiKey: 'sk-ant-api03-shortbutaccepted0000AA' });
    expect(find(report, 'key_format')).toMatchObject({ status: 'ok', summary: expect.stringMatching(/accepted/) });
    expect(find(report, 'key_format')?.fix).toBeUndefined();
    expect(report.verdict).toBe('operational');
  });

  it('a network failure is blamed on the network, not on the key', async () => {
    const claude = createInMemoryClaudeApi();
    const down = failure('connection', undefined, 'getaddrinfo ENOTFOUND api.anthropic.com');
    claude.failures = { models: down, count_tokens: down, messages: down };
    const report = await runWith(claude);
    expect(report).toMatchObject({ verdict: 'down', blame: 'network' });
    expect(find(report, 'auth')?.summary).toBe('Could not check the key: could not connect to the API');
  });
});
