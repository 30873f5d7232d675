import type { CheckId, CheckResult, StatusReport } from '../../checks/check-result.js';
import { failureDetail } from '../../checks/describe-failure.js';
import { headroomFraction, RATE_LIMIT_WINDOWS } from '../../checks/check-rate-limits.js';
import { isOwnRefusal } from '../../ports/category.js';
import type { ApiFailure, LaneSnapshot, RateLimitHeaders, RateLimitWindow } from '../../ports/claude-api.js';
import { formatCount } from '../../text/format-count.js';
import { codeSpan as code, esc, link, slackDate, STATUS_EMOJI, type Part as ReportPart } from '../kit/index.js';
import { checkWords } from './check-words.js';

const LABEL: Record<CheckId, string> = {
  key_format: 'API key format', auth: 'Authentication', model: 'Model', generation: 'Generation',
  rate_limits: 'Rate limits', status_page: 'Status page', resilience: 'Limiter and breaker',
};
// A check with pages of detail would crowd out the others; the rest is one `/claude-status <part>` away.
const MAX_DETAIL_LINES = 6;
const BRIEF_INCIDENTS = 10;

const n = formatCount;

/**
 * One check: status emoji, what it was about, its summary, then facts, the API's own error, and the fix.
 * `brief` (for reports too big for one message): one line, with the fix of a failure only. `baseURL`: the configured
 * ANTHROPIC_BASE_URL, which a fix naming the public API is aimed at.
 */
export function checkPart(check: CheckResult, brief = false, baseURL?: string): ReportPart {
  const subject = check.subject ? ` ${code(check.subject)}` : '';
  const latency = check.latencyMs !== undefined ? ` _(${Math.round(check.latencyMs)} ms)_` : '';
  const head = `${STATUS_EMOJI[check.status]} *${LABEL[check.id]}*${subject} — ${checkWords(check.summary, brief ? 160 : 500)}${latency}`;
  if (brief) return { kind: 'section', lines: [check.fix && (check.status === 'fail' || check.status === 'warn') ? `${head} *Fix:* ${checkWords(check.fix, 160, baseURL)}` : head] };
  const lines = [head];
  // The API's own words are said once, by apiErrorLine: the detail lines that repeat them are left out.
  const apiLines = new Set(check.failure ? failureDetail(check.failure) : []);
  const detail = check.detail.filter((d) => !apiLines.has(d));
  lines.push(...detail.slice(0, MAX_DETAIL_LINES).map((d) => `      • ${checkWords(d, 300, baseURL)}`));
  if (detail.length > MAX_DETAIL_LINES) lines.push(`      • _…and ${detail.length - MAX_DETAIL_LINES} more_`);
  if (check.failure && check.status !== 'ok') lines.push(`      ${apiErrorLine(check.failure)}`);
  if (check.fix && check.status !== 'ok') lines.push(`      *Fix:* ${checkWords(check.fix, 600, baseURL)}`);
  return { kind: 'section', lines };
}

/**
 * The API's own error, once: status and type as a code span, its message, the request id to quote. A failure without
 * a status (a timeout, a refused connection) came from our side and says so.
 */
export function apiErrorLine(f: ApiFailure): string {
  const said = [f.status, f.type, f.errorCode].filter((p) => p !== undefined).join(' ');
  const request = f.requestId ? ` · request ${code(f.requestId)}` : '';
  const retry = f.retryAfterSeconds !== undefined ? ` · retry after ${f.retryAfterSeconds} s` : '';
  // No status: the API said nothing. A timeout is our own limit running out; the SDK's "Timed out after 30000ms"
  // would read as if the API had said it.
  if (f.status === undefined && f.category === 'timeout' && f.kind !== 'aborted') return '_No answer from the API within the time allowed (our timeout; the API said nothing)_';
  if (f.status === undefined && f.category === 'connection') return `_Could not connect to the API: ${checkWords(f.message, 300)}_`;
  // Our own guard kept it: the API was never asked.
  if (f.status === undefined && f.kind !== 'aborted' && isOwnRefusal(f.kind)) return `_Not sent, the bot's own guard held it: ${checkWords(f.message, 300)}_${retry}`;
  if (f.status === undefined) return `_No answer from the API: ${checkWords(f.message, 300)}_${request}`;
  return `_API said_ ${code(said)} ${checkWords(f.message, 300)}${request}${retry}`;
}

const checksOf = (report: StatusReport, ids: CheckId[], brief: boolean, baseURL?: string): ReportPart[] =>
  report.checks.filter((c) => ids.includes(c.id)).map((c) => checkPart(c, brief, baseURL));
const title = (text: string): ReportPart => ({ kind: 'section', lines: [text] });

export function keyParts(report: StatusReport, brief = false, baseURL?: string): ReportPart[] {
  const { masked, organizationId, workspaceId } = report.key;
  const facts = [`Key ${code(masked)}`, `organisation ${organizationId ? code(organizationId) : '_unknown_'}`];
  if (workspaceId) facts.push(`workspace ${code(workspaceId)}`);
  // The key is in the title: its format check adds a line only when something is wrong with it.
  const formatOk = report.checks.some((c) => c.id === 'key_format' && c.status === 'ok');
  return [title(`*:key: API key*\n${facts.join(' · ')}`), ...checksOf(report, formatOk ? ['auth'] : ['key_format', 'auth'], brief, baseURL)];
}

export function modelParts(report: StatusReport, brief = false, baseURL?: string): ReportPart[] {
  const checked = new Set(report.checks.filter((c) => c.id === 'model').map((c) => c.subject));
  // Every configured model is named: those without a check of their own are listed, twenty to a line.
  const unchecked = report.models.filter((m) => !checked.has(m));
  const lines = [`*:robot_face: Models* (${report.models.length} configured)`];
  for (let i = 0; i < unchecked.length; i += 20) lines.push(`Not checked: ${unchecked.slice(i, i + 20).map(code).join(', ')}`);
  const models = brief ? groupedModelParts(report.checks.filter((c) => c.id === 'model'), baseURL) : checksOf(report, ['model'], false, baseURL);
  return [{ kind: 'section', lines }, ...models, ...checksOf(report, ['generation'], brief, baseURL)];
}

/** Brief: models with the same outcome share one line, so hundreds of ids still fit one message. */
function groupedModelParts(checks: CheckResult[], baseURL?: string): ReportPart[] {
  const groups = new Map<string, CheckResult[]>();
  for (const check of checks) {
    const key = `${check.status}\u0000${check.summary}`;
    groups.set(key, [...(groups.get(key) ?? []), check]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const fix = first.fix && first.status === 'fail' ? ` *Fix:* ${checkWords(first.fix, 160, baseURL)}` : '';
    const ids = group.map((c) => code(c.subject ?? '?'));
    // Ids twenty to a line: a section packs whole lines, and one line of hundreds of ids would be clipped.
    const idLines: string[] = [];
    for (let i = 0; i < ids.length; i += 20) idLines.push(ids.slice(i, i + 20).join(', '));
    if (group.length === 1) return { kind: 'section', lines: [`${STATUS_EMOJI[first.status]} *Model* ${idLines[0]} — ${checkWords(first.summary, 160)}${fix}`] };
    return { kind: 'section', lines: [`${STATUS_EMOJI[first.status]} *${group.length} models* — ${checkWords(first.summary, 160)}${fix}`, ...idLines] };
  });
}

function windowText(label: string, w: RateLimitWindow): string {
  const left = headroomFraction(w);
  const percent = left !== undefined ? ` (${Math.round(left * 100)}%)` : '';
  const reset = w.resetAt ? `, full ${slackDate(w.resetAt)}` : '';
  return `${label} ${n(w.remaining)}/${n(w.limit)} left${percent}${reset}`;
}

function headroomLine(lane: string, headers: RateLimitHeaders | undefined): string {
  const windows = RATE_LIMIT_WINDOWS.flatMap(({ key, label }) => (headers?.[key] ? [windowText(label, headers[key])] : []));
  if (headers?.retryAfterSeconds !== undefined) windows.push(`retry after ${headers.retryAfterSeconds} s`);
  return `*${lane}:* ${windows.length ? windows.join(' · ') : '_no rate-limit headers seen_'}`;
}

export function limitParts(report: StatusReport, _brief = false, baseURL?: string): ReportPart[] {
  const lines = ['*:bar_chart: Rate-limit headroom*', headroomLine('Messages', report.rateLimits.messages), headroomLine('Free endpoints', report.rateLimits.free)];
  // The check's own detail repeats the lines above: its verdict line (and fix) is enough here.
  return [{ kind: 'section', lines }, ...checksOf(report, ['rate_limits'], true, baseURL)];
}

const BREAKER_EMOJI = { closed: ':large_green_circle:', 'half-open': ':large_yellow_circle:', open: ':red_circle:' } as const;

function laneLine(name: string, lane: LaneSnapshot): string {
  const paused = lane.pausedUntil ? ` · *holding after a 429 until ${slackDate(lane.pausedUntil)}*` : '';
  return `Limiter *${name}*: ${n(lane.running)} running, ${n(lane.queued)} queued, ${n(lane.dropped)} dropped · paced at ${n(lane.effectiveRpm)} of ${n(lane.configuredRpm)} rpm${paused}`;
}

export function breakerParts(report: StatusReport, _brief = false, baseURL?: string): ReportPart[] {
  const { breaker, limiter } = report.resilience;
  const lines = ['*:electric_plug: Limiter and circuit breaker*'];
  const opened = breaker.openedAt ? ` · opened ${slackDate(breaker.openedAt)}` : '';
  const next = breaker.nextAttemptAt ? ` · next try ${slackDate(breaker.nextAttemptAt)}` : '';
  lines.push(`Breaker ${BREAKER_EMOJI[breaker.state]} *${breaker.state}* — ${n(breaker.failures)} failures, ${n(breaker.timeouts)} timeouts, ${n(breaker.rejections)} refused, ${Math.round(breaker.errorPercent)}% errors${opened}${next}`);
  for (const [name, lane] of Object.entries(limiter.lanes)) lines.push(laneLine(name, lane));
  lines.push(`429s from the API: ${n(limiter.rateLimited)}${limiter.last429At ? `, last ${slackDate(limiter.last429At)}` : ''}`);
  return [{ kind: 'section', lines }, ...checksOf(report, ['resilience'], true, baseURL)];
}

const INDICATOR_EMOJI = { none: ':large_green_circle:', minor: ':large_yellow_circle:', major: ':large_orange_circle:', critical: ':red_circle:', maintenance: ':wrench:', unknown: ':grey_question:' } as const;

export function incidentParts(report: StatusReport, brief = false, baseURL?: string): ReportPart[] {
  const page = report.statusPage;
  const lines = ['*:satellite_antenna: Anthropic status page*'];
  if (!page.reachable) {
    lines.push(`:grey_question: Unreachable (tried ${page.tried.map((t) => esc(t, 100)).join(', ') || 'nothing'}): ${esc(page.error, 300)}`);
  } else {
    lines.push(`${INDICATOR_EMOJI[page.indicator]} ${esc(page.description, 200)} — ${link(page.source, 'source')}`);
    if (page.apiComponent) lines.push(`${esc(page.apiComponent.name, 100)}: *${esc(page.apiComponent.status, 60)}*`);
    if (!page.incidents.length) lines.push('No open incidents.');
    // Brief: the first few, then a pointer to the page itself, which lists them all.
    const shown = brief ? page.incidents.slice(0, BRIEF_INCIDENTS) : page.incidents;
    for (const incident of shown) {
      const since = incident.startedAt ? `, since ${slackDate(incident.startedAt)}` : '';
      const api = incident.affectsApi ? ' · *affects the API*' : '';
      lines.push(`• ${link(incident.url, incident.name)} — ${esc(incident.status, 60)}, impact ${esc(incident.impact, 60)}${since}${api}`);
    }
    if (shown.length < page.incidents.length) lines.push(`• _…and ${page.incidents.length - shown.length} more on ${link(page.source, 'the status page')}_`);
  }
  return [{ kind: 'section', lines }, ...checksOf(report, ['status_page'], true, baseURL)];
}
