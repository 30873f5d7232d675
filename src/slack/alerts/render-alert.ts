import type { types } from '@slack/bolt';
import type { AlertIncidentView, AlertRoot } from '../../monitor/alert-sink.js';
import { renderAlertActions } from './alert-actions.js';
import { formatDuration } from '../../text/format-duration.js';
import { clip, countOf, esc, plainDate, SEVERITY_LOOK } from '../kit/index.js';
import { anthropicLine, BREAKER_LINE, handlingLine, incidentDetailLines, incidentLine } from './render-incident.js';

type KnownBlock = types.KnownBlock;

/** A message for chat.postMessage / chat.update: `text` is the notification and screen-reader fallback. */
export interface AlertMessage {
  text: string;
  blocks: KnownBlock[];
}

// Slack's limits (reference/slack.md): 50 blocks, 3,000 characters a section, 150 a header, 4,000 for `text`.
const MAX_BLOCKS = 50;
const SECTION_CHARS = 3000;
const HEADER_CHARS = 150;
const TEXT_CHARS = 4000;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_CHARS) } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, 2000) }] });

/** Packs whole lines into section texts of at most 3,000 characters. */
function packLines(lines: string[]): string[] {
  const texts: string[] = [];
  let current = '';
  for (const line of lines.map((l) => clip(l, SECTION_CHARS))) {
    if (current && current.length + 1 + line.length > SECTION_CHARS) {
      texts.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) texts.push(current);
  return texts;
}

function headerText(root: AlertRoot): string {
  const look = root.status === 'resolved' ? ':white_check_mark: RESOLVED' : `${SEVERITY_LOOK[root.severity].emoji} ${SEVERITY_LOOK[root.severity].label.toUpperCase()}`;
  // Header blocks are plain_text: no mention can fire there, so the title needs clipping only.
  return clip(`${look} · ${root.title}`, HEADER_CHARS);
}

function resolvedSummary(incidents: AlertIncidentView[]): string | undefined {
  const ends = incidents.map((i) => i.resolvedAt).filter((t): t is string => t !== undefined).sort();
  const starts = incidents.map((i) => i.since).sort();
  const endMs = Date.parse(ends[ends.length - 1] ?? '');
  const startMs = Date.parse(starts[0] ?? '');
  if (Number.isNaN(endMs) || Number.isNaN(startMs)) return undefined;
  return `:white_check_mark: *Resolved* after ${formatDuration(endMs - startMs)} (${plainDate(starts[0])} → ${plainDate(ends[ends.length - 1])}).`;
}

function groupedBlocks(root: AlertRoot, budget: number): KnownBlock[] {
  const open = root.incidents.filter((i) => i.status === 'open');
  const fixes = new Set(root.incidents.map((i) => i.fix ?? ''));
  const shared = fixes.size === 1 ? root.incidents[0] : undefined;
  const summary = [`*${open.length} of ${root.incidents.length} problems open* on this key, one alert for all of them.`];
  if (shared?.cause) summary.push(`*Likely cause:* ${esc(shared.cause, 800)}`);
  if (shared?.fix) summary.push(`*Fix:* ${esc(shared.fix, 800)}`);
  const lines = root.incidents.map((i) => incidentLine(i, shared === undefined));
  let texts = packLines(lines);
  const room = budget - 1;
  let cutNote: KnownBlock[] = [];
  if (texts.length > room) {
    const shownLines = texts.slice(0, room - 1).join('\n').split('\n').length;
    texts = texts.slice(0, room - 1);
    cutNote = [context(`_${countOf(root.incidents.length - shownLines, 'more problem')} not shown, to fit Slack's limits._`)];
  }
  return [section(summary.join('\n')), ...texts.map(section), ...cutNote];
}

/**
 * The root message of an alert: severity, what failed and since when, the API's error, likely cause and fix,
 * "acknowledged by Anthropic" vs "only us", who acknowledged and muted until when, and — while open — the
 * Re-check / Acknowledge / Snooze buttons. Several incidents become one bounded list (≤50 blocks whatever their number).
 */
export function renderAlertRoot(root: AlertRoot): AlertMessage {
  const isOpen = root.status === 'open';
  const single = root.incidents.length === 1 ? root.incidents[0] : undefined;
  // Open: what the status page says now. Resolved: what was learned while it was open.
  const seen = root.incidents.find((i) => i.anthropicSeen)?.anthropicSeen;
  const anthropic = isOpen
    ? anthropicLine(root.incidents.some((i) => i.acknowledgedByAnthropic && i.status === 'open'), root.anthropic)
    : anthropicLine(seen !== undefined || root.incidents.some((i) => i.acknowledgedByAnthropic), seen, 'resolved');
  // Fixed blocks: header, Anthropic line, handling context, resolved line, actions.
  const body = single ? [section(incidentDetailLines(single).join('\n'))] : groupedBlocks(root, MAX_BLOCKS - 5);
  const handling = single ? handlingLine(single) : '';
  const resolved = isOpen ? undefined : resolvedSummary(root.incidents);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: headerText(root), emoji: true } },
    ...(resolved && !single ? [section(resolved)] : []),
    ...body,
    context(anthropic),
    ...(root.breakerOpen && isOpen ? [context(BREAKER_LINE)] : []),
    ...(handling ? [context(handling)] : []),
    ...(isOpen ? [renderAlertActions(root)] : []),
  ];
  return { text: fallbackText(root), blocks: blocks.slice(0, MAX_BLOCKS) };
}

/** The notification line: plain words, escaped, no date tokens. */
function fallbackText(root: AlertRoot): string {
  const since = root.incidents.map((i) => i.since).sort()[0];
  const state = root.status === 'resolved'
    ? `Resolved: ${root.title}`
    : `${SEVERITY_LOOK[root.severity].label.toUpperCase()}: ${root.title} — failing since ${plainDate(since)}`;
  // As the open root's body says it: only what Anthropic acknowledges now, among the problems still open.
  const who = root.incidents.some((i) => i.acknowledgedByAnthropic && i.status === 'open') ? 'acknowledged by Anthropic' : 'only us so far';
  const count = root.incidents.length === 1 ? '1 problem' : `${root.incidents.length} problems`;
  return esc(`${state} (${root.status === 'open' ? who : count})`, TEXT_CHARS - 100);
}
