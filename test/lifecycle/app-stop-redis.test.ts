import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { startRedisServer } from '../support/redis-server.js';

/**
 * The app's `stop()` with REDIS_URL and the monitor on: the store, the lease and the Claude client's shared limiter
 * share one client, and bottleneck adds its pub/sub subscriber; both close, so Redis is back to the clients it had
 * before the app started.
 */

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the app stop() with Redis test is skipped');
afterAll(() => server?.stop());

let admin: Redis | undefined;
let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop().catch(() => undefined);
  admin?.disconnect();
  [app, admin] = [undefined, undefined];
});

/** Connections Redis has open besides the admin's own. */
const clients = async (): Promise<number> => String(await admin!.client('LIST')).trim().split('\n').length - 1;

describe.skipIf(!server)("the app's stop() with REDIS_URL", () => {
  it('leaves no Redis connection open: store, lease and the limiter all close', async () => {
    admin = new Redis(server!.url);
    const baseline = await clients();
    app = await startTestApp({ env: { REDIS_URL: server!.url, ALERT_CHANNEL: 'C0ALERTS', MONITOR_INTERVAL_SECONDS: '3600' } });
    // One /claude-status: the probes go through the shared limiter, so its connections are up and in use.
    const { response } = await app.command('');
    expect(response.status).toBe(200);
    await expect.poll(() => app!.slack.responses.length, { timeout: 10_000 }).toBeGreaterThan(0);
    // One client shared by the store, the lease and the limiter, and bottleneck's subscriber: two, not three.
    expect(await clients()).toBe(baseline + 2);

    await app.stop();
    app = undefined;
    await expect.poll(clients, { timeout: 5_000 }).toBe(baseline);
  });
});
