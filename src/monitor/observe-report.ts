import type { CheckId, CheckResult, StatusReport } from '../checks/check-result.js';
import { lowestHeadroom } from '../checks/check-rate-limits.js';
import { lookupAdvice } from '../explain/knowledge-base.js';
import type { Lane } from '../ports/claude-api.js';
import { classifyFailure, isNeutralClass } from './classify-failure.js';
import type { AnthropicFact, CauseKey, FailureClass, FailureInfo, IncidentKind, IncidentPolicy, Severity } from './incident.js';

/** One cause's outcome in one round, before the streak logic. `immediate`: opens without waiting for a streak. */
export interface Observation {
  key: CauseKey;
  outcome: 'fail' | 'ok' | 'neutral';
  immediate: boolean;
  kind: IncidentKind;
  severity: Severity;
  title: string;
  failure?: FailureInfo;
  failureClass?: FailureClass;
  /** The probes that failed with this cause in this round, in words. */
  probes?: string[];
  checkId?: CheckId;
  subject?: string;
  /** The check's own cause and fix (from the knowledge base, knowing which 404 it met), when it gave them. */
  cause?: string;
  fix?: string;
}

/** A round's observations and the facts that belong to whatever alert is open. */
export interface RoundView {
  observations: Observation[];
  /** Anthropic's incident on the API; undefined when none, `unknown` when the page could not be read. */
  anthropic: AnthropicFact | undefined | 'unknown';
  breakerOpen: boolean;
  /** Every probe that answered this round (for "on every probe"). */
  answered: string[];
}

const PROBES: ReadonlySet<CheckId> = new Set(['key_format', 'auth', 'model', 'generation']);
const CLOSED_STATUSES = new Set(['resolved', 'postmortem', 'completed']);
const laneOf = (id: CheckId): Lane => (id === 'generation' ? 'messages' : 'free');

/** A probe in words, as the alert lists it. */
export function probeLabel(check: Pick<CheckResult, 'id' | 'subject'>): string {
  switch (check.id) {
    case 'key_format': return 'key format';
    case 'auth': return 'key check';
    case 'generation': return 'Messages';
    default: return check.subject ?? check.id;
  }
}

/** Which cause a failing probe's class belongs to; per-model problems are keyed by their model. */
function causeKey(cls: FailureClass, check: CheckResult): CauseKey {
  switch (cls) {
    case 'auth': return 'auth';
    case 'billing': return 'billing';
    case 'rate_limit': return 'rate_limit';
    case 'request': return 'request';
    case 'model_access': return `model:${check.subject ?? 'unknown'}`;
    default: return 'api';
  }
}

const SEVERITY: Record<string, Severity> = { auth: 'critical', billing: 'critical', request: 'critical', rate_limit: 'major' };

/** "the key check, Messages and 2 models": probes in words, models counted past two. */
export function listProbes(labels: string[]): string {
  const fixed = ['key format', 'key check', 'Messages'].filter((l) => labels.includes(l));
  const models = labels.filter((l) => !fixed.includes(l));
  const parts = [...fixed, ...(models.length > 2 ? [`${models.length} models`] : models)];
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'no probe');
}

/** The incident's title in words: what is wrong, and on which probes ("every probe" when all that answered fail). */
export function causeTitle(key: CauseKey, failure: FailureInfo | undefined, fallback: string, probes: string[], answered: string[]): string {
  if (key === 'api' || key === 'rate_limit') {
    const what = failure ? lookupAdvice(failure.category, failure.kind).title.replace(/^Claude API /, 'API ') : fallback;
    const every = answered.length > 1 && answered.every((p) => probes.includes(p));
    return `${what} on ${every ? 'every probe' : listProbes(probes)}`;
  }
  if (key === 'billing' && failure) return `${lookupAdvice(failure.category, failure.kind).title}: Messages fail`;
  return fallback;
}

/**
 * Every cause of one round: what failed (grouped by cause, whichever probe saw it), what was seen healthy, and
 * what the round cannot tell (probes skipped, or carried over from an earlier paid probe: neutral). Plus the
 * signals (rate headroom, deprecations) and the facts for the open alert (Anthropic's incident, our breaker).
 */
export function observeReport(report: StatusReport, policy: IncidentPolicy): RoundView {
  const failing = new Map<CauseKey, { checks: CheckResult[]; cls: FailureClass }>();
  const answered: string[] = [];
  const healthy = new Set<string>();
  for (const c of report.checks) {
    if (!PROBES.has(c.id) || c.status === 'skip' || c.carriedFrom !== undefined) continue;
    if (c.status !== 'fail') {
      // A well-formed key is read locally: it answers nothing about the API.
      if (c.id !== 'key_format') answered.push(probeLabel(c));
      healthy.add(c.id === 'model' ? `model:${c.subject}` : c.id);
      continue;
    }
    const cls = c.failure
      ? classifyFailure(c.failure, report.resilience.limiter.lanes[laneOf(c.id)], policy.busyQueueDepth)
      // A check failing on its own findings, not an API error: a malformed key, a model past its retirement date.
      : c.id === 'key_format' ? 'auth' : c.id === 'model' ? 'model_access' : 'api';
    if (isNeutralClass(cls)) continue;
    answered.push(probeLabel(c));
    const key = causeKey(cls, c);
    const entry = failing.get(key) ?? { checks: [], cls };
    entry.checks.push(c);
    failing.set(key, entry);
  }
  const observations: Observation[] = [];
  const models = report.checks.filter((c) => c.id === 'model' && c.subject).map((c) => c.subject!);
  const keys = new Set<CauseKey>(['auth', 'billing', 'api', 'rate_limit', 'request', ...models.map((m) => `model:${m}`), ...failing.keys()]);
  for (const key of keys) {
    const seen = failing.get(key);
    if (seen) {
      observations.push(failed(key, seen.checks, seen.cls, answered));
      continue;
    }
    // What could have seen this cause and did not: the key check for the key, the paid probe for billing and
    // refused Messages, the model's own probe for a model, any answer at all for the API-wide causes.
    const witnessed = key === 'auth' ? healthy.has('auth')
      : key === 'billing' || key === 'request' ? healthy.has('generation')
        : key.startsWith('model:') ? healthy.has(key)
          : answered.length > 0;
    observations.push({ key, outcome: witnessed ? 'ok' : 'neutral', immediate: false, kind: 'probe', severity: 'minor', title: key });
  }
  for (const lane of ['messages', 'free'] as const) {
    const ratio = lowestHeadroom(report.rateLimits[lane], report.checkedAt);
    // Low headroom heals by waiting (the bucket refills): it opens on a streak like an outage, not on one busy round.
    observations.push(signal(`headroom:${lane}`, 'headroom', false, ratio === undefined ? undefined : ratio < policy.headroomRatio, 'minor',
      `Rate-limit headroom on ${lane === 'free' ? 'the free endpoints' : 'Messages'} is below ${Math.round(policy.headroomRatio * 100)}%` +
        (ratio === undefined ? '' : ` (${Math.round(ratio * 100)}% left)`)));
  }
  for (const c of report.checks.filter((c) => c.id === 'model' && c.subject)) {
    // The model check warns when the configured model is deprecated (it still answers); a 404 is a model cause.
    const on = c.status === 'skip' ? undefined : c.status === 'warn';
    // A deprecation does not heal by waiting: said at once.
    observations.push(signal(`deprecated:${c.subject}`, 'deprecated', true, on, 'minor', c.summary, c.fix));
  }
  const anthropic = report.statusPage.reachable ? anthropicFact(report) : 'unknown';
  return { observations, anthropic, breakerOpen: report.resilience.breaker.state === 'open', answered };
}

function failed(key: CauseKey, checks: CheckResult[], cls: FailureClass, answered: string[]): Observation {
  // The most telling probe speaks for the cause: Messages (what users call), then the key check, then a model.
  const first = checks.find((c) => c.id === 'generation') ?? checks.find((c) => c.id === 'auth') ?? checks[0]!;
  const f = first.failure;
  const failure: FailureInfo | undefined = f && { category: f.category, kind: f.kind, status: f.status, type: f.type, message: f.message, requestId: f.requestId };
  const probes = checks.map(probeLabel);
  const severity: Severity = SEVERITY[key] ?? (key === 'api' && checks.some((c) => c.id === 'generation' || c.id === 'auth') ? 'critical' : 'major');
  // A rejected key, billing and a model gone do not heal by waiting: say so at once.
  const immediate = key === 'auth' || key === 'billing' || (key.startsWith('model:') && (f === undefined || f.category === 'not_found'));
  return {
    key, outcome: 'fail', immediate, kind: 'probe', severity, failure, failureClass: cls, probes,
    title: causeTitle(key, failure, first.summary, probes, answered),
    checkId: first.id, subject: first.subject, cause: first.cause, fix: first.fix,
  };
}

function signal(key: string, kind: IncidentKind, immediate: boolean, on: boolean | undefined, severity: Severity, title: string, fix?: string): Observation {
  return { key, kind, severity, title, fix, immediate, outcome: on === undefined ? 'neutral' : on ? 'fail' : 'ok' };
}

/** The first unresolved status-page incident that touches the API, as a fact for the alert. */
export function anthropicFact(report: StatusReport): AnthropicFact | undefined {
  if (!report.statusPage.reachable) return undefined;
  const i = report.statusPage.incidents.find((x) => x.affectsApi && !CLOSED_STATUSES.has(x.status.toLowerCase()));
  if (!i) return undefined;
  return {
    ...(i.id ? { id: i.id } : {}), name: i.name, status: i.status, impact: i.impact, ...(i.url ? { url: i.url } : {}),
    ...(i.latestUpdate ? { update: i.latestUpdate } : {}),
  };
}
