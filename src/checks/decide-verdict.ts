import type { Category } from '../ports/category.js';
import type { Blame, CheckId, CheckResult, StatusPageSummary, Verdict } from './check-result.js';
import { adviseFailure } from './advise-failure.js';
import { describeFailure } from './describe-failure.js';

export interface VerdictDecision {
  verdict: Verdict;
  blame: Blame;
  headline: string;
  /** The checks again, each failing or warning one with a fix. */
  checks: CheckResult[];
}

/** Generation failures that mean no Messages call can succeed with this key, whatever the free probes said. */
const GENERATION_BLOCKERS: ReadonlySet<Category> = new Set(['billing', 'invalid_request', 'permission', 'auth']);
/** Which finding to name first in the headline. */
const ORDER: readonly CheckId[] = ['key_format', 'auth', 'generation', 'model', 'status_page', 'rate_limits', 'resilience'];

const bad = (c: CheckResult) => c.status === 'fail' || c.status === 'warn';

/**
 * The verdict and "is it us or is it Claude?": down when this key cannot use the API (malformed or rejected key,
 * every model refused, or Messages blocked by billing, spend cap or a disabled organisation); degraded when
 * something warns or one part fails; operational otherwise. Our own faults outrank an incident on the status page.
 */
export function decideVerdict(checks: CheckResult[], statusPage?: StatusPageSummary): VerdictDecision {
  const withFixes = checks.map((c) => (bad(c) ? withAdvice(c) : c));
  // A status page that could not be read says nothing about the API: its warning stays on its line, not in the verdict.
  const pageUnread = statusPage?.reachable === false;
  const sorted = [...withFixes].filter((c) => bad(c) && !(pageUnread && c.id === 'status_page')).sort((a, b) => rank(a) - rank(b));
  const models = withFixes.filter((c) => c.id === 'model' && c.status !== 'skip');
  const blockers = withFixes.filter(
    (c) =>
      c.status === 'fail' &&
      (c.id === 'key_format' ||
        c.id === 'auth' ||
        (c.id === 'generation' && c.failure !== undefined && GENERATION_BLOCKERS.has(c.failure.category)) ||
        (c.id === 'model' && models.length > 0 && models.every((m) => m.status === 'fail'))),
  );
  const verdict: Verdict = blockers.length > 0 ? 'down' : sorted.length > 0 ? 'degraded' : 'operational';
  if (verdict === 'operational') {
    const headline = pageUnread
      ? 'Operational: the key works and the models answer; the Anthropic status page could not be read (see its line).'
      : 'Operational: the key works, the models answer and Anthropic reports no API incident.';
    return { verdict, blame: 'none', checks: withFixes, headline };
  }
  const fails = sorted.filter((c) => c.status === 'fail');
  const incident = sorted.find((c) => c.id === 'status_page');
  const blame = decideBlame(fails, sorted, incident !== undefined && statusPage?.reachable !== false, statusPage);
  const culprit = blockers[0] ?? fails[0] ?? sorted[0];
  const whose = { us: "it's us", anthropic: "it's Claude", network: 'it looks like the network', unknown: 'cause unclear', none: '' }[blame];
  const also = blame === 'anthropic' && incident && incident !== culprit ? ` ${sentence(incident.summary)}` : '';
  const headline = `${verdict === 'down' ? 'Down' : 'Degraded'} — ${whose}: ${sentence(culprit?.summary ?? 'see the checks')}${also}`;
  return { verdict, blame, headline, checks: withFixes };
}

function decideBlame(fails: CheckResult[], all: CheckResult[], apiIncident: boolean, statusPage?: StatusPageSummary): Blame {
  const of = (list: CheckResult[]) => new Set(list.map((c) => blameOf(c, statusPage)));
  const failing = of(fails);
  if (failing.has('us')) return 'us';
  // Timeouts or 5xx while Anthropic reports an API incident: the incident is the likelier cause.
  if (apiIncident) return 'anthropic';
  for (const blame of ['anthropic', 'network'] as const) if (failing.has(blame)) return blame;
  const warning = of(all);
  for (const blame of ['us', 'anthropic', 'network'] as const) if (warning.has(blame)) return blame;
  return 'unknown';
}

function blameOf(check: CheckResult, statusPage?: StatusPageSummary): Blame {
  if (check.failure) return describeFailure(check.failure).blame;
  switch (check.id) {
    case 'status_page': return statusPage?.reachable === false ? 'network' : 'anthropic';
    case 'resilience': return 'unknown';
    default: return 'us';
  }
}

/** Every failing or warning check leaves with a fix; one that failed on an API error also with the knowledge base's cause and steps. */
function withAdvice(check: CheckResult): CheckResult {
  const fix = check.fix ?? (check.failure ? describeFailure(check.failure).fix : 'See the detail lines; run the check again to confirm.');
  if (!check.failure || check.cause) return { ...check, fix };
  return { ...check, fix, ...adviseFailure(check.failure) };
}

/** Ends a summary with one full stop, whatever punctuation the API's own message brought. */
const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

const rank = (c: CheckResult): number => (c.status === 'fail' ? 0 : 10) + ORDER.indexOf(c.id);
