import type { types } from '@slack/bolt';
import type { Blame, StatusReport } from '../../checks/check-result.js';
import { clipMrkdwn, esc, fitBlocks, slackDate, VERDICT_EMOJI, type Part as ReportPart } from '../kit/index.js';
import { breakerParts, incidentParts, keyParts, limitParts, modelParts } from './report-parts.js';

type KnownBlock = types.KnownBlock;

/** Which part of the report to show; `all` is everything. */
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

const blockTextLength = (blocks: KnownBlock[]): number =>
  blocks.reduce((sum, block) => sum + ('text' in block && typeof block.text === 'object' ? block.text.text.length : 0), 0);

const BLAME: Record<Blame, string> = {
  none: 'Nothing is wrong.',
  us: 'It’s on our side: the key, the account or our configuration.',
  anthropic: 'It’s on Claude’s side.',
  network: 'It looks like the network between us and the API.',
  unknown: 'The cause is unclear.',
};
const SECTIONS: Record<Exclude<ReportSection, 'all'>, (report: StatusReport, brief: boolean) => ReportPart[]> = {
  key: keyParts, models: modelParts, limits: limitParts, breaker: breakerParts, incidents: incidentParts,
};

/**
 * The status report as a Slack message: verdict and headline first, then the key and organisation, every model,
 * rate-limit headroom, the limiter and breaker, and the status page — or only the part asked for. Every text from
 * outside (API messages, status page, model ids) is escaped, and the result always fits Slack's limits.
 */
export function renderReport(report: StatusReport, options: { section?: ReportSection } = {}): RenderedMessage {
  const section = options.section ?? 'all';
  const head: ReportPart[] = [
    { kind: 'header', text: `${VERDICT_EMOJI[report.verdict]} Claude API: ${report.verdict}` },
    { kind: 'section', lines: [`*${esc(report.headline, 600)}*`, report.verdict === 'operational' ? '' : BLAME[report.blame]].filter(Boolean) },
    { kind: 'context', texts: [`Checked ${slackDate(report.checkedAt)} in ${Math.round(report.durationMs)} ms`, `Key ${esc(report.key.masked, 80)}`, `Organisation ${report.key.organizationId ? esc(report.key.organizationId, 80) : 'unknown'}`] },
  ];
  const body = (brief: boolean): ReportPart[] => {
    const areas = section === 'all' ? Object.values(SECTIONS).map((parts) => parts(report, brief)) : [SECTIONS[section](report, brief)];
    return areas.flatMap((parts) => [{ kind: 'divider' } as ReportPart, ...parts]);
  };
  const hint = section === 'all' ? 'Ask for one part, e.g. `/claude-status models`, to see more.' : 'Some lines were left out to fit Slack’s limits.';
  // Full detail when it fits and stays readable; else one line per check (models grouped by outcome), so that
  // every check and model id still shows.
  let fitted = fitBlocks([...head, ...body(false)], undefined, hint);
  if (fitted.cut > 0 || blockTextLength(fitted.blocks) > READABLE_CHARS) fitted = fitBlocks([...head, ...body(true)], undefined, hint);
  return { text: fallbackText(report, section), blocks: fitted.blocks };
}

function fallbackText(report: StatusReport, section: ReportSection): string {
  const lines = [`${VERDICT_EMOJI[report.verdict]} Claude API ${report.verdict}: ${esc(report.headline, 600)}`];
  if (section === 'all') {
    for (const check of report.checks.filter((c) => c.status === 'fail' || c.status === 'warn')) {
      lines.push(`• ${check.subject ? `${esc(check.subject, 100)}: ` : ''}${esc(check.summary, 300)}`);
    }
  }
  return clipMrkdwn(lines.join('\n'), MAX_FALLBACK_TEXT);
}
