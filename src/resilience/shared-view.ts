import type { Redis } from 'ioredis';
import type { RateLimitHeaders } from '../ports/claude-api.js';

export interface SharedViewOptions {
  redis: Redis;
  /** One Redis hash per API key and lane (the key's hash, never the key). */
  key: string;
  /** This replica, so it does not re-apply what it wrote itself. */
  writer: string;
  /** Bottleneck's settings hash of the same lane: read in the same round trip, to see the pace in force. */
  limiterKey?: string;
  /** A view nobody refreshed for this long is stale: Redis drops it (default 10 min). */
  ttlMs?: number;
}

/** What other replicas learnt since the last read: the API's latest headers (once per answer) and the 429 pause. */
export interface SharedUpdate {
  headers?: RateLimitHeaders;
  /** Epoch ms until which nobody on the lane may send; 0 when no replica was refused. */
  pausedUntil: number;
  /** The pace and concurrency bottleneck enforces now, as any replica last wrote them. */
  limiter: { minTime?: number; maxConcurrent?: number };
}

/** The lane's shared view in Redis: the last rate-limit headers any replica saw, and the pause after any 429. */
export interface SharedView {
  publish(headers: RateLimitHeaders): Promise<void>;
  /** Extends the pause for everyone; an earlier end never shortens a later one. */
  pause(untilMs: number): Promise<void>;
  read(): Promise<SharedUpdate>;
}

// Atomic "max": two replicas refused at once must leave the later end in place.
const PAUSE_SCRIPT = `
local current = tonumber(redis.call('hget', KEYS[1], 'pausedUntil') or '0')
if tonumber(ARGV[1]) > current then redis.call('hset', KEYS[1], 'pausedUntil', ARGV[1]) end
redis.call('pexpire', KEYS[1], ARGV[2])
return 1`;

/** Headers and pause shared through one small hash, read right before each send (one round trip on loopback). */
export function createSharedView(options: SharedViewOptions): SharedView {
  const { redis, key, writer } = options;
  const ttlMs = options.ttlMs ?? 600_000;
  let published = 0;
  let applied = '';

  return {
    async publish(headers) {
      const version = `${writer}:${++published}`;
      await redis.multi().hset(key, { headers: JSON.stringify(headers), version }).pexpire(key, ttlMs).exec();
    },
    async pause(untilMs) {
      await redis.eval(PAUSE_SCRIPT, 1, key, String(Math.ceil(untilMs)), String(ttlMs));
    },
    async read() {
      const batch = redis.pipeline().hmget(key, 'headers', 'version', 'pausedUntil');
      if (options.limiterKey) batch.hmget(options.limiterKey, 'minTime', 'maxConcurrent');
      const results = (await batch.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed?.[0]) throw failed[0];
      const [headers, version, pausedUntil] = results[0]?.[1] as (string | null)[];
      const [minTime, maxConcurrent] = (results[1]?.[1] ?? []) as (string | null)[];
      const update: SharedUpdate = {
        pausedUntil: Number(pausedUntil ?? 0) || 0,
        limiter: {
          ...(minTime ? { minTime: Number(minTime) } : {}),
          ...(maxConcurrent ? { maxConcurrent: Number(maxConcurrent) } : {}),
        },
      };
      // Each answer's headers once: re-applying an old `remaining` would keep clamping a bucket that has refilled.
      if (headers && version && version !== applied && !version.startsWith(`${writer}:`)) {
        applied = version;
        try {
          update.headers = JSON.parse(headers) as RateLimitHeaders;
        } catch {
          // written by another version of the app: ignore it, the next answer brings fresh headers
        }
      }
      return update;
    },
  };
}
