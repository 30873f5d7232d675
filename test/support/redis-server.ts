import { spawn, spawnSync } from 'node:child_process';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { freePort } from './free-port.js';

export interface TestRedis {
  /** redis://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });

/** Whether `redis-server` can be run here (CI installs it; a fresh machine may not have it). */
export const hasRedisServer = (): boolean => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * A throwaway redis-server on 127.0.0.1 without persistence, or undefined when redis-server is not installed, so
 * tests use `describe.skipIf(!redis)`. The caller stops it. `requirePass`: clients must AUTH with this password.
 */
export async function startRedisServer(options: { requirePass?: string } = {}): Promise<TestRedis | undefined> {
  if (!hasRedisServer()) return undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // The port can be taken between our check and redis binding it: try another one then.
    const port = await freePort();
    const auth = options.requirePass ? ['--requirepass', options.requirePass] : [];
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let up = false;
    for (let i = 0; i < 100 && child.exitCode === null && !up; i += 1) {
      up = await accepts(port);
      if (!up) await new Promise((r) => setTimeout(r, 50));
    }
    if (up) {
      return {
        url: `redis://127.0.0.1:${port}`,
        async stop() {
          if (child.exitCode === null) child.kill('SIGKILL');
          await exited;
        },
      };
    }
    child.kill('SIGKILL');
    await exited;
  }
  throw new Error('redis-server is installed but did not start on a free port');
}

export interface RedisProxy {
  /** redis://127.0.0.1:PORT, forwarding to the server. */
  url: string;
  port: number;
  /**
   * Cuts every connection and refuses new ones until `restore()`, as a network cut or a dead process's connections
   * end: a replica behind it can neither renew nor release its monitor lease, which Redis then expires by its TTL.
   */
  cut(): void;
  /** Accepts connections again (the network is back). */
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a test Redis, so that one replica among several in this process can lose Redis alone, or
 * one client can lose it for a while.
 */
export async function startRedisProxy(redisUrl: string): Promise<RedisProxy> {
  const target = new URL(redisUrl);
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
  const { port } = server.address() as AddressInfo;
  const dropAll = (): void => { for (const s of sockets) s.destroy(); };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    cut: () => { open = false; dropAll(); },
    restore: () => void (open = true),
    close: () => new Promise<void>((resolve) => { dropAll(); server.close(() => resolve()); }),
  };
}
