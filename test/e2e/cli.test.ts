import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApiKey, startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi } from '../fakes/fake-claude-api.js';
import { startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { runEntry } from '../support/run-entry.js';

const RATE_LIMITED = 'anthropic.RateLimitError: Error code: 429 - {\'type\': \'error\', \'error\': {\'type\': \'rate_limit_error\', \'message\': \'Number of request tokens has exceeded your per-minute rate limit\'}, \'request_id\': \'req_011CabcDEF\'}';

describe('claude-status CLI (a child process, as a user runs it)', () => {
  let api: FakeClaudeApi;
  let page: FakeStatusPage;
  let env: Record<string, string>;
  beforeAll(async () => {
    const roomy = { rpm: 100_000, burst: 100_000 };
    api = await startFakeClaudeApi({ limits: roomy, freeLimits: roomy });
    page = await startFakeStatusPage();
    env = { ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: api.url, STATUS_PAGE_URL: page.url, STATUS_PAGE_FALLBACK_URL: page.url };
  });
  afterAll(async () => {
    await api?.close();
    await page?.close();
  });

  it('check --json: exit 0 and the documented object when all is well, with only the key configured', async () => {
    const result = await runEntry('cli', { env, args: ['check', '--json'] });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { verdict: string; checks: { id: string; status: string; summary: string; detail: unknown }[]; key: { masked: string; organizationId: string } };
    expect(report.verdict).toBe('operational');
    expect(report.key.organizationId).toBe('org-test-0001');
    for (const check of report.checks) {
      expect(['ok', 'warn', 'fail']).toContain(check.status);
      expect(typeof check.summary).toBe('string');
      expect(Array.isArray(check.detail)).toBe(true);
    }
    expect(result.stdout).not.toContain(TEST_API_KEY);
  });

  it('check: exit 1 with the reason and the fix when the key is rejected, never printing the key', async () => {
    const revoked = makeApiKey('revoked-in-console');
    const result = await runEntry('cli', { env: { ...env, ANTHROPIC_API_KEY: revoked }, args: ['check'] });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/DOWN/);
    expect(result.stdout).toMatch(/fix:/);
    expect(result.stdout + result.stderr).not.toContain(revoked);
  });

  it('exit 2 for bad usage or configuration', async () => {
    const [unconfigured, unknown, badFlag] = await Promise.all([
      runEntry('cli', { env: {}, args: ['check'] }),
      runEntry('cli', { env, args: ['frobnicate'] }),
      runEntry('cli', { env, args: ['check', '--nope'] }),
    ]);
    expect(unconfigured.stderr).toContain('ANTHROPIC_API_KEY');
    expect([unconfigured.code, unknown.code, badFlag.code]).toEqual([2, 2, 2]);
    expect(unknown.stderr).toContain('usage: claude-status');
  });

  it('explain --offline --json reads stdin and needs no key', async () => {
    const result = await runEntry('cli', { env: {}, args: ['explain', '--offline', '--json'], stdin: RATE_LIMITED });
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(answer).toMatchObject({ category: 'rate_limit', status: 429, type: 'rate_limit_error', requestId: 'req_011CabcDEF', enriched: false });
    expect(Array.isArray(answer.fixes)).toBe(true);
  });

  it('explain enriches the answer with Claude when the API is reachable', async () => {
    const before = api.requests.filter((r) => r.path === '/v1/messages').length;
    const result = await runEntry('cli', { env, args: ['explain', '--json'], stdin: `${RATE_LIMITED}\nkey was ${TEST_API_KEY}` });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ category: 'rate_limit', enriched: true });
    const sent = api.requests.filter((r) => r.path === '/v1/messages').slice(before);
    expect(sent.length).toBe(1);
    // The prompt sent to Claude never carries the secret that was pasted with the error.
    expect(JSON.stringify(sent[0]!.body)).not.toContain(TEST_API_KEY);
  });
});
