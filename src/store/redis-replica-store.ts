import type { Store } from '../monitor/store.js';
import type { LeaderLease } from './redis-leader.js';
import type { RedisStore } from './redis-store.js';

/** Thrown when a round finished after its replica lost the monitor lease: its result is not stored. */
export class LeaseLostError extends Error {
  readonly code = 'ELEASELOST';
  constructor() {
    super('the monitor lease was lost during this round: another replica runs the monitor now, nothing was stored');
  }
}

/**
 * The shared store as one replica's monitor sees it. Every replica records what people do (acknowledge, snooze,
 * pause) straight into Redis, but only the lease holder writes rounds (tracks, incidents, probes) and sends the
 * outbox: one sender, so a delivery goes out once, and a follower's Re-check reports without deciding incidents.
 * A round's commit is fenced by the lease token, so a leader that lost the lease mid-round writes nothing.
 */
export function replicaStore(store: RedisStore, lease: Pick<LeaderLease, 'token' | 'key'>): Store {
  return {
    ...store,
    async commit(write, nowMs) {
      // A round writes tracks and probes; a button writes incidents and notes only.
      const round = write.tracks !== undefined || (write.probes?.length ?? 0) > 0;
      if (!round) return store.commit(write, nowMs);
      const token = lease.token();
      if (!token) return;
      if (!(await store.commitFenced(write, nowMs, { key: lease.key, token }))) throw new LeaseLostError();
    },
    // Followers leave the outbox to the leader, which sends a follower's notes at its next pass (within a round).
    pendingDeliveries: async (limit) => (lease.token() ? store.pendingDeliveries(limit) : []),
  };
}
