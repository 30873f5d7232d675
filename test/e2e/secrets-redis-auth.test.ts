import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../src/compose.js';
import { loadConfig } from '../../src/config/load-config.js';
import { configuredSecrets } from '../../src/logging/configured-secrets.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { startRedisServer, type TestRedis } from '../support/redis-server.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

// Long enough to be unmistakable in a log line. Redis refuses CLIENT_PASSWORD; ROTATED replaces SERVER_PASSWORD later.
const SERVER_PASSWORD = 'server-side-Pw-91';
const CLIENT_PASSWORD = 'client-Wrong-Pw-73';
const ROTATED_PASSWORD = 'rotated-Pw-55';

const redis = await startRedisServer({ requirePass: SERVER_PASSWORD });
const port = redis ? new URL(redis.url).port : '0';

const expectNoPassword = (text: string, passwords: string[]) => {
  for (const password of passwords) {
    expect(text).not.toContain(password);
    expect(text).not.toContain(encodeURIComponent(password));
  }
};

/** Issue 12: ioredis attaches `command: { name: 'auth', args: [password] }` to the refusal, and pino used to write it. */
describe.skipIf(!redis)('REDIS_URL with a password Redis refuses (real redis-server)', () => {
  afterAll(async () => redis?.stop());

  it('at start-up: compose() (what npm start runs) stops with a Redis error, without the password in its logs or message', async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-111-222-secretsRedisTest', SLACK_SIGNING_SECRET: 'secrets-redis-signing-0123456789',
      ANTHROPIC_API_KEY: 'sk-ant-api03-secretsRedisTest0123456789', SLACK_API_URL: 'http://127.0.0.1:9/api',
      REDIS_URL: `redis://:${CLIENT_PASSWORD}@127.0.0.1:${port}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug',
    });
    let logs = '';
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void ((logs += chunk.toString()), done()) });
    const logger = createLogger({ level: config.logLevel, secrets: configuredSecrets(config) }, sink);
    const error = await compose(config, { logger }).then(async (app) => void (await app.stop()), (err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    const output = `${logs}${(error as Error).message}`;
    expect(output).toMatch(/redis/i);
    expectNoPassword(output, [CLIENT_PASSWORD, SERVER_PASSWORD]);
  });

  describe('while running, when the password changes under the app', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { REDIS_URL: `redis://:${SERVER_PASSWORD}@127.0.0.1:${port}`, ALERT_CHANNEL: 'C0ALERTS' } });
    });
    afterAll(async () => t?.stop());

    it('logs the refusal of its reconnects without the password, the URL or the AUTH arguments', async () => {
      const admin = new Redis((redis as TestRedis).url, { password: SERVER_PASSWORD, lazyConnect: true });
      await admin.connect();
      await admin.config('SET', 'requirepass', ROTATED_PASSWORD);
      await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes'); // the app's connections reconnect with the old password
      await admin.quit();
      const refusal = () => t.rawLogs.find((line) => /WRONGPASS|NOAUTH|invalid password/i.test(line));
      for (let waited = 0; !refusal() && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      expect(refusal(), 'Redis refused the password and the app logged it').toBeDefined();
      expectNoPassword(t.rawLogs.join('\n'), [SERVER_PASSWORD, ROTATED_PASSWORD]);
      // The AUTH command is still named, so the log says what failed; its arguments are gone.
      for (const line of t.rawLogs.filter((l) => l.includes('"auth"'))) expect(line).not.toMatch(/"args":\[/);
    });
  });
});
