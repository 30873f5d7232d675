import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportText } from '../../src/cli/render-report-text.js';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi } from '../fakes/fake-claude-api.js';
import { startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { freePort } from '../support/free-port.js';
import { runEntry, spawnEntry } from '../support/run-entry.js';
import { makeReport } from '../slack/report/report-fixture.js';

/** What a user's run of the built CLI found (findings 3, 16b and 7b), each checked as the user ran it. */

const OVERLOADED = 'Error: 529 overloaded_error';
const UNPLACEABLE = 'the build is red again, no idea why';

/** The built CLI with its stdout closed before it writes a byte: the reader (`head -1`, `true`) has gone away. */
async function runWithStdoutClosed(options: { env: Record<string, string>; args: string[]; stdin?: string }) {
  const running = spawnEntry('cli', { ...options, timeoutMs: 15_000 });
  running.child.stdout.destroy();
  const { code, signal } = await running.exited;
  return { code, signal, stderr: running.output().stderr };
}

describe('the CLI against a closed pipe (finding 3)', () => {
  let api: FakeClaudeApi;
  let page: FakeStatusPage;
  beforeAll(async () => {
    const roomy = { rpm: 100_000, burst: 100_000 };
    api = await startFakeClaudeApi({ limits: roomy, freeLimits: roomy });
    page = await startFakeStatusPage();
  });
  afterAll(async () => {
    await api?.close();
    await page?.close();
  });

  it('explain | head -1: a quiet exit with the command’s own code, no EPIPE stack trace', async () => {
    const [explained, unknown] = await Promise.all([
      runWithStdoutClosed({ env: {}, args: ['explain'], stdin: OVERLOADED }),
      runWithStdoutClosed({ env: {}, args: ['explain', '--offline'], stdin: UNPLACEABLE }),
    ]);
    expect(explained.stderr).toBe('');
    expect(explained).toMatchObject({ code: 0, signal: null });
    expect(unknown.stderr).toBe('');
    expect(unknown).toMatchObject({ code: 3, signal: null });
  });

  it('check | true: the verdict’s exit code (0 operational), not 1 from a crash', async () => {
    const env = { ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: api.url, STATUS_PAGE_URL: page.url, STATUS_PAGE_FALLBACK_URL: page.url };
    const [text, json] = await Promise.all([
      runWithStdoutClosed({ env, args: ['check'] }),
      runWithStdoutClosed({ env, args: ['check', '--json'] }),
    ]);
    for (const result of [text, json]) {
      expect(result.stderr).toBe('');
      expect(result).toMatchObject({ code: 0, signal: null });
    }
  });
});

describe('explain in the terminal speaks of the CLI, not of Slack (finding 16b)', () => {
  it('the unknown answer points at `claude-status check`, in text and in --json', async () => {
    const [text, json] = await Promise.all([
      runEntry('cli', { env: {}, args: ['explain', '--offline'], stdin: UNPLACEABLE }),
      runEntry('cli', { env: {}, args: ['explain', '--offline', '--json'], stdin: UNPLACEABLE }),
    ]);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('Run `claude-status check` to see whether the API is failing from here too.');
    expect(text.stdout).not.toMatch(/\/claude-status|the bot/);
    expect(json.code).toBe(3);
    const fixes = (JSON.parse(json.stdout) as { fixes: string[] }).fixes;
    expect(fixes).toContain('Run `claude-status check` to see whether the API is failing from here too.');
    expect(json.stdout).not.toMatch(/\/claude-status|the bot/);
  });

  it('the explain core keeps its Slack wording (the Slack surfaces use it as it is)', () => {
    expect(explainOffline(UNPLACEABLE).fixSteps).toContain('Run `/claude-status` to see whether the API is failing for the bot too.');
  });
});

describe('check’s fixes name the configured base URL as given (finding 7b)', () => {
  let page: FakeStatusPage;
  beforeAll(async () => (page = await startFakeStatusPage()));
  afterAll(async () => page?.close());

  it('a refused connection to http://127.0.0.1:PORT/proxy: the curl keeps the scheme and the path', async () => {
    // Nothing listens there: every Claude call is refused, and the first fix is the reachability curl.
    const baseURL = `http://127.0.0.1:${await freePort()}/proxy`;
    const result = await runEntry('cli', { env: { ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: baseURL, STATUS_PAGE_URL: page.url, STATUS_PAGE_FALLBACK_URL: page.url }, args: ['check'] });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`curl -sS ${baseURL}/v1/models`);
    expect(result.stdout).not.toMatch(/https:\/\/127\.0\.0\.1|api\.anthropic\.com/);
  });

  it('a bare API URL becomes the configured origin, a bare host the configured host; the default is left alone', () => {
    const report = makeReport({ verdict: 'down' });
    report.checks[1] = {
      id: 'auth', status: 'fail', summary: 'Could not check the key', detail: [],
      fix: 'Check that https://api.anthropic.com is reachable; try `curl -sS https://api.anthropic.com/v1/models`; then api.anthropic.com in DNS.',
    };
    const render = (baseURL: string) => renderReportText(report, { colour: false, baseURL, now: 0, timeZone: 'UTC' });
    expect(render('http://10.0.0.5:8080/a/b/')).toContain(
      'First: Check that http://10.0.0.5:8080 is reachable; try `curl -sS http://10.0.0.5:8080/a/b/v1/models`; then 10.0.0.5:8080 in DNS.',
    );
    expect(render('https://api.anthropic.com')).toContain('First: Check that https://api.anthropic.com is reachable; try `curl -sS https://api.anthropic.com/v1/models`');
  });
});
