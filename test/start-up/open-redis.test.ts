import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/create-logger.js';
import { openRedis } from '../../src/start-up/open-redis.js';
import { startRedisServer } from '../support/redis-server.js';

const redis = await startRedisServer({ requirePass: 'first-Pw-1' });

/** A TCP proxy to the test Redis that can drop every connection and refuse new ones for a while (a network cut). */
async function startSwitchableProxy(target: URL) {
  let open = true;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (!open) return void client.destroy();
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { sockets.delete(s); client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => { open = false; for (const s of sockets) s.destroy(); },
    restore: () => void (open = true),
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

describe.skipIf(!redis)('openRedis (real redis-server)', () => {
  afterAll(async () => redis?.stop());

  it('says a refused password even when it follows a dropped connection (a password rotated during a network cut)', async () => {
    const proxy = await startSwitchableProxy(new URL(redis!.url));
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
