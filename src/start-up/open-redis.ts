import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The process's one Redis client (REDIS_URL), shared by the rate limiter, the store and the monitor lease, with
 * bottleneck's connection over it. bottleneck runs its scripts on the client and adds the one connection that cannot
 * be shared: its pub/sub subscriber (a subscribed Redis connection runs no other command; bottleneck's README,
 * "Managing Redis Connections": given a client, "the Connection object will still create a second client for pubsub").
 * So a replica holds two connections to Redis, where it held three (the store's, the limiter's and its subscriber).
 */
export interface SharedRedis {
  client: Redis;
  connection: Bottleneck.IORedisConnection;
  /** Closes the client and the subscriber (QUIT, or at once when Redis is away), once nothing uses them. */
  close(): Promise<void>;
}

/**
 * Commands fail after one reconnection attempt instead of queueing for ever, so a Slack handler, a round or a Claude
 * call never waits on an absent Redis for long (the limiter falls back to this replica's budget, the lease steps down).
 */
export function openRedis(url: string, logger: Pick<Logger, 'error' | 'info'>): SharedRedis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 5000 });
  let down = false;
  client.on('error', (err: Error) => {
    // ioredis reports every reconnect attempt: say it once per outage.
    if (!down) logger.error({ err }, 'Redis unreachable: the shared store, the monitor lease and the shared rate limit wait for it');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info({}, 'Redis reachable again');
    down = false;
  });
  // bottleneck's documented way to share a client: its own disconnect() then closes both (IORedisConnection.disconnect).
  const connection = new Bottleneck.IORedisConnection({ client });
  return {
    client,
    connection,
    // QUIT waits for the replies still due; on a client that is not connected ioredis closes at once.
    close: () => connection.disconnect(true).catch(() => connection.disconnect(false)),
  };
}
