import type { CheckId } from '../checks/check-result.js';
import type { Category, Kind } from '../ports/category.js';

/**
 * The monitor's vocabulary: incidents, the per-key track the policy keeps between rounds, and its decisions.
 * Plain data (JSON-safe) so that any Store can keep it and a restart resumes exactly where it stopped.
 */

/**
 * Which kind of trouble a failed probe is, as an on-call person groups it: the key, billing, the API itself (overload,
 * 5xx, timeouts, connection, the unexplained), rate limits, Messages refused, one model's access; `self_load` is the
 * bot's own traffic, never called an outage.
 */
export type FailureClass = 'auth' | 'billing' | 'api' | 'rate_limit' | 'request' | 'model_access' | 'self_load';

export type Severity = 'critical' | 'major' | 'minor';

/** Severities in order, for "worse than": escalation and an alert's worst severity. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { minor: 0, major: 1, critical: 2 };

/** What opened the incident: a probe streak (or at once), k-of-n flapping, or one of the signals. */
export type IncidentKind = 'probe' | 'flapping' | 'breaker' | 'headroom' | 'status_page' | 'deprecated';

/**
 * What is wrong, whichever probe saw it: the incident key. `auth`, `billing` (credit, spend cap, organisation
 * disabled or on hold), `api` (API-wide overload, 5xx, timeouts, connection), `rate_limit`, `request` (Messages
 * refused), `model:<id>` (no permission, retired or unknown), `headroom:<lane>`, `anthropic` (Anthropic's own
 * incident, an incident of ours only while nothing of ours fails) and `deprecated:<id>` (a notice of its own).
 */
export type CauseKey = string;

/** Anthropic's status-page incident on the Claude API, as a fact about the open alert. */
export interface AnthropicFact {
  /** Statuspage's incident id, when the page gave one. */
  id?: string;
  name: string;
  /** investigating, identified, monitoring… */
  status: string;
  impact: string;
  url?: string;
  /** Anthropic's newest update: a reply in the thread only when its id is new. */
  update?: { id?: string; status?: string; body: string; at?: string };
}

/** The API's own error, as it gave it. */
export interface FailureInfo {
  category: Category;
  kind?: Kind;
  status?: number;
  type?: string;
  message: string;
  requestId?: string;
}

export interface Incident {
  /** Unique per occurrence: `${key}@${openedAt}`. */
  id: string;
  /** What is wrong (`CauseKey`): one incident per cause, whichever probes saw it. */
  key: CauseKey;
  kind: IncidentKind;
  severity: Severity;
  title: string;
  /** ISO time of the first failure of the streak that led here. */
  since: string;
  openedAt: string;
  lastSeenAt: string;
  /** Failed rounds seen while open (the opening streak included). */
  failures: number;
  lastFailure?: FailureInfo;
  failureClass?: FailureClass;
  /** Anthropic's status page shows an unresolved incident on the API right now ("acknowledged" vs "only us"). */
  acknowledgedByAnthropic: boolean;
  /** Last time the thread was told about it (opening, reminder); drives "still failing after N minutes". */
  lastNotifiedAt: string;
  /** The probes that saw this cause while open, in words ("key check", "Messages", "claude-haiku-4-5"). */
  probes?: string[];
  /** Anthropic's incident on the API while this one is open (set on every open incident of the alert). */
  anthropic?: AnthropicFact;
  /** Anthropic's incident as last seen while this one was open, kept once it clears: the resolved alert tells it. */
  anthropicSeen?: AnthropicFact;
  /** The bot's own circuit breaker was open in the latest round: evidence, never an incident of its own. */
  breakerOpen?: boolean;
  checkId?: CheckId;
  subject?: string;
  /** Cause and fix the check itself gave (knowledge base); the explainer or the signal advice fill gaps. */
  cause?: string;
  fix?: string;
}

/** What the policy remembers per key between rounds. `recent`: newest last, `true` = failed round. */
export interface CheckTrack {
  failStreak: number;
  okStreak: number;
  recent: boolean[];
  firstFailureAt?: string;
  /** The probes that saw the cause during the current failure streak (listed in the alert when it opens). */
  probes?: string[];
  /** For `anthropic`: its incident already told on one of our alerts; it opens no alert of its own after ours resolves. */
  told?: string;
}

export interface PolicyState {
  tracks: Record<string, CheckTrack>;
  open: Record<string, Incident>;
}

export const emptyPolicyState = (): PolicyState => ({ tracks: {}, open: {} });

export interface IncidentPolicy {
  failureThreshold: number;
  recoveryThreshold: number;
  /** k of the last n rounds failing opens a (minor) flapping incident. */
  flapFailures: number;
  flapWindow: number;
  /** Remaining/limit below this opens a headroom incident (0.1 = 10 %). */
  headroomRatio: number;
  /** A 429 while at least this many of our own calls wait in the lane is our load, not an outage. */
  busyQueueDepth: number;
  /** "Still failing" reminder in the thread after this long without news. */
  reminderMs: number;
}

export const defaultPolicy = (failureThreshold = 3, recoveryThreshold = 2): IncidentPolicy => ({
  failureThreshold,
  recoveryThreshold,
  flapFailures: 3,
  flapWindow: 6,
  headroomRatio: 0.1,
  busyQueueDepth: 1,
  reminderMs: 30 * 60_000,
});

/** Why an open incident changed in a way worth a line in its thread (one reply per alert per round carries all). */
export type UpdateReason =
  | 'still_failing'
  | 'escalated'
  | 'anthropic_acknowledged'
  | 'anthropic_updated'
  | 'anthropic_cleared'
  | 'probes_joined'
  | 'breaker';

export type IncidentDecision =
  | { type: 'open'; incident: Incident }
  | { type: 'update'; incident: Incident; reason: UpdateReason }
  | { type: 'resolve'; incident: Incident; resolvedAt: string; durationMs: number };
