import type { CheckResult, CheckStatus, StatusReport } from '../checks/check-result.js';
import { failureDetail } from '../checks/describe-failure.js';
import { firstFix, headroomKnown } from '../checks/glance-at-report.js';
import { DEFAULT_BASE_URL, retargetFix as retarget } from '../checks/retarget-fix.js';
import type { ApiFailure } from '../ports/claude-api.js';
import { scrubSecrets } from '../secrets/scrub-secrets.js';
import { localTime, withLocalTimes } from './local-time.js';

type Mark = CheckStatus | 'unknown';
const MARK: Record<Mark, string> = { ok: '✔', warn: '!', fail: '✖', skip: '-', unknown: '?' };
const COLOUR: Record<Mark, number> = { ok: 32, warn: 33, fail: 31, skip: 90, unknown: 90 };
const VERDICT_COLOUR = { operational: 32, degraded: 33, down: 31 } as const;

export interface TextReportOptions {
  colour: boolean;
  /** The configured ANTHROPIC_BASE_URL: a timeout names it, and it is shown when it is not the default. */
  baseURL?: string;
  /** The probes' timeout, for "no answer within 10 s". */
  timeoutSeconds?: number;
  /** For tests: the time "today" is judged against, and the zone times are shown in. */
  now?: number;
  timeZone?: string;
}

/**
 * The report for a terminal, for a glance: the verdict sentence (coloured, said once) and the one thing to do first,
 * then a line per check — healthy models on one line, details and the API's words only where something is wrong,
 * each fix printed once however many checks share it. Times in the reader's zone.
 */
export function renderReportText(report: StatusReport, options: TextReportOptions): string {
  const paint = (code: number, text: string) => (options.colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const baseURL = options.baseURL ?? DEFAULT_BASE_URL;
  const time = (line: string) => withLocalTimes(line, options.now, options.timeZone);
  const lines = [paint(VERDICT_COLOUR[report.verdict], `● ${report.headline}`)];
  const first = firstFix(report);
  if (first) lines.push(`  First: ${time(retarget(first, baseURL))}`);
  const where = baseURL === DEFAULT_BASE_URL ? '' : ` · ${baseURL}`;
  const took = report.durationMs >= 1000 ? `${(report.durationMs / 1000).toFixed(1)} s` : `${Math.round(report.durationMs)} ms`;
  lines.push(paint(90, `  key ${report.key.masked} · checked ${localTime(report.checkedAt, options.now, options.timeZone)} in ${took}${where}`), '');

  const fixesShown = new Set(first ? [first] : []);
  const okModels = report.checks.filter((c) => c.id === 'model' && c.status === 'ok');
  for (const check of report.checks) {
    // The key is on the line above; its format check speaks only when something is wrong with it.
    if (check.id === 'key_format' && check.status === 'ok') continue;
    if (check.id === 'model' && check.status === 'ok') {
      if (check !== okModels[0]) continue;
      const ids = okModels.map((c) => c.subject ?? '?');
      lines.push(`${paint(COLOUR.ok, MARK.ok)} ${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} usable`);
      continue;
    }
    const mark = markOf(check, report);
    const latency = check.status === 'ok' && check.latencyMs !== undefined ? paint(90, ` (${Math.round(check.latencyMs)} ms)`) : '';
    lines.push(`${paint(COLOUR[mark], MARK[mark])} ${time(check.summary)}${latency}`);
    if (check.status === 'ok' || check.status === 'skip') continue;
    const apiLines = new Set(check.failure ? failureDetail(check.failure) : []);
    if (check.failure) lines.push(`    ${failureLine(check.failure, baseURL, options.timeoutSeconds)}`);
    for (const line of check.detail) if (!apiLines.has(line)) lines.push(`    ${time(line)}`);
    if (check.fix && !fixesShown.has(check.fix)) {
      fixesShown.add(check.fix);
      lines.push(`    fix: ${time(retarget(check.fix, baseURL))}`);
    }
  }
  return lines.join('\n');
}

/** Headroom the API never reported is not a success: neither ✔ nor a warning. */
function markOf(check: CheckResult, report: StatusReport): Mark {
  if (check.id !== 'rate_limits' || check.status !== 'ok') return check.status;
  return headroomKnown(report) ? 'ok' : 'unknown';
}

/**
 * What went wrong, said once: the API's own status, type and words with the request id to quote; a timeout or a
 * refused connection is ours to word (the API said nothing), naming the base URL actually configured.
 */
export function failureLine(failure: ApiFailure, baseURL: string, timeoutSeconds?: number): string {
  if (failure.status === undefined && failure.category === 'timeout' && failure.kind !== 'aborted') {
    return `no answer within ${timeoutSeconds ?? 'the'}${timeoutSeconds === undefined ? ' time allowed' : ' s'} from ${baseURL}`;
  }
  if (failure.status === undefined && failure.category === 'connection') return `could not connect to ${baseURL}: ${scrubSecrets(failure.message)}`;
  const head = [failure.status, failure.type, failure.errorCode].filter((part) => part !== undefined).join(' ');
  const request = failure.requestId ? ` · request ${failure.requestId}` : '';
  const retry = failure.retryAfterSeconds !== undefined ? ` · retry after ${failure.retryAfterSeconds} s` : '';
  return `API said ${head ? `${head}: ` : ''}${scrubSecrets(failure.message)}${request}${retry}`;
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
