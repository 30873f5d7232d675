import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { compose } from '../../src/compose.js';
import { makeApiKey, startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi } from '../fakes/fake-claude-api.js';
import { startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { runEntry, type EntryResult } from '../support/run-entry.js';

const RATE_LIMITED = 'anthropic.RateLimitError: Error code: 429 - {\'type\': \'error\', \'error\': {\'type\': \'rate_limit_error\', \'message\': \'Number of request tokens has exceeded your per-minute rate limit\'}, \'request_id\': \'req_011CabcDEF\'}';

/** Collects what the command writes, as a pipe would (not a terminal: no colour, no progress line). */
class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: string, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

/**
 * The command in this process (runCli, what src/cli.ts runs) with exactly the given environment and stdin: the same
 * answers and exit codes as the built CLI, without a process start each. The built CLI itself: the smoke tests below.
 */
async function cliInProcess(options: { env: Record<string, string>; args: string[]; stdin?: string }): Promise<EntryResult> {
  const stdout = new Collect();
  const stderr = new Collect();
  const code = await runCli({
    argv: options.args, env: { ...options.env }, stdout, stderr, readStdin: async () => options.stdin ?? '',
    compose: (config, logger) => compose(config, { logger, parts: 'core' }), // as src/cli.ts does
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('claude-status CLI against the fake API', () => {
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

  describe('the built CLI (a child process, as a user runs it)', () => {
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

    it('explain reads stdin and needs no key; its exit code is 0 when explained, 3 for text it cannot place', async () => {
      const [explained, unknown] = await Promise.all([
        runEntry('cli', { env: {}, args: ['explain', '--offline', '--json'], stdin: RATE_LIMITED }),
        runEntry('cli', { env: {}, args: ['explain', '--offline'], stdin: 'the build is red again, no idea why' }),
      ]);
      expect(explained.code).toBe(0);
      const answer = JSON.parse(explained.stdout) as Record<string, unknown>;
      expect(answer).toMatchObject({ category: 'rate_limit', status: 429, type: 'rate_limit_error', requestId: 'req_011CabcDEF', enriched: false });
      expect(Array.isArray(answer.fixes)).toBe(true);
      expect(unknown.code).toBe(3);
      expect(unknown.stdout).not.toMatch(/Retrying will not help/);
    });

    it('--version names the package’s version (the rest of the usage: test/cli/run-cli.test.ts)', async () => {
      const version = await runEntry('cli', { env: {}, args: ['--version'] });
      expect(version.code).toBe(0);
      expect(version.stdout).toMatch(/^claude-status \d+\.\d+\.\d+/);
    });
  });

  describe('the command in process (runCli)', () => {
    it('check: a healthy report reads at a glance — the verdict once, no internal ids, local times, stderr quiet', async () => {
      const result = await cliInProcess({ env: { ...env, CLAUDE_MODELS: 'claude-haiku-4-5,claude-sonnet-4-5' }, args: ['check'] });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines.length).toBeLessThanOrEqual(10);
      expect(lines[0]).toMatch(/^● Operational: /);
      expect(result.stdout).not.toMatch(/OPERATIONAL|key_format|rate_limits|status_page|\bauth:/);
      expect(result.stdout).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
      expect(result.stdout.match(/sk-ant-api03-…/g)).toHaveLength(1);
      expect(result.stdout).toContain('✔ claude-haiku-4-5, claude-sonnet-4-5 are usable');
    });

    it('check: exit 1 with the reason and the fix when the key is rejected, never printing the key', async () => {
      const revoked = makeApiKey('revoked-in-console');
      const result = await cliInProcess({ env: { ...env, ANTHROPIC_API_KEY: revoked }, args: ['check'] });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^● Down/);
      expect(result.stdout).toMatch(/First: /);
      expect(result.stdout + result.stderr).not.toContain(revoked);
    });

    it('check during an overload: the API error per check with its request id, each fix once, no ✔ on unknown headroom', async () => {
      api.setFaults([{ fault: { kind: 'status', status: 529, errorType: 'overloaded_error', message: 'Overloaded' }, endpoint: 'any' }]);
      try {
        const result = await cliInProcess({ env, args: ['check'] });
        expect(result.code).toBe(1);
        const fixes = result.stdout.split('\n').filter((l) => /^\s+(fix|First):/.test(l)).map((l) => l.replace(/^\s+(fix|First):\s*/, ''));
        expect(fixes.length).toBeGreaterThan(0);
        expect(new Set(fixes).size).toBe(fixes.length);
        expect(result.stdout).toMatch(/API said 529 overloaded_error: Overloaded · request req_/);
        expect(result.stdout).not.toMatch(/✔ Headroom unknown/);
      } finally {
        api.clearFaults();
      }
    });

    it('check --timeout against an API that hangs: the timeout is worded as ours and names the configured base URL', async () => {
      api.setFaults([{ fault: { kind: 'hang' }, endpoint: 'any' }]);
      try {
        // The shortest timeout the option takes: every Claude call hangs, so each is cut there.
        const result = await cliInProcess({ env, args: ['check', '--timeout', '0.2'] });
        expect(result.code).toBe(1);
        expect(result.stdout).toContain(`no answer within 0.2 s from ${api.url}`);
        expect(result.stdout).not.toMatch(/Timed out after|API said: Timed|api\.anthropic\.com/);
        // The API said nothing: the first fix is to reach it (the configured base URL), not to raise a client timeout.
        const first = /First: (.*)/.exec(result.stdout)?.[1] ?? '';
        expect(first).toContain(`${new URL(api.url).host} is reachable`);
        expect(result.stdout).not.toMatch(/Raise `timeout`/);
        expect(result.stderr).toBe(''); // not a terminal: no progress line
      } finally {
        api.clearFaults();
      }
    });

    it('explain without any key prints the offline answer and says how to get Claude’s addition (exit 0)', async () => {
      const result = await cliInProcess({ env: {}, args: ['explain'], stdin: RATE_LIMITED });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('[rate_limit');
      expect(result.stdout).toContain('offline answer only: set ANTHROPIC_API_KEY');
    });

    it('explain when Claude hangs: the offline answer, then a note after the bounded wait', async () => {
      api.setFaults([{ fault: { kind: 'hang' }, endpoint: 'messages' }]);
      try {
        const result = await cliInProcess({ env, args: ['explain', '--timeout', '0.2'], stdin: RATE_LIMITED });
        expect(result.code).toBe(0);
        expect(result.stdout.indexOf('Why:')).toBeLessThan(result.stdout.indexOf('offline answer only: Claude did not answer within 0.2 s'));
      } finally {
        api.clearFaults();
      }
    });

    it('explain --json exits 3 for text it cannot place, and says so', async () => {
      const json = await cliInProcess({ env: {}, args: ['explain', '--offline', '--json'], stdin: 'the build is red again, no idea why' });
      expect(json.code).toBe(3);
      expect((JSON.parse(json.stdout) as { category: string }).category).toBe('unknown');
    });

    it('explain enriches the answer with Claude when the API is reachable', async () => {
      const before = api.requests.filter((r) => r.path === '/v1/messages').length;
      const result = await cliInProcess({ env, args: ['explain', '--json'], stdin: `${RATE_LIMITED}\nkey was ${TEST_API_KEY}` });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ category: 'rate_limit', enriched: true });
      const sent = api.requests.filter((r) => r.path === '/v1/messages').slice(before);
      expect(sent.length).toBe(1);
      // The prompt sent to Claude never carries the secret that was pasted with the error.
      expect(JSON.stringify(sent[0]!.body)).not.toContain(TEST_API_KEY);
    });
  });
});
