import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../src/compose.js';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { configuredSecrets } from '../../src/logging/configured-secrets.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { StartupError } from '../../src/start-up/start-failure.js';
import { startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi } from '../fakes/fake-claude-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { hasRedisServer, startRedisServer, type TestRedis } from '../support/redis-server.js';
import { runEntry } from '../support/run-entry.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/start-test-app.js';

describe('start-up with bad configuration', () => {
  it('npm start stops with exit code 1 and names every missing variable, before connecting anywhere', async () => {
    const result = await runEntry('main', { env: {} });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
    expect(result.stderr).toContain('ANTHROPIC_API_KEY');
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET');
  });

  it('names a malformed value and what is expected (what main.ts prints)', () => {
    const key = `sk-ant-api03-${'a'.repeat(93)}AA`;
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-1-2-abcdefabcdef',
      SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789',
      ANTHROPIC_API_KEY: key,
      MONITOR_INTERVAL_SECONDS: 'soon',
    };
    let message = '';
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as ConfigError).message;
    }
    expect(message).toMatch(/MONITOR_INTERVAL_SECONDS.*soon|soon.*MONITOR_INTERVAL_SECONDS/s);
    expect(message).not.toContain('SLACK_BOT_TOKEN');
    // The message never repeats a secret it was given.
    expect(message).not.toContain('a'.repeat(93));
  });
});

/**
 * Start-up failures past the configuration: each names its own cause (and the variable to change), exits 1, and
 * neither blames the Slack tokens nor prints a secret. The first through `npm start` in a child process (the fatal
 * line and the exit code are main.ts's); the others through compose(), what main.ts calls, in this process.
 */
describe('start-up failures name their real cause', () => {
  let slack: FakeSlack;
  let claude: FakeClaudeApi;
  let statusPage: FakeStatusPage;
  let scratch: string;
  beforeAll(async () => {
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    claude = await startFakeClaudeApi();
    statusPage = await startFakeStatusPage();
    scratch = await mkdtemp(join(tmpdir(), 'claude-status-startup-'));
  });
  afterAll(async () => {
    await Promise.all([slack?.close(), claude?.close(), statusPage?.close()]);
    await rm(scratch, { recursive: true, force: true });
  });
  const env = (extra: Record<string, string>) => ({
    SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url,
    ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: claude.url, STATUS_PAGE_URL: statusPage.url, STATUS_PAGE_FALLBACK_URL: statusPage.url,
    HOST: '127.0.0.1', PORT: '0', DATA_DIR: join(scratch, 'data'), ALERT_CHANNEL: 'C0ALERTS1', LOG_LEVEL: 'info', ...extra,
  });
  /** The fatal line of `npm start`: exit code 1, the message, and no secret in the output. */
  async function failedProcessStart(extra: Record<string, string>): Promise<{ msg: string; output: string }> {
    const result = await runEntry('main', { env: env(extra) });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.code, output).toBe(1);
    const fatal = result.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.level === 60);
    expect(fatal, output).toBeDefined();
    expect(output).not.toContain(TEST_API_KEY);
    expect(output).not.toContain(SIGNING_SECRET);
    return { msg: fatal!.msg, output };
  }
  /** compose() as main.ts calls it: the StartupError it stops with (main logs `could not start: <message>`) and the logs. */
  async function failedStart(extra: Record<string, string>): Promise<{ msg: string; output: string }> {
    const config = loadConfig(env(extra));
    let logs = '';
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void ((logs += chunk.toString()), done()) });
    const logger = createLogger({ level: config.logLevel, secrets: configuredSecrets(config) }, sink);
    const error = await compose(config, { logger }).then(
      async (app) => {
        await app.stop();
        return undefined;
      },
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(StartupError);
    const msg = `could not start: ${(error as StartupError).message}`;
    const output = `${logs}${msg}`;
    expect(output).not.toContain(TEST_API_KEY);
    expect(output).not.toContain(SIGNING_SECRET);
    return { msg, output };
  }

  it('a port in use (npm start): names the port and PORT, exit 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const { msg } = await failedProcessStart({ PORT: String(port) });
      expect(msg).toContain(`port ${port} (PORT) is already in use`);
      expect(msg).not.toMatch(/SLACK_/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('an unwritable DATA_DIR: names the directory and DATA_DIR', async () => {
    // A regular file where a directory should be: unwritable for any user, root included.
    const file = join(scratch, 'not-a-directory');
    await writeFile(file, '');
    const { msg } = await failedStart({ DATA_DIR: join(file, 'data') });
    expect(msg).toContain('cannot open the store in DATA_DIR');
    expect(msg).toContain(join(file, 'data'));
    expect(msg).not.toMatch(/SLACK_/);
  });

  it('Slack refusing the bot token: names the token and Slack\'s error', async () => {
    const { msg } = await failedStart({ SLACK_BOT_TOKEN: 'xoxb-111-222-revokedToken' });
    expect(msg).toMatch(/Slack refused the app's token \(invalid_auth\): check SLACK_BOT_TOKEN/);
  });

  describe.skipIf(!hasRedisServer())('with Redis', () => {
    let redis: TestRedis;
    beforeAll(async () => {
      redis = (await startRedisServer())!;
      const admin = new Redis(redis.url);
      await admin.config('SET', 'requirepass', 'the-right-password');
      admin.disconnect();
    });
    afterAll(async () => redis?.stop());

    it('Redis refusing the password: names REDIS_URL, never the password', async () => {
      const url = redis.url.replace('redis://', 'redis://:a-wrong-password@');
      const { msg, output } = await failedStart({ REDIS_URL: url });
      expect(msg).toBe('could not start: Redis refused the user or password in REDIS_URL');
      expect(output).not.toContain('a-wrong-password');
    });

    it('Redis asking for a password REDIS_URL does not give: says so', async () => {
      const { msg } = await failedStart({ REDIS_URL: redis.url });
      expect(msg).toMatch(/Redis requires a password and REDIS_URL gives none/);
    });
  });
});
