/**
 * How much history a store keeps. Both stores prune to these bounds as they write (SQLite in its commit transaction,
 * Redis in its commit script), so one definition keeps their defaults from drifting apart.
 */
export interface StoreRetention {
  /** Probe history kept this long (default 7 d: the longest window `/claude-status history` shows). */
  probeRetentionMs?: number;
  /** Hard cap on probe rows whatever the interval (default 200,000). */
  maxProbeRows?: number;
  /** Delivered outbox entries kept this long for inspection (default 7 d). */
  deliveredRetentionMs?: number;
  /** Resolved incidents (and their alerts' refs) kept this long after they resolved (default 30 d). */
  resolvedRetentionMs?: number;
}

const DAY_MS = 86_400_000;

/** The bounds with their defaults filled in. */
export function resolveRetention(options: StoreRetention): Required<StoreRetention> {
  return {
    probeRetentionMs: options.probeRetentionMs ?? 7 * DAY_MS,
    maxProbeRows: options.maxProbeRows ?? 200_000,
    deliveredRetentionMs: options.deliveredRetentionMs ?? 7 * DAY_MS,
    resolvedRetentionMs: options.resolvedRetentionMs ?? 30 * DAY_MS,
  };
}
