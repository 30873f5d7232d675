import type { CheckResult, StatusReport } from '../../checks/check-result.js';
import { checksToShow, firstFix, headroomKnown, healthyInOrder, type HealthyLine } from '../../checks/glance-at-report.js';
import { codeSpan, countOf, fallbackText, fitBlocks, slackDate, STATUS_EMOJI, VERDICT_EMOJI, type KnownBlock, type Part } from '../kit/index.js';
import { checkWords, plainCheckWords } from './check-words.js';
import { apiErrorLine, breakerParts, incidentParts, keyParts, limitParts, modelParts } from './report-parts.js';

/** Which part of the report to show; `all` is the glance. */
export type ReportSection = 'all' | 'key' | 'models' | 'limits' | 'breaker' | 'incidents';

export interface RenderedMessage {
  /** Plain fallback for notifications and screen readers (≤ 4,000 characters, escaped). */
  text: string;
  /** At most 50 blocks, each within Slack's limits. */
  blocks: KnownBlock[];
}

/** Slack asks to keep top-level `text` at or under 4,000 characters. */
export const MAX_FALLBACK_TEXT = 4000;
/** Past this much text a message is a wall nobody reads (and large payloads risk `msg_too_long`): go brief. */
export const READABLE_CHARS = 12_000;
// The glance lists at most this many problems in full; the rest are counted and one command away.
const MAX_PROBLEMS = 8;

const blockTextLength = (blocks: KnownBlock[]): number =>
  blocks.reduce((sum, block) => sum + ('text' in block && typeof block.text === 'object' ? block.text.text.length : 0), 0);

const SECTIONS: Record<Exclude<ReportSection, 'all'>, (report: StatusReport, brief: boolean, baseURL?: string) => Part[]> = {
  key: keyParts, models: modelParts, limits: limitParts, breaker: breakerParts, incidents: incidentParts,
};

/**
 * The status report as a Slack message. `all` is built for a glance (Statuspage's and PagerDuty's Slack messages are
 * the models): the verdict sentence and the one thing to do first on top, when and with which key it was checked,
 * then one line per problem (the API's words once, each fix once) and one line per healthy area; the details are one
 * `/claude-status <part>` away. A part asked for shows its full detail. Every outside text is escaped; times are
 * `<!date>` tokens; fixes name `baseURL` (the configured ANTHROPIC_BASE_URL) where the advice names the public API.
 */
export function renderReport(report: StatusReport, options: { section?: ReportSection; baseURL?: string } = {}): RenderedMessage {
  const { section = 'all', baseURL } = options;
  const text = fallback(report);
  if (section === 'all') return { text, blocks: fitBlocks(glanceParts(report, baseURL)).blocks };
  const hint = 'Some lines were left out to fit Slack’s limits.';
  const parts = (brief: boolean): Part[] => [...headParts(report, baseURL), { kind: 'divider' }, ...SECTIONS[section](report, brief, baseURL)];
  let fitted = fitBlocks(parts(false), undefined, hint);
  if (fitted.cut > 0 || blockTextLength(fitted.blocks) > READABLE_CHARS) fitted = fitBlocks(parts(true), undefined, hint);
  return { text, blocks: fitted.blocks };
}

/** The verdict once (its sentence starts with the verdict word), the fix to do first, and the context. */
function headParts(report: StatusReport, baseURL?: string): Part[] {
  const first = firstFix(report);
  const lines = [`${VERDICT_EMOJI[report.verdict]} *${checkWords(report.headline, 600)}*`];
  if (first) lines.push(`*First:* ${checkWords(first, 600, baseURL)}`);
  const took = report.durationMs >= 1000 ? `${(report.durationMs / 1000).toFixed(1)} s` : `${Math.round(report.durationMs)} ms`;
  return [
    { kind: 'section', lines },
    { kind: 'context', texts: [`Checked ${slackDate(report.checkedAt)} in ${took} · key ${codeSpan(report.key.masked, 80)}`] },
  ];
}

function glanceParts(report: StatusReport, baseURL?: string): Part[] {
  const { problems } = checksToShow(report);
  const parts = headParts(report, baseURL);
  const shownFixes = new Set([firstFix(report)]);
  if (problems.length > 0) {
    const lines = problems.slice(0, MAX_PROBLEMS).flatMap((check) => problemLines(check, shownFixes, baseURL));
    if (problems.length > MAX_PROBLEMS) lines.push(`_…and ${countOf(problems.length - MAX_PROBLEMS, 'more problem')}: \`/claude-status models\` or \`limits\` shows them._`);
    parts.push({ kind: 'section', lines });
  }
  const ok = healthyInOrder(report).map((line) => healthyLine(report, line));
  if (ok.length) parts.push({ kind: 'section', lines: ok });
  parts.push({ kind: 'context', texts: ['More: `/claude-status key` · `models` · `limits` · `breaker` · `incidents` · `history`'] });
  return parts;
}

/** One healthy line: the usable models together (counted past three), or a check's own sentence; unknown headroom is '?'. */
export function healthyLine(report: StatusReport, line: HealthyLine): string {
  if (line.kind === 'models') return `${STATUS_EMOJI.ok} ${line.ids.length > 3 ? countOf(line.ids.length, 'model') : line.ids.map((m) => codeSpan(m)).join(', ')} usable`;
  const { check } = line;
  return `${check.id === 'rate_limits' && !headroomKnown(report) ? ':grey_question:' : STATUS_EMOJI.ok} ${checkWords(check.summary, 200)}`;
}

/** One problem: what, the API's own words with the request id to quote, and its fix unless already said. */
function problemLines(check: CheckResult, shownFixes: Set<string | undefined>, baseURL?: string): string[] {
  const lines = [`${STATUS_EMOJI[check.status]} *${checkWords(check.summary, 300)}*`];
  if (check.failure) lines.push(`      ${apiErrorLine(check.failure)}`);
  if (check.fix && !shownFixes.has(check.fix)) {
    shownFixes.add(check.fix);
    lines.push(`      *Fix:* ${checkWords(check.fix, 400, baseURL)}`);
  }
  return lines;
}

function fallback(report: StatusReport): string {
  const lines = [`${VERDICT_EMOJI[report.verdict]} ${plainCheckWords(report.headline, 600)}`];
  for (const check of report.checks.filter((c) => c.status === 'fail' || c.status === 'warn').slice(0, 20)) lines.push(`• ${plainCheckWords(check.summary, 300)}`);
  return fallbackText(lines.join('\n'));
}
