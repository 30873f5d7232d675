import type { CheckResult, CheckStatus, StatusReport } from '../checks/check-result.js';

const MARK: Record<CheckStatus, string> = { ok: '✔', warn: '!', fail: '✖', skip: '-' };
const COLOUR: Record<CheckStatus, number> = { ok: 32, warn: 33, fail: 31, skip: 90 };
const VERDICT_COLOUR = { operational: 32, degraded: 33, down: 31 } as const;

/** The report for a terminal: one line per check, its details and fix indented beneath; ANSI colour on a TTY. */
export function renderReportText(report: StatusReport, options: { colour: boolean }): string {
  const paint = (code: number, text: string) => (options.colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = [
    `${paint(VERDICT_COLOUR[report.verdict], report.verdict.toUpperCase())}  ${report.headline}`,
    `key ${report.key.masked}${report.key.organizationId ? `  organisation ${report.key.organizationId}` : ''}` +
      `${report.key.workspaceId ? `  workspace ${report.key.workspaceId}` : ''}`,
    `models ${report.models.join(', ') || '(none configured)'}`,
    '',
  ];
  for (const check of report.checks) lines.push(...renderCheck(check, paint));
  lines.push('', `checked ${report.checkedAt} in ${report.durationMs} ms`);
  return lines.join('\n');
}

function renderCheck(check: CheckResult, paint: (code: number, text: string) => string): string[] {
  const title = check.subject ? `${check.id} ${check.subject}` : check.id;
  const latency = check.latencyMs !== undefined ? ` (${Math.round(check.latencyMs)} ms)` : '';
  const lines = [`${paint(COLOUR[check.status], MARK[check.status])} ${title}: ${check.summary}${latency}`];
  // A failed probe's detail already holds the API's words and request id (failureDetail).
  for (const line of check.detail) lines.push(`    ${line}`);
  if (check.fix && check.status !== 'ok') lines.push(`    fix: ${check.fix}`);
  return lines;
}

/** The documented `--json` shape: `verdict`, and `checks` of `{ id, status, summary, detail }` (plus context). */
export function toJsonReport(report: StatusReport): Record<string, unknown> {
  return {
    verdict: report.verdict,
    blame: report.blame,
    headline: report.headline,
    checkedAt: report.checkedAt,
    durationMs: report.durationMs,
    key: report.key,
    models: report.models,
    checks: report.checks.map((c) => ({
      id: c.id,
      ...(c.subject ? { subject: c.subject } : {}),
      status: c.status === 'skip' ? 'warn' : c.status,
      summary: c.summary,
      detail: c.detail,
      ...(c.fix ? { fix: c.fix } : {}),
      ...(c.latencyMs !== undefined ? { latencyMs: Math.round(c.latencyMs) } : {}),
      ...(c.failure ? { error: c.failure } : {}),
    })),
    rateLimits: report.rateLimits,
    statusPage: report.statusPage,
    resilience: report.resilience,
  };
}
