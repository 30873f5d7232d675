import type { CheckId, CheckResult, StatusReport } from '../checks/check-result.js';
import { checkKey } from '../checks/check-result.js';
import type { Lane } from '../ports/claude-api.js';
import { classifyFailure, isNeutralClass } from './classify-failure.js';
import type { FailureClass, FailureInfo, IncidentKind, IncidentPolicy, Severity } from './incident.js';
import { lowestHeadroom } from '../checks/check-rate-limits.js';

/** One key's outcome in one round, before the streak logic. `immediate`: opens without waiting for a streak. */
export interface Observation {
  key: string;
  outcome: 'fail' | 'ok' | 'neutral';
  immediate: boolean;
  kind: IncidentKind;
  severity: Severity;
  title: string;
  failure?: FailureInfo;
  failureClass?: FailureClass;
  checkId?: CheckId;
  subject?: string;
  /** The check's own cause and fix (from the knowledge base, knowing which 404 it met), when it gave them. */
  cause?: string;
  fix?: string;
}

/** Checks whose meaning the monitor reads from the report's structured data instead (see the signals below). */
const SIGNAL_CHECKS: ReadonlySet<CheckId> = new Set(['status_page', 'resilience']);
const CLOSED_STATUSES = new Set(['resolved', 'postmortem', 'completed']);
const laneOf = (id: CheckId): Lane => (id === 'generation' ? 'messages' : 'free');

function observeCheck(check: CheckResult, report: StatusReport, policy: IncidentPolicy): Observation {
  // One literal per result, no object spread: spreading here made the policy several times slower (bench/monitor).
  const obs = (outcome: Observation['outcome'], immediate: boolean, severity: Severity, failure?: FailureInfo, failureClass?: FailureClass): Observation => ({
    key: checkKey(check), kind: 'probe', checkId: check.id, subject: check.subject, title: check.summary, cause: check.cause,
    fix: check.fix, outcome, immediate, severity, failure, failureClass,
  });
  if (check.status === 'skip') return obs('neutral', false, 'minor');
  if (check.status !== 'fail') return obs('ok', false, 'minor');
  const f = check.failure;
  const cls: FailureClass = f
    ? classifyFailure(f, report.resilience.limiter.lanes[laneOf(check.id)], policy.busyQueueDepth)
    : check.id === 'key_format' ? 'auth' : 'unknown';
  const failure = f && { category: f.category, kind: f.kind, status: f.status, type: f.type, message: f.message, requestId: f.requestId };
  if (isNeutralClass(cls)) return obs('neutral', false, 'minor', failure, cls);
  // A rejected key or a vanished model will not heal by waiting: say so at once.
  const immediate = cls === 'auth' || (check.id === 'model' && f?.category === 'not_found');
  const critical = cls === 'auth' || cls === 'billing' || check.id === 'generation' || check.id === 'auth';
  return obs('fail', immediate, critical ? 'critical' : 'major', failure, cls);
}

function signal(key: string, kind: IncidentKind, on: boolean | undefined, severity: Severity, title: string, fix?: string): Observation {
  return { key, kind, severity, title, fix, immediate: true, outcome: on === undefined ? 'neutral' : on ? 'fail' : 'ok' };
}

/** Every observation of one round: the probe checks, then the signals (breaker, headroom, status page, deprecation). */
export function observeReport(report: StatusReport, policy: IncidentPolicy): Observation[] {
  const out = report.checks.filter((c) => !SIGNAL_CHECKS.has(c.id)).map((c) => observeCheck(c, report, policy));
  const breaker = report.resilience.breaker.state;
  out.push(signal('breaker', 'breaker', breaker === 'half-open' ? undefined : breaker === 'open', 'major',
    "The bot's circuit breaker to the Claude API is open"));
  for (const lane of ['messages', 'free'] as const) {
    const ratio = lowestHeadroom(report.rateLimits[lane], report.checkedAt);
    out.push(signal(`headroom:${lane}`, 'headroom', ratio === undefined ? undefined : ratio < policy.headroomRatio, 'minor',
      `Rate-limit headroom on ${lane} is below ${Math.round(policy.headroomRatio * 100)}%` +
        (ratio === undefined ? '' : ` (${Math.round(ratio * 100)}% left)`)));
  }
  const anthropic = anthropicIncident(report);
  const impact = anthropic?.impact;
  out.push(signal('anthropic', 'status_page', report.statusPage.reachable ? anthropic !== undefined : undefined,
    impact === 'critical' ? 'critical' : impact === 'major' ? 'major' : 'minor',
    `Anthropic status page: ${anthropic?.name ?? 'incident on the Claude API'}`));
  for (const c of report.checks.filter((c) => c.id === 'model' && c.subject)) {
    // The model check warns when the configured model is deprecated (it still answers); a 404 is handled above.
    const on = c.status === 'skip' ? undefined : c.status === 'warn';
    out.push(signal(`deprecated:${c.subject}`, 'deprecated', on, 'minor', c.summary, c.fix));
  }
  return out;
}

/** The first unresolved status-page incident that touches the API, if any. */
export function anthropicIncident(report: StatusReport): { name: string; impact: string } | undefined {
  if (!report.statusPage.reachable) return undefined;
  return report.statusPage.incidents.find((i) => i.affectsApi && !CLOSED_STATUSES.has(i.status.toLowerCase()));
}
