import type { CheckStatus } from '../checks/check-result.js';
import type { CheckTrack, Incident } from './incident.js';
import type { AlertRef, AlertRoot, ThreadNote } from './alert-sink.js';

/**
 * The monitor's memory, behind a port so that SQLite (embedded default) and Redis (shared) can both keep it.
 * Async throughout because a networked store is. Writes that belong together go through `commit` in one transaction,
 * so a restart never sees an incident without its alert delivery, or a delivery twice.
 */

/** An incident with what people did about it and which alert (root message) shows it. */
export interface IncidentRecord extends Incident {
  status: 'open' | 'resolved';
  alertId: string;
  resolvedAt?: string;
  durationMs?: number;
  cause?: string;
  fix?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  /** Who resolved it by hand (the Resolve button), when the monitor did not. */
  resolvedBy?: string;
  mutedBy?: string;
  /** Reminders stay quiet until then; cleared when the incident resolves. */
  mutedUntilMs?: number;
}

/** One probe result, for uptime and latency over 24 h and 7 d. */
export interface ProbeRecord {
  key: string;
  atMs: number;
  status: CheckStatus;
  latencyMs?: number;
}

export type DeliveryPayload =
  | { kind: 'post_root'; root: AlertRoot }
  | { kind: 'update_root'; root: AlertRoot }
  | { kind: 'reply'; note: ThreadNote };

export interface NewDelivery {
  /** Unique forever: enqueueing the same key twice is a no-op (a retried round cannot double an alert). */
  idempotencyKey: string;
  alertId: string;
  payload: DeliveryPayload;
}

export interface PendingDelivery extends NewDelivery {
  id: number;
  attempts: number;
  nextAttemptAtMs: number;
  createdAtMs: number;
  lastError?: string;
  /**
   * When a send of it first began whose outcome was never learnt (a timeout, a 5xx, a crash mid-send): Slack may
   * have posted it, so the outbox looks for it before sending again. Set by `markSending`; only root posts use it.
   */
  sendingSinceMs?: number;
}

/** A delivery given up (permanent error, or out of retries): kept a while so people can be told. */
export interface DeadDelivery {
  id: number;
  idempotencyKey: string;
  alertId: string;
  kind: DeliveryPayload['kind'];
  error: string;
  deadAtMs: number;
}

/** Everything one round (or one button) changes, written atomically. */
export interface StoreWrite {
  tracks?: Record<string, CheckTrack>;
  incidents?: IncidentRecord[];
  deliveries?: NewDelivery[];
  probes?: ProbeRecord[];
}

export interface Store {
  commit(write: StoreWrite, nowMs: number): Promise<void>;
  loadTracks(): Promise<Record<string, CheckTrack>>;
  openIncidents(): Promise<IncidentRecord[]>;
  /** The open incident for a key, else the latest resolved one. */
  incident(key: string): Promise<IncidentRecord | undefined>;
  incidentsOfAlert(alertId: string): Promise<IncidentRecord[]>;
  alertRef(alertId: string): Promise<AlertRef | undefined>;
  /** Undelivered, not dead, oldest first (delivery order is thread order). */
  pendingDeliveries(limit: number): Promise<PendingDelivery[]>;
  /** Delivered; `ref` (for a root post) is stored in the same write, so a restart never posts the root again. */
  markDelivered(id: number, nowMs: number, ref?: { alertId: string; ref: AlertRef }): Promise<void>;
  /** `counted` false: a failure that does not count toward the retry cap (Slack said when to come back). */
  markRetry(id: number, nextAttemptAtMs: number, error: string, counted?: boolean): Promise<void>;
  /** A send is about to begin: remembers the first such moment until the delivery settles (see `sendingSinceMs`). */
  markSending(id: number, nowMs: number): Promise<void>;
  /** Given up (permanent error, or out of retries): kept for the delivered retention for inspection, never sent. */
  markDead(id: number, error: string, nowMs: number): Promise<void>;
  /** Deliveries given up since `sinceMs`, newest first. */
  deadDeliveries(sinceMs: number, limit: number): Promise<DeadDelivery[]>;
  probeHistory(sinceMs: number, key?: string): Promise<ProbeRecord[]>;
  isPaused(): Promise<boolean>;
  setPaused(paused: boolean): Promise<void>;
  close(): Promise<void>;
}
