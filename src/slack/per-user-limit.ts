import type { Clock } from '../ports/clock.js';

export type LimitDecision = { ok: true } | { ok: false; retryInSeconds: number };

export interface PerUserLimit {
  /** Counts one request by `userId`; refuses past the limit for the rolling window. */
  take(userId: string): LimitDecision;
}

/**
 * A rolling-window limit per Slack user on slash commands and explanations (abuse protection; the probes behind them
 * are shared anyway). Memory is bounded: users idle for a window are forgotten on the next sweep.
 */
export function createPerUserLimit(options: { limit: number; windowMs: number; clock: Clock }): PerUserLimit {
  const seen = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    take(userId) {
      const now = options.clock.now();
      const since = now - options.windowMs;
      if (now - lastSweep > options.windowMs) {
        for (const [user, times] of seen) if ((times.at(-1) ?? 0) <= since) seen.delete(user);
        lastSweep = now;
      }
      const times = (seen.get(userId) ?? []).filter((t) => t > since);
      if (times.length >= options.limit) {
        seen.set(userId, times);
        return { ok: false, retryInSeconds: Math.max(1, Math.ceil((times[0]! + options.windowMs - now) / 1000)) };
      }
      times.push(now);
      seen.set(userId, times);
      return { ok: true };
    },
  };
}
