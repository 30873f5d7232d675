import type { AlertIncidentView } from '../../monitor/alert-sink.js';
import type { AnthropicFact, FailureInfo } from '../../monitor/incident.js';
import { formatDuration } from '../../text/format-duration.js';
import { esc, link, mention, SEVERITY_LOOK, slackDate } from '../kit/index.js';

// Inside a code span a backtick would end it early; the text is escaped as well, since code spans still parse `<!…>`.
const code = (text: string, max = 120): string => `\`${esc(text.replace(/`/g, "'"), max)}\``;

/** The API's error as it gave it: status and type, message, request id. */
export function renderApiError(f: FailureInfo, maxMessage = 600): string {
  const head = [f.status !== undefined ? String(f.status) : undefined, f.type ?? f.kind ?? f.category].filter(Boolean).join(' ');
  const request = f.requestId ? ` · request ${code(f.requestId, 100)}` : '';
  return `${code(head, 80)} ${esc(f.message, maxMessage)}${request}`;
}

/**
 * "Acknowledged by Anthropic" (with the incident's name as a link, its status and latest update) vs "only us": the
 * first thing on-call wants to know. Once resolved, it tells what was learned while the alert was open (`fact`: the
 * incident as last seen), with no status that may have moved on since and no "so far".
 */
export function anthropicLine(acknowledged: boolean, fact?: AnthropicFact, state: 'open' | 'resolved' = 'open'): string {
  if (state === 'resolved') {
    if (acknowledged) return `:satellite_antenna: *Acknowledged by Anthropic* during this incident${fact ? `: ${link(fact.url, fact.name)}` : '.'}`;
    return ":mag: *Only us*: Anthropic's status page showed no open incident on the Claude API while this was open.";
  }
  if (fact) {
    const update = fact.update?.body ? `\n>${esc(fact.update.body, 400)}${fact.update.at ? ` (${slackDate(fact.update.at)})` : ''}` : '';
    return `:satellite_antenna: *Acknowledged by Anthropic*: ${link(fact.url, fact.name)} · ${esc(fact.update?.status ?? fact.status, 40)}${update}`;
  }
  return acknowledged
    ? ':satellite_antenna: *Acknowledged by Anthropic*: the status page reports an open incident on the Claude API.'
    : ":mag: *Only us (so far)*: Anthropic's status page shows no open incident on the Claude API.";
}

/** Our own breaker, as evidence inside the alert. */
export const BREAKER_LINE = ":electric_plug: The bot's circuit breaker is open: people's Claude calls fail fast until a probe passes.";

/** Who acknowledged, muted until when: empty when neither. */
export function handlingLine(i: AlertIncidentView): string {
  const parts: string[] = [];
  if (i.acknowledgedBy) parts.push(`:eyes: Acknowledged by ${mention(i.acknowledgedBy)}`);
  if (i.mutedUntil && i.status === 'open') parts.push(`:zzz: Muted until ${slackDate(i.mutedUntil)}`);
  return parts.join(' · ');
}

/** The full story of one incident, as the lines of a section (a single-incident root). */
export function incidentDetailLines(i: AlertIncidentView): string[] {
  const lines = [`*What failed:* ${esc(i.title, 300)}`];
  lines.push(`*Since:* ${slackDate(i.since)} · ${i.failures} failed round${i.failures === 1 ? '' : 's'}`);
  if (i.probes?.length) lines.push(`*Seen by:* ${esc(i.probes.join(', '), 300)}`);
  if (i.status === 'resolved') {
    const took = i.durationMs !== undefined ? ` after ${formatDuration(i.durationMs)}` : '';
    lines.push(`:white_check_mark: *Resolved* ${slackDate(i.resolvedAt)}${took}`);
  }
  if (i.lastFailure) lines.push(`*API error:* ${renderApiError(i.lastFailure)}`);
  if (i.cause) lines.push(`*Likely cause:* ${esc(i.cause, 800)}`);
  if (i.fix) lines.push(`*Fix:* ${esc(i.fix, 800)}`);
  return lines;
}

/** One line per incident for a grouped root (bounded, so 60 of them still fit Slack's limits). */
export function incidentLine(i: AlertIncidentView, withAdvice: boolean): string {
  const look = i.status === 'resolved' ? ':white_check_mark:' : SEVERITY_LOOK[i.severity].emoji;
  const state = i.status === 'resolved'
    ? `resolved${i.durationMs !== undefined ? ` after ${formatDuration(i.durationMs)}` : ''}`
    : `since ${slackDate(i.since)}`;
  const parts = [`${look} *${esc(i.title, 150)}* ${state}`];
  if (i.lastFailure) parts.push(renderApiError(i.lastFailure, 200));
  if (withAdvice && i.fix) parts.push(`_Fix:_ ${esc(i.fix, 250)}`);
  const handling = handlingLine(i);
  if (handling) parts.push(handling);
  return parts.join(' — ');
}
