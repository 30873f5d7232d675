import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { compose, type ComposedCore } from '../../src/compose.js';
import { type FakeClaudeApi, startFakeClaudeApi, TEST_API_KEY } from '../fakes/fake-claude-api.js';
import { startRedisServer } from '../support/redis-server.js';

/**
 * The core's `stop()` (what the CLI calls) with REDIS_URL: the shared client and bottleneck's pub/sub subscriber are
 * the only connections, and both close. Counted from Redis's side (CLIENT LIST), so it is the server that says so.
 */

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the core stop() test is skipped');
afterAll(() => server?.stop());

let fake: FakeClaudeApi | undefined;
let admin: Redis | undefined;
let parts: ComposedCore | undefined;
afterEach(async () => {
  await parts?.stop().catch(() => undefined);
  admin?.disconnect();
  await fake?.close();
  [parts, admin, fake] = [undefined, undefined, undefined];
});

/** Connections Redis has open besides the admin's own. */
const clients = async (): Promise<number> => String(await admin!.client('LIST')).trim().split('\n').length - 1;

describe.skipIf(!server)("compose({ parts: 'core' }).stop() with REDIS_URL", () => {
  it('opens one client and one subscriber, and closes both: Redis is back to the clients it had before', async () => {
    fake = await startFakeClaudeApi();
    admin = new Redis(server!.url);
    const baseline = await clients();
    const config = loadConfig({ ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: fake.url, REDIS_URL: server!.url }, 'cli');
    parts = await compose(config, { logger: pino({ level: 'silent' }), parts: 'core' });
    // One real call through the shared limiter, so its connections are up and in use.
    expect((await parts.core.claude.countTokens(config.claude.model)).ok).toBe(true);
    expect(await clients()).toBe(baseline + 2);

    await parts.stop();
    parts = undefined;
    // A closed socket leaves Redis's list as soon as the server reads the FIN: poll, do not time it.
    await expect.poll(clients, { timeout: 5_000 }).toBe(baseline);
  });
});
