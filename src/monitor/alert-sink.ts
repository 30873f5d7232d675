import type { AnthropicFact, FailureClass, FailureInfo, IncidentKind, Severity } from './incident.js';

/**
 * Where the monitor's alerts go. The core hands over data, never Block Kit: `slack/` renders it (with the
 * Re-check / Acknowledge / Snooze buttons, whose values carry `incidentKey`), and another chat could by writing one
 * adapter. Outcomes are values; a thrown error is treated like a transient failure.
 */

/** Where a posted message lives: enough to update it or reply in its thread. */
export interface AlertRef {
  channel: string;
  ts: string;
}

/** One incident as the alert shows it. */
export interface AlertIncidentView {
  key: string;
  kind: IncidentKind;
  severity: Severity;
  title: string;
  status: 'open' | 'resolved';
  /** ISO: since when it fails. */
  since: string;
  resolvedAt?: string;
  durationMs?: number;
  failures: number;
  lastFailure?: FailureInfo;
  failureClass?: FailureClass;
  /** Anthropic's status page has an unresolved incident on the Claude API ("acknowledged by Anthropic" vs "only us"). */
  acknowledgedByAnthropic: boolean;
  /** Anthropic's incident as last seen while this one was open (kept after it cleared): what a resolved root tells. */
  anthropicSeen?: AnthropicFact;
  /** From the explainer's knowledge base. */
  cause?: string;
  fix?: string;
  acknowledgedBy?: string;
  /** ISO: muted (snoozed) until. */
  mutedUntil?: string;
  /** The probes that saw this cause, in words ("key check", "Messages", a model id). */
  probes?: string[];
}

/** The root message of an alert: one incident, or several that opened in the same round (grouped, not a wall). */
export interface AlertRoot {
  alertId: string;
  status: 'open' | 'resolved';
  /** The worst severity among the open incidents (or of all, once resolved). */
  severity: Severity;
  title: string;
  incidents: AlertIncidentView[];
  /** Anthropic's incident on the Claude API while the alert is open: "acknowledged by Anthropic", with its update. */
  anthropic?: AnthropicFact;
  /** The bot's own circuit breaker is open: evidence inside the alert, never an alert of its own. */
  breakerOpen?: boolean;
}

export type ThreadNoteKind =
  | 'still_failing'
  | 'escalated'
  | 'anthropic_acknowledged'
  | 'anthropic_updated'
  | 'anthropic_cleared'
  /** Several changes of one round in one reply (`text`: one line each). */
  | 'changed'
  | 'acknowledged'
  | 'snoozed'
  | 'resolved';

/** A reply in the alert's thread: the story of the incident. `text` is a plain fallback the renderer may use. */
export interface ThreadNote {
  alertId: string;
  incidentKey: string;
  kind: ThreadNoteKind;
  text: string;
  /** ISO time of the event. */
  at: string;
  userId?: string;
  /** ISO: for `snoozed`. */
  until?: string;
  /** For `resolved` and `still_failing`. */
  durationMs?: number;
}

/** `retryAfterSeconds`: the service said when to come back (Slack's `Retry-After`). `permanent`: retrying is useless. */
export type SinkResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; retryAfterSeconds?: number; permanent?: boolean };

export interface AlertSink {
  /** Posts a root message. `idempotencyKey` is stable across retries and restarts, for sinks that can dedupe. */
  postRoot(root: AlertRoot, idempotencyKey: string): Promise<SinkResult<AlertRef>>;
  /** Replaces the root message (e.g. to show it resolved). */
  updateRoot(ref: AlertRef, root: AlertRoot, idempotencyKey: string): Promise<SinkResult<void>>;
  /** Replies in the root's thread. */
  reply(ref: AlertRef, note: ThreadNote, idempotencyKey: string): Promise<SinkResult<AlertRef>>;
  /**
   * Looks for a root this app posted with `idempotencyKey` since `sinceMs` (a post that timed out may have landed):
   * its ref, or undefined when there is none. Sinks that cannot look leave it out, and the outbox posts again.
   */
  findRoot?(idempotencyKey: string, sinceMs: number): Promise<SinkResult<AlertRef | undefined>>;
}
