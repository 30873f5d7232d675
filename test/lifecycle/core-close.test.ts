import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createCore, type Core } from '../../src/create-core.js';
import { type FakeClaudeApi, startFakeClaudeApi, TEST_API_KEY } from '../fakes/fake-claude-api.js';
import { startRedisServer } from '../support/redis-server.js';

/**
 * `Core.close()` is what the app's `stop()` and the CLI's `check` call last: with REDIS_URL the shared limiter holds
 * two Redis connections (commands and bottleneck's pub/sub), which must not outlive it. Counted from Redis's side
 * (CLIENT LIST), so it is the server that says they are gone.
 */

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the Core.close() test is skipped');
afterAll(() => server?.stop());

let fake: FakeClaudeApi | undefined;
let admin: Redis | undefined;
let core: Core | undefined;
afterEach(async () => {
  await core?.close().catch(() => undefined);
  admin?.disconnect();
  await fake?.close();
  [core, admin, fake] = [undefined, undefined, undefined];
});

/** Connections Redis has open besides the admin's own. */
const clients = async (): Promise<number> => String(await admin!.client('LIST')).trim().split('\n').length - 1;

describe.skipIf(!server)('Core.close() with REDIS_URL', () => {
  it("releases the limiter's Redis connections: Redis is back to the clients it had before the core", async () => {
    fake = await startFakeClaudeApi();
    admin = new Redis(server!.url);
    const baseline = await clients();
    const config = loadConfig({ ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: fake.url, REDIS_URL: server!.url }, 'cli');
    core = createCore({ config, logger: pino({ level: 'silent' }) });
    // One real call through the shared limiter, so its connections are up and in use.
    expect((await core.claude.countTokens(config.claude.model)).ok).toBe(true);
    expect(await clients()).toBeGreaterThan(baseline);

    await core.close();
    core = undefined;
    // A closed socket leaves Redis's list as soon as the server reads the FIN: poll, do not time it.
    await expect.poll(clients, { timeout: 5_000 }).toBe(baseline);
  });
});
