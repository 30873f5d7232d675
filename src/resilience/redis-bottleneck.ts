import Bottleneck from 'bottleneck';

/** Lost Redis state re-created under the same id, or a Redis fault (calls then pace on the replica's own budget). */
export type SharedLaneEvent = { type: 'recovered'; id: string } | { type: 'error'; error: Error };

export interface RedisBottleneckOptions {
  /** Bottleneck id every replica of one API key and lane uses, so they share one budget. Never the key itself. */
  id: string;
  /** The connection the lanes of one client share (bottleneck duplicates its client for pub/sub). */
  connection: Bottleneck.IORedisConnection;
  /** Jobs registered at once across the cluster. */
  maxConcurrent: number;
  rpm: number;
  /** How often bottleneck re-checks Redis on its own (expired jobs, dead replicas); its default is 5 s. */
  heartbeatMs?: number;
  /** Lost state we re-created, or a Redis fault. Never throws. */
  onEvent?: (event: SharedLaneEvent) => void;
}

/** One lane's cluster-wide gate: concurrency and pace enforced in Redis by bottleneck's clustering mode. */
export interface RedisBottleneck {
  /**
   * Runs `task` once the cluster's budget allows. `expirationMs` bounds how long the job may hold its share: a
   * replica that dies mid-job gives it back then. Rejects only with what `task` threw, or a Redis fault before it ran.
   */
  run<T>(task: () => Promise<T>, expirationMs: number): Promise<T>;
  /**
   * Writes this replica's pace (and concurrency) for every replica: the headers lowered it or raised it back, or
   * Redis holds what an older replica (another CLAUDE_RPM) stored, which bottleneck's init keeps.
   */
  setRpm(rpm: number): Promise<void>;
  /** The settings this replica wants in force, to compare with what Redis holds. */
  wanted(rpm: number): { minTime: number; maxConcurrent: number };
  /** Drops what waits; the connection's owner closes the connection afterwards. */
  close(): Promise<void>;
}

/** Bottleneck's own "your state is gone" replies; 2.19.5 misses them under Redis 7's `ERR ` prefix (SGrondin/bottleneck#205, #212, #219). */
const LOST_STATE = /\b(SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT)\b/;

/** Whether a Redis reply says bottleneck's keys for this limiter are gone (expired, flushed, evicted). */
export function isLostLimiterState(error: unknown): boolean {
  return error instanceof Error && LOST_STATE.test(error.message);
}

const minTimeMs = (rpm: number) => Math.ceil(60_000 / rpm);

/** Where bottleneck keeps a limiter's settings (its key layout, fixed in 2.x: `b_<id>_settings`). */
export const limiterSettingsKey = (id: string): string => `b_${id}_settings`;

/**
 * A bottleneck limiter in Redis clustering mode, re-created with the same id when its state is lost: bottleneck
 * 2.19.5 would otherwise fail every job from then on. Jobs caught in the dead limiter's queue move to the new one.
 */
export function createRedisBottleneck(options: RedisBottleneckOptions): RedisBottleneck {
  let settings = { maxConcurrent: options.maxConcurrent, minTime: minTimeMs(options.rpm) };
  let closed = false;
  const report = (event: SharedLaneEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // a listener's fault must not break the limiter
    }
  };

  const build = (): Bottleneck => {
    const limiter = new Bottleneck({
      id: options.id, datastore: 'ioredis', connection: options.connection, ...settings,
      ...(options.heartbeatMs ? { heartbeatInterval: options.heartbeatMs } : {}),
    } as Bottleneck.ConstructorOptions);
    limiter.on('error', (error: Error) => {
      // A job stuck in the queue fails its register here, not in its own promise: recover from the event too.
      if (isLostLimiterState(error)) void recover(limiter);
      else if (limiter === current) report({ type: 'error', error });
    });
    return limiter;
  };
  let current = build();
  // With a shared connection, bottleneck's disconnect only unsubscribes and stops the heartbeat (and returns no promise).
  const detach = (limiter: Bottleneck) => {
    try {
      void limiter.disconnect(false);
    } catch {
      // already detached
    }
  };
  let recovering: Promise<void> | undefined;

  function recover(broken: Bottleneck): Promise<void> {
    if (broken !== current || closed) return recovering ?? Promise.resolve();
    // Detach first: the new limiter has the same id, hence the same pub/sub channel on the shared connection.
    detach(broken);
    current = build(); // its init re-creates the settings key with our settings, under the same id
    report({ type: 'recovered', id: options.id });
    // Jobs that had not started yet are dropped from the dead limiter and retried by `run` on the new one.
    void broken.stop({ dropWaitingJobs: true }).catch(() => undefined);
    recovering = current.ready().then(() => undefined, () => undefined);
    return recovering;
  }

  return {
    async run<T>(task: () => Promise<T>, expirationMs: number): Promise<T> {
      for (let tries = 0; ; tries++) {
        const limiter = current;
        let started = false;
        try {
          return await limiter.schedule({ expiration: Math.max(1, Math.ceil(expirationMs)) }, () => {
            started = true;
            return task();
          });
        } catch (error) {
          // Bottleneck's own errors (a job past its expiration) must not read as our local queue being full.
          if (started) throw error instanceof Bottleneck.BottleneckError ? new Error(`shared limiter: ${error.message}`) : error;
          if (tries >= 3 || closed) throw error;
          if (isLostLimiterState(error)) await recover(limiter);
          else if (limiter === current) throw error; // a Redis fault, or this lane is closing
          // else: dropped from a limiter we replaced meanwhile; try the new one
        }
      }
    },
    async setRpm(rpm) {
      settings = { ...settings, minTime: minTimeMs(rpm) };
      try {
        await current.updateSettings(settings);
      } catch (error) {
        if (!isLostLimiterState(error)) throw error;
        await recover(current); // the new limiter starts with the new settings
      }
    },
    wanted: (rpm) => ({ maxConcurrent: options.maxConcurrent, minTime: minTimeMs(rpm) }),
    async close() {
      closed = true;
      // No detach here: the owner closes the connection next, and an unsubscribe still in flight would then reject
      // where nobody can catch it (bottleneck does not return that promise).
      await current.stop({ dropWaitingJobs: true }).catch(() => undefined);
    },
  };
}
