import type { ApiFailure, RateLimitHeaders, ResilienceSnapshot } from '../ports/claude-api.js';

/**
 * What the checks produce: data, never Slack text. The Slack renderers, the CLI and the monitor all read these
 * shapes, so they are the contract between `checks/` and its consumers.
 */
export type CheckId = 'key_format' | 'auth' | 'model' | 'generation' | 'rate_limits' | 'status_page' | 'resilience';

/** `skip`: not run (e.g. the key is malformed, so the API probes would only repeat that). */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  id: CheckId;
  /** What the check was about when there are several of one kind: the model id for `model`. */
  subject?: string;
  status: CheckStatus;
  /** One line a person can act on: what was found. */
  summary: string;
  /** Further lines: facts, figures, dates. */
  detail: string[];
  /** What to do about it, when not ok. */
  fix?: string;
  /** Why it happens, from the explainer's knowledge base when the check failed on an API error. */
  cause?: string;
  /** The knowledge base's fuller steps, most useful first (`fix` stays the one line to show when space is short). */
  fixSteps?: string[];
  latencyMs?: number;
  /** The API's own error, as it was given (status, type, message, request id). */
  failure?: ApiFailure;
  /**
   * ISO time of the earlier round this result comes from: the paid probe runs at its own cadence, and between two
   * runs its last result stands in the report (so the verdict does not fall back to operational in between).
   */
  carriedFrom?: string;
}

/** The incident key the monitor tracks: one per check, one per model. */
export const checkKey = (result: Pick<CheckResult, 'id' | 'subject'>): string =>
  result.subject ? `${result.id}:${result.subject}` : result.id;

export type StatusIndicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance' | 'unknown';

export interface StatusPageIncident {
  /** Statuspage's incident id: stable across its updates. */
  id?: string;
  name: string;
  status: string;
  impact: string;
  url?: string;
  startedAt?: string;
  /** True when the incident names the Claude API component (or any API component). */
  affectsApi: boolean;
  /** Anthropic's newest update on it (`incident_updates[0]`), when the page gave one. */
  latestUpdate?: { id?: string; status?: string; body: string; at?: string };
}

export type StatusPageSummary =
  | {
      reachable: true;
      source: string;
      indicator: StatusIndicator;
      description: string;
      apiComponent?: { name: string; status: string };
      incidents: StatusPageIncident[];
    }
  /** `unreadable`: a host answered, but not with a summary we can read (HTML, malformed JSON, wrong types, too big). */
  | { reachable: false; tried: string[]; error: string; unreadable?: boolean };

/** operational: all ok; degraded: something warns or one part fails; down: the API cannot be used with this key. */
export type Verdict = 'operational' | 'degraded' | 'down';
/** "Is it us or is it Claude?" */
export type Blame = 'none' | 'us' | 'anthropic' | 'network' | 'unknown';

export interface StatusReport {
  verdict: Verdict;
  blame: Blame;
  /** One sentence: the answer to "is it us or is it Claude?". */
  headline: string;
  checkedAt: string;
  durationMs: number;
  key: { masked: string; organizationId?: string; workspaceId?: string };
  models: string[];
  checks: CheckResult[];
  /** Headers of the latest Messages call and of the latest free-endpoint call (separate buckets at the API). */
  rateLimits: { messages?: RateLimitHeaders; free?: RateLimitHeaders };
  statusPage: StatusPageSummary;
  resilience: ResilienceSnapshot;
}
