import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { redisRefusal } from './check-redis.js';

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
  // ioredis reports every reconnect attempt: each kind of failure (not reached, or credentials refused) is said once
  // per outage, so a refused password that follows a dropped connection (a password rotated during a cut) is still
  // said, and named as a refusal.
  let said: string | undefined;
  client.on('error', (err: Error) => {
    const refused = redisRefusal(err);
    const kind = refused ?? 'unreachable';
    if (kind === said) return;
    said = kind;
    if (refused) logger.error({ err }, `Redis refused the credentials in REDIS_URL (${kind}): the shared store, the monitor lease and the shared rate limit wait for it`);
    else logger.error({ err }, 'Redis unreachable: the shared store, the monitor lease and the shared rate limit wait for it');
  });
  client.on('ready', () => {
    if (said !== undefined) logger.info({}, 'Redis reachable again');
    said = undefined;
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
