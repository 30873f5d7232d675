import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeClaudeApi, startFakeClaudeApi, TEST_API_KEY } from '../fakes/fake-claude-api.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeStatusPage, startFakeStatusPage } from '../fakes/fake-status-page.js';
import { startRedisServer } from '../support/redis-server.js';
import { runEntry } from '../support/run-entry.js';

/**
 * Every resource is closed by stop(): a process that composed the app (or ran a CLI command) with REDIS_URL ends by
 * itself once it is done, with no process.exit to hide a Redis connection, a limiter's timer or a socket left open.
 * A process still alive after the bound is killed, and the test fails with what it had open.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const BOT_TOKEN = 'xoxb-111-222-lifecycleBotToken';
/** Generous on a loaded two-core machine: the child loads src/ through tsx first. A hang never ends by itself. */
const EXIT_BOUND_MS = 30_000;

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the exits-by-itself tests are skipped');

let claude: FakeClaudeApi;
let slack: FakeSlack;
let statusPage: FakeStatusPage;
let dataDir: string;
beforeAll(async () => {
  if (!server) return;
  claude = await startFakeClaudeApi();
  slack = await startFakeSlack({ botToken: BOT_TOKEN });
  statusPage = await startFakeStatusPage();
  dataDir = await mkdtemp(join(tmpdir(), 'claude-status-lifecycle-'));
});
afterAll(async () => {
  if (!server) return;
  await Promise.all([claude.close(), slack.close(), statusPage.close()]);
  await rm(dataDir, { recursive: true, force: true });
  await server.stop();
});

const env = (): Record<string, string> => ({
  ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: claude.url, REDIS_URL: server!.url,
  STATUS_PAGE_URL: statusPage.url, STATUS_PAGE_FALLBACK_URL: statusPage.url,
});

/** Runs `args` under node; resolves with the exit code and output, or the output so far when it outlived the bound. */
function runToEnd(args: string[], childEnv: Record<string, string>): Promise<{ code: number | null; hung: boolean; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...childEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => {
    const bound = setTimeout(() => {
      child.kill('SIGKILL');
      done({ code: null, hung: true, stdout, stderr });
    }, EXIT_BOUND_MS);
    child.on('exit', (code) => {
      clearTimeout(bound);
      done({ code, hung: false, stdout, stderr });
    });
  });
}

describe.skipIf(!server)('with REDIS_URL, a process that is done ends by itself', () => {
  it('the whole app composed, used (a report, a monitor round) and stopped: no handle left', async () => {
    const result = await runToEnd(['--import', TSX, 'test/lifecycle/support/compose-then-stop.ts'], {
      ...env(), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'lifecycle-signing-secret-0123456789', SLACK_API_URL: slack.url,
      PORT: '0', METRICS_PORT: '0', DATA_DIR: dataDir, ALERT_CHANNEL: 'C0ALERTS', MONITOR_INTERVAL_SECONDS: '3600',
    });
    // Right after stop() the list may still name sockets and servers being closed; what matters is that they close.
    expect(result, `still active after stop(): ${result.stdout}\n${result.stderr}`).toMatchObject({ hung: false, code: 0 });
    const [last] = result.stdout.trim().split('\n').slice(-1);
    expect(JSON.parse(last!)).toMatchObject({ verdict: 'operational' });
  }, EXIT_BOUND_MS + 10_000);

  it('claude-status check ends by itself, and so does explain with Claude asked', async () => {
    const check = await runEntry('cli', { args: ['check', '--json'], env: env(), timeoutMs: EXIT_BOUND_MS });
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ verdict: 'operational' });
    const explain = await runEntry('cli', { args: ['explain', '--json'], env: env(), stdin: '529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', timeoutMs: EXIT_BOUND_MS });
    expect(explain.code, explain.stderr).toBe(0);
    expect(JSON.parse(explain.stdout)).toMatchObject({ category: 'overloaded' });
  }, 2 * EXIT_BOUND_MS + 10_000);
});
