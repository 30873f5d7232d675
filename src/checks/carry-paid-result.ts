import type { CheckResult, StatusReport } from './check-result.js';
import { decideVerdict } from './decide-verdict.js';

/**
 * A report whose paid probe did not run this round, with the last paid result standing in for it (marked with the
 * round it came from) and the verdict decided again: between two paid probes a spent credit balance is still spent,
 * so the report (Re-check, App Home) must not fall back to "operational" in between.
 */
export function carryPaidResult(report: StatusReport, last: CheckResult & { carriedFrom: string }): StatusReport {
  const i = report.checks.findIndex((c) => c.id === 'generation' && c.status === 'skip' && c.subject === last.subject);
  if (i < 0) return report;
  const carried: CheckResult = { ...last, detail: [...last.detail, `from the paid probe of ${last.carriedFrom} (it runs at its own cadence)`] };
  const checks = report.checks.map((c, j) => (j === i ? carried : c));
  const decision = decideVerdict(checks, report.statusPage);
  return { ...report, verdict: decision.verdict, blame: decision.blame, headline: decision.headline, checks: decision.checks };
}
