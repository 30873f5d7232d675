import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/create-logger.js';
import { openRedis } from '../../src/start-up/open-redis.js';
import { startRedisProxy, startRedisServer } from '../support/redis-server.js';

const redis = await startRedisServer({ requirePass: 'first-Pw-1' });

describe.skipIf(!redis)('openRedis (real redis-server)', () => {
  afterAll(async () => redis?.stop());

  it('says a refused password even when it follows a dropped connection (a password rotated during a network cut)', async () => {
    const proxy = await startRedisProxy(redis!.url);
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push((JSON.parse(chunk.toString()) as { msg: string }).msg), done()) });
    const logger = createLogger({ level: 'info', secrets: [] }, sink);
    const shared = openRedis(`redis://:first-Pw-1@127.0.0.1:${proxy.port}`, logger);
    try {
      await shared.client.ping();
      proxy.cut();
      await vi.waitFor(() => expect(lines.some((l) => l.startsWith('Redis unreachable'))).toBe(true), { timeout: 10_000 });
      const admin = new Redis(redis!.url, { password: 'first-Pw-1' });
      await admin.config('SET', 'requirepass', 'second-Pw-2');
      await admin.quit();
      proxy.restore();
      await vi.waitFor(() => expect(lines.some((l) => l.includes('refused the credentials in REDIS_URL (WRONGPASS)'))).toBe(true), { timeout: 10_000 });
      // Each kind said once, however many reconnect attempts ioredis reports.
      expect(lines.filter((l) => l.startsWith('Redis unreachable'))).toHaveLength(1);
      expect(lines.filter((l) => l.includes('WRONGPASS'))).toHaveLength(1);
    } finally {
      await shared.close();
      await proxy.close();
      const admin = new Redis(redis!.url, { password: 'second-Pw-2' });
      await admin.config('SET', 'requirepass', 'first-Pw-1');
      await admin.quit();
    }
  });
});
