import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliParts } from '../../src/cli/run-cli.js';
import { compose } from '../../src/compose.js';
import { startFakeClaudeApi, TEST_API_KEY } from '../fakes/fake-claude-api.js';

class Collect extends Writable {
  text = '';
  isTTY?: boolean;
  override _write(chunk: Buffer | string, _encoding: string, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

/** Every set of parts a command composed, and whether the command stopped it before it returned. */
let composed: { stopped: boolean }[] = [];

async function cli(argv: string[], env: Record<string, string> = {}, stdin = '') {
  const stdout = new Collect();
  const stderr = new Collect();
  const code = await runCli({
    argv, env, stdout, stderr, readStdin: async () => stdin, version: '1.2.3',
    // The real composition root (the core only, as cli.ts asks), watched for its stop().
    compose: async (config, logger): Promise<CliParts> => {
      const parts = await compose(config, { logger, parts: 'core' });
      const record = { stopped: false };
      composed.push(record);
      return { core: parts.core, stop: () => parts.stop().then(() => void (record.stopped = true)) };
    },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

afterEach(() => {
  // Every path that built the core closed it before runCli returned (the process need not exit to end).
  expect(composed.every((c) => c.stopped)).toBe(true);
  composed = [];
});

describe('claude-status usage (in process)', () => {
  it('answers --help and --version on every command, exit 0', async () => {
    for (const argv of [['--help'], ['help'], ['check', '--help'], ['explain', '-h'], ['check', '--json', '--help']]) {
      const result = await cli(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^usage: claude-status/);
    }
    expect((await cli(['check', '--help'])).stdout).toContain('--timeout SECONDS');
    expect((await cli(['explain', '--help'])).stdout).toContain('exit 0 explained, 2 no input or bad usage, 3 not recognised');
    for (const argv of [['--version'], ['-V'], ['check', '--version'], ['explain', '--version']]) {
      expect(await cli(argv)).toEqual({ code: 0, stdout: 'claude-status 1.2.3\n', stderr: '' });
    }
  });

  it('says what is wrong in plain words and exits 2, never with node’s parser message', async () => {
    const cases: [string[], RegExp][] = [
      [['check', '--nope'], /^claude-status check: unknown option --nope/],
      [['check', '--offline'], /^claude-status check: --offline is not an option of check/],
      [['check', '--timeout'], /^claude-status check: --timeout needs a value/],
      [['check', '--timeout', 'soon'], /^claude-status check: --timeout takes seconds from 0\.1 to 600 \(got "soon"\)/],
      [['check', 'now'], /^claude-status check: check takes no arguments/],
      [['frobnicate'], /^claude-status: unknown command "frobnicate"/],
    ];
    for (const [argv, expected] of cases) {
      const result = await cli(argv, { ANTHROPIC_API_KEY: 'sk-ant-api03-x' });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr).not.toMatch(/positional|ERR_PARSE|TypeError/);
      expect(result.stdout).toBe('');
    }
    expect((await cli([])).code).toBe(2);
  });

  it('explain needs no key and no configuration: the offline answer, then how to get more', async () => {
    const result = await cli(['explain'], { CLAUDE_RPM: 'lots' }, 'Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^.*\[overloaded/);
    expect(result.stdout).toContain('(offline answer only: set ANTHROPIC_API_KEY for Claude’s addition)');
    expect(result.stderr).toBe('');
    const misconfigured = await cli(['explain'], { ANTHROPIC_API_KEY: 'sk-ant-api03-abc', CLAUDE_RPM: 'lots' }, '529 overloaded_error');
    expect(misconfigured.code).toBe(0);
    expect(misconfigured.stdout).toContain('the configuration has problems (CLAUDE_RPM)');
    const offline = await cli(['explain', '--offline'], {}, '529 overloaded_error');
    expect(offline.stdout).toContain('[overloaded');
    expect(offline.stdout).not.toContain('offline answer only'); // asked for: nothing to explain about Claude
  });

  it('writes log lines only with --verbose, each with one component', async () => {
    const api = await startFakeClaudeApi();
    try {
      // Claude rate-limits the enrichment call: the client logs the refusal (component claude-api), the answer stands.
      api.setFaults([{ fault: { kind: 'status', status: 429, errorType: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit', retryAfterSeconds: 30 }, endpoint: 'messages' }]);
      const env = { ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: api.url };
      const quiet = await cli(['explain', '--timeout', '1'], env, '529 overloaded_error');
      expect(quiet.code).toBe(0);
      expect(composed).toHaveLength(1); // the explain path built the core (and the hook checks it stopped it)
      expect(quiet.stderr).toBe('');
      const verbose = await cli(['explain', '--verbose', '--timeout', '1'], env, '529 overloaded_error');
      const lines = verbose.stderr.trim().split('\n').filter((l) => l.startsWith('{'));
      expect(lines.some((l) => l.includes('claude api refused a call'))).toBe(true);
      for (const line of lines) expect(line.match(/"component":/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(verbose.stderr).not.toContain(TEST_API_KEY);
    } finally {
      await api.close();
    }
  });

  it('its log masks every configured secret, not only the API key (as the app does)', async () => {
    const api = await startFakeClaudeApi();
    try {
      // A secret with no recognisable shape (a signing secret) that reaches a log line: only its exact value can mask it.
      const signingSecret = 'q7RmZt2vWc9kLp4xNb8yHd3s';
      api.setFaults([{ fault: { kind: 'status', status: 429, errorType: 'rate_limit_error', message: `rate limited, echo ${signingSecret}` }, endpoint: 'messages' }]);
      const env = { ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: api.url, SLACK_SIGNING_SECRET: signingSecret };
      const verbose = await cli(['explain', '--verbose', '--timeout', '1'], env, '529 overloaded_error');
      expect(verbose.stderr).toContain('claude api refused a call');
      expect(verbose.stderr).not.toContain(signingSecret);
    } finally {
      await api.close();
    }
  });

  it('check builds the core once and closes it before answering, whatever the verdict', async () => {
    const api = await startFakeClaudeApi();
    try {
      const env = { ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: api.url, STATUS_PAGE_URL: `${api.url}/nowhere`, STATUS_PAGE_FALLBACK_URL: `${api.url}/nowhere` };
      const result = await cli(['check', '--json', '--timeout', '2'], env);
      expect([0, 1]).toContain(result.code);
      expect(JSON.parse(result.stdout)).toHaveProperty('verdict');
      expect(composed).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it('explain with nothing to read: exit 2 and why', async () => {
    const result = await cli(['explain', '--offline'], {}, '  \n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nothing to explain');
  });
});
