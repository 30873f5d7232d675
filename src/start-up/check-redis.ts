import { Redis } from 'ioredis';
import { StartupError } from './start-failure.js';

/** Redis' answers to credentials it does not accept (a wrong password or user, none given, a user lacking rights). */
const REFUSED = /^(WRONGPASS|NOAUTH|NOPERM)\b/;

/** Which refusal of the credentials an ioredis error is (its message's first word), or undefined for any other failure. */
export function redisRefusal(err: unknown): string | undefined {
  return REFUSED.exec(err instanceof Error ? err.message : '')?.[1];
}

/**
 * Before start-up goes on with REDIS_URL: one connection that authenticates and pings. Refused credentials are a
 * configuration error and stop the start with a StartupError naming REDIS_URL (never its value). An unreachable
 * Redis is not: the app starts and answers Slack, and the shared store and monitor wait for Redis (they log it).
 *
 * ioredis reports the server's refusal as an `error` event (its connect() rejects with "Connection is closed"), and
 * attaches the AUTH command with its arguments to that error: only the message's first word is kept here.
 */
export async function checkRedisCredentials(redisUrl: string, timeoutMs = 5000): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: timeoutMs, retryStrategy: () => null,
  });
  let refused: string | undefined;
  redis.on('error', (err: Error) => {
    refused ??= redisRefusal(err);
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    refused ??= redisRefusal(err);
  } finally {
    redis.disconnect();
  }
  if (refused) {
    const what = refused === 'NOAUTH'
      ? 'requires a password and REDIS_URL gives none (redis://:PASSWORD@host:port)'
      : refused === 'NOPERM'
        ? 'accepted the user in REDIS_URL but it lacks the rights the app needs'
        : 'refused the user or password in REDIS_URL';
    throw new StartupError(`Redis ${what}`, refused);
  }
}
