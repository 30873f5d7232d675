import { Redis } from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeClaudeApi, startFakeClaudeApi, TEST_API_KEY } from '../fakes/fake-claude-api.js';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { type FakeStatusPage, startFakeStatusPage } from '../fakes/fake-status-page.js';
import { startRedisServer } from '../support/redis-server.js';
import { runEntry, spawnEntry } from '../support/run-entry.js';

/**
 * Every resource is closed by stop(): with REDIS_URL, the app (main.ts: compose, then stop() on SIGTERM) and the CLI's
 * commands end by themselves once they are done. Neither calls process.exit on success, so a Redis connection, a
 * limiter's timer or a socket left open keeps the process alive: the app then exits 1 at its 10 s shutdown deadline,
 * saying so, and a command outlives the bound and is killed. Either fails here.
 */

const BOT_TOKEN = 'xoxb-111-222-lifecycleBotToken';
/** Generous on a loaded two-core machine; a process that hangs never ends by itself. */
const EXIT_BOUND_MS = 20_000;

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

describe.skipIf(!server)('with REDIS_URL, a process that is done ends by itself', () => {
  it('the app, with the monitor and METRICS_PORT on, ends by itself after SIGTERM once it has used Redis', async () => {
    const main = spawnEntry('main', {
      env: {
        ...env(), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'lifecycle-signing-secret-0123456789', SLACK_API_URL: slack.url,
        PORT: '0', METRICS_PORT: '0', DATA_DIR: dataDir, ALERT_CHANNEL: 'C0ALERTS', MONITOR_INTERVAL_SECONDS: '1',
      },
      timeoutMs: EXIT_BOUND_MS + 10_000,
    });
    await main.waitForLine((line) => line.includes('monitor lease acquired'));
    // A round went through the shared limiter (bottleneck's keys) and was committed to the Redis store (its probes).
    const admin = new Redis(server!.url);
    try {
      await expect.poll(async () => (await admin.keys('b_*_settings')).length > 0 && (await admin.zcard('claude-status:probes')) > 0, { timeout: EXIT_BOUND_MS }).toBe(true);
    } finally {
      admin.disconnect();
    }
    main.child.kill('SIGTERM');
    const { code } = await main.exited;
    const { stdout } = main.output();
    expect(stdout).not.toContain('shutdown took longer than 10 s');
    expect(code, stdout.slice(-2000)).toBe(0);
    expect(stdout).toContain('"msg":"stopped"');
  }, EXIT_BOUND_MS + 20_000);

  it('claude-status check ends by itself, and so does explain with Claude asked', async () => {
    const check = await runEntry('cli', { args: ['check', '--json'], env: env(), timeoutMs: EXIT_BOUND_MS });
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ verdict: 'operational' });
    const explain = await runEntry('cli', { args: ['explain', '--json'], env: env(), stdin: '529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', timeoutMs: EXIT_BOUND_MS });
    expect(explain.code, explain.stderr).toBe(0);
    expect(JSON.parse(explain.stdout)).toMatchObject({ category: 'overloaded' });
  }, 2 * EXIT_BOUND_MS + 10_000);
});
