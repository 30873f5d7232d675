import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApiKey, startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi } from '../fakes/fake-claude-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFakeSocketMode, type FakeSocketMode } from '../fakes/fake-socket-mode.js';
import { startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { spawnEntry, type RunningEntry } from '../support/run-entry.js';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET } from '../support/start-test-app.js';

type LogLine = Record<string, unknown> & { msg?: string };

const parse = (stdout: string): LogLine[] =>
  stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !condition(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
  }
}
const isStartLine = (line: string) => line.includes('"msg":"claude-status running');

/**
 * `src/main.ts` as it runs in production, in a child process against the local fakes: one start-up line saying
 * what runs, and SIGTERM/SIGINT stopping everything with exit code 0 (main's own deadline exits 1 after 10 s).
 */
describe('main.ts start-up line and graceful shutdown', () => {
  let claude: FakeClaudeApi;
  let slack: FakeSlack;
  let statusPage: FakeStatusPage;
  let socketMode: FakeSocketMode;
  let dataDir: string;

  beforeAll(async () => {
    // A full minute's burst, so a healthy key shows plenty of headroom (no headroom incident on the first round).
    const roomy = { rpm: 100_000, burst: 100_000 };
    claude = await startFakeClaudeApi({ limits: roomy, freeLimits: roomy });
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    statusPage = await startFakeStatusPage();
    socketMode = await startFakeSocketMode(slack);
    dataDir = await mkdtemp(join(tmpdir(), 'claude-status-shutdown-'));
  });
  afterAll(async () => {
    await socketMode?.close();
    await Promise.all([claude?.close(), slack?.close(), statusPage?.close()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  const baseEnv = () => ({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.url,
    PORT: '0',
    ANTHROPIC_API_KEY: TEST_API_KEY,
    ANTHROPIC_BASE_URL: claude.url,
    STATUS_PAGE_URL: statusPage.url,
    STATUS_PAGE_FALLBACK_URL: statusPage.url,
    CLAUDE_MODELS: 'claude-haiku-4-5,claude-sonnet-4-5',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  });

  it('HTTP mode with the monitor on: logs one start-up line, runs rounds, and exits 0 on SIGTERM', async () => {
    const main = spawnEntry('main', {
      env: { ...baseEnv(), SLACK_SIGNING_SECRET: SIGNING_SECRET, ALERT_CHANNEL: 'C0ALERTS', MONITOR_INTERVAL_SECONDS: '1' },
    });
    const start = JSON.parse(await main.waitForLine(isStartLine)) as LogLine;
    expect(start).toMatchObject({
      mode: 'http',
      monitor: 'on, #C0ALERTS every 1s',
      models: ['claude-haiku-4-5', 'claude-sonnet-4-5'],
      store: `sqlite in ${dataDir}`,
    });
    expect(start.port).toEqual(expect.any(Number));
    expect((await fetch(`http://127.0.0.1:${String(start.port)}/healthz`)).status).toBe(200);
    // A monitor round reached the API, so there is work to stop (the store is open, a round may be in flight).
    await until(() => claude.requests.some((r) => r.path.startsWith('/v1/messages/count_tokens')));
    expect((await stat(dataDir)).isDirectory()).toBe(true);

    main.child.kill('SIGTERM');
    const { code } = await main.exited;
    const logs = parse(main.output().stdout);
    expect(code).toBe(0);
    expect(logs.filter((l) => isStartLine(JSON.stringify(l)))).toHaveLength(1);
    expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    expect(logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
    expect(logs.find((l) => l.msg === 'shutting down')).toMatchObject({ signal: 'SIGTERM' });
    expect(main.output().stdout).not.toContain(TEST_API_KEY);
    expect(main.output().stdout).not.toContain(BOT_TOKEN);
  });

  it('Socket Mode without the monitor: says so in the start-up line, and exits 0 on SIGINT', async () => {
    const connections = socketMode.connectionCount();
    const main = spawnEntry('main', { env: { ...baseEnv(), SLACK_APP_TOKEN: APP_TOKEN } });
    const start = JSON.parse(await main.waitForLine(isStartLine)) as LogLine;
    expect(start).toMatchObject({ mode: 'socket', monitor: expect.stringMatching(/^off \(set ALERT_CHANNEL to a channel id/) });
    expect(start.msg).toMatch(/Socket Mode/);
    await socketMode.waitForConnection(connections + 1);
    expect((await fetch(`http://127.0.0.1:${String(start.port)}/healthz`)).status).toBe(200);

    main.child.kill('SIGINT');
    expect((await main.exited).code).toBe(0);
    expect(parse(main.output().stdout).find((l) => l.msg === 'shutting down')).toMatchObject({ signal: 'SIGINT' });
    expect(main.output().stdout).not.toContain(APP_TOKEN);
  });

  it('with Slack failing the alert, SIGTERM still exits 0; the next start delivers it from the outbox, once', async () => {
    const revoked = makeApiKey('revoked-at-shutdown');
    const stateDir = await mkdtemp(join(tmpdir(), 'claude-status-outbox-'));
    const env = { ...baseEnv(), ANTHROPIC_API_KEY: revoked, SLACK_SIGNING_SECRET: SIGNING_SECRET, DATA_DIR: stateDir,
      ALERT_CHANNEL: 'C0OUTBOX', MONITOR_INTERVAL_SECONDS: '1', MONITOR_GENERATION_INTERVAL_SECONDS: '0' };
    const roots = () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0OUTBOX' && c.body.thread_ts === undefined);
    const stopWith = async (main: RunningEntry) => {
      main.child.kill('SIGTERM');
      return (await main.exited).code;
    };
    try {
      // A rejected key (401) opens an incident at once; Slack answers 503 to every post of it.
      slack.failNext('chat.postMessage', 1000, { status: 503 });
      const first = spawnEntry('main', { env });
      await first.waitForLine(isStartLine);
      await until(() => roots().length > 0);
      expect(roots().every((c) => c.status === 503)).toBe(true);
      expect(await stopWith(first)).toBe(0);
      expect(first.output().stdout).not.toContain(revoked);

      slack.reset(); // Slack is back
      const second = spawnEntry('main', { env });
      await second.waitForLine(isStartLine);
      await until(() => roots().some((c) => c.status === 200));
      // A few more rounds against the still-rejected key: the open incident is remembered, nothing is re-posted.
      const rounds = claude.requests.length;
      await until(() => claude.requests.length >= rounds + 3);
      expect(await stopWith(second)).toBe(0);
      expect(roots()).toHaveLength(1);
      expect(JSON.stringify(roots()[0]!.body.blocks)).toMatch(/401|authentication_error/);
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
