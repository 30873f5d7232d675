import type { CheckResult, StatusReport } from './check-result.js';

/**
 * What every surface (Slack report, App Home, CLI) reads off a report to make it scannable, decided once: the one fix
 * to do first, whether the API reported any headroom at all, and which checks a healthy line can stand for.
 */

/** The fix of the check the verdict rests on: the first failing one, else the first warning; none when operational. */
export function firstFix(report: StatusReport): string | undefined {
  if (report.verdict === 'operational') return undefined;
  const culprit = report.checks.find((c) => c.status === 'fail' && c.fix) ?? report.checks.find((c) => c.status === 'warn' && c.fix);
  return culprit?.fix;
}

/** True when the API sent any rate-limit header: "headroom unknown" is not a success, whatever the check's status. */
export function headroomKnown(report: StatusReport): boolean {
  return [report.rateLimits.messages, report.rateLimits.free].some((h) => Boolean(h && (h.requests || h.tokens || h.inputTokens || h.outputTokens)));
}

/** The model ids whose check passed, in report order: one line says them all. */
export const usableModels = (report: StatusReport): string[] =>
  report.checks.filter((c) => c.id === 'model' && c.status === 'ok').map((c) => c.subject ?? '?');

/**
 * The checks worth a line of their own: everything not ok, and the ok ones that say something the rest does not (the
 * key's format is shown with the key; usable models share one line).
 */
export function checksToShow(report: StatusReport): { problems: CheckResult[]; healthy: CheckResult[] } {
  const problems = report.checks.filter((c) => c.status !== 'ok');
  const healthy = report.checks.filter((c) => c.status === 'ok' && c.id !== 'key_format' && c.id !== 'model');
  return { problems, healthy };
}

/** The healthy lines in the checks' own order: one for every shown ok check, one for all usable models where the first stood. */
export type HealthyLine = { kind: 'models'; ids: string[] } | { kind: 'check'; check: CheckResult };

export function healthyInOrder(report: StatusReport): HealthyLine[] {
  const { healthy } = checksToShow(report);
  const firstModel = report.checks.find((c) => c.id === 'model' && c.status === 'ok');
  return report.checks.flatMap((c): HealthyLine[] => {
    if (c === firstModel) return [{ kind: 'models', ids: usableModels(report) }];
    return healthy.includes(c) ? [{ kind: 'check', check: c }] : [];
  });
}
