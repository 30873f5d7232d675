import type { AlertIncidentView, AlertRoot, ThreadNote, ThreadNoteKind } from './alert-sink.js';
import type { IncidentRecord } from './store.js';
import { SEVERITY_RANK as RANK, type IncidentKind, type Severity, type UpdateReason } from './incident.js';
import { formatDuration } from '../text/format-duration.js';

/** Cause and fix for the signals, which carry no API error for the knowledge base to read. */
export const SIGNAL_ADVICE: Partial<Record<IncidentKind, { cause: string; fix: string }>> = {
  headroom: { cause: 'The rate-limit headers say less than a tenth of the quota is left in this window.', fix: 'Slow non-urgent traffic, or raise the limit (higher usage tier or a limit increase in the Console).' },
  status_page: { cause: 'Anthropic reports an unresolved incident on the Claude API; our probes still pass.', fix: 'Follow the incident on the status page; retries with backoff usually ride it out. Nothing to change on our side.' },
  deprecated: { cause: 'A configured model is deprecated and will be retired.', fix: 'Move the configuration to a current model before the retirement date.' },
};

function toAlertView(r: IncidentRecord): AlertIncidentView {
  return {
    key: r.key, kind: r.kind, severity: r.severity, title: r.title, status: r.status, since: r.since,
    resolvedAt: r.resolvedAt, durationMs: r.durationMs, failures: r.failures, lastFailure: r.lastFailure,
    failureClass: r.failureClass, acknowledgedByAnthropic: r.acknowledgedByAnthropic, cause: r.cause, fix: r.fix,
    acknowledgedBy: r.acknowledgedBy, probes: r.probes, anthropicSeen: r.anthropicSeen,
    mutedUntil: r.mutedUntilMs !== undefined ? new Date(r.mutedUntilMs).toISOString() : undefined,
  };
}

const worstFirst = (a: IncidentRecord, b: IncidentRecord) => RANK[b.severity] - RANK[a.severity] || a.openedAt.localeCompare(b.openedAt);

/**
 * The root message of an alert from all its incidents (one per cause), worst first: resolved once every one is.
 * Its title is the worst open problem in words, with how many more there are; Anthropic's incident and our breaker
 * are facts of the alert, taken from its newest open incident.
 */
export function buildAlertRoot(alertId: string, records: IncidentRecord[]): AlertRoot {
  const sorted = [...records].sort(worstFirst);
  const open = sorted.filter((r) => r.status === 'open');
  const shown = open.length ? open : sorted;
  const severity = shown.reduce<Severity>((worst, r) => (RANK[r.severity] > RANK[worst] ? r.severity : worst), 'minor');
  const head = shown[0]?.title ?? alertId;
  const more = shown.length - 1;
  const title = more > 0 ? `${head} (+${more} more problem${more === 1 ? '' : 's'})` : head;
  const latest = [...open].sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt))[0];
  return {
    alertId, status: open.length ? 'open' : 'resolved', severity, title, incidents: sorted.map(toAlertView),
    ...(latest?.anthropic ? { anthropic: latest.anthropic } : {}),
    ...(latest?.breakerOpen ? { breakerOpen: true } : {}),
  };
}

/** One line of a thread reply for one change of one incident. */
export function changeLine(r: IncidentRecord, reason: UpdateReason, nowMs: number): string {
  const a = r.anthropic;
  switch (reason) {
    case 'still_failing': return `Still failing after ${formatDuration(nowMs - Date.parse(r.since))}: ${r.title}`;
    case 'escalated': return `Now ${r.severity}: ${r.title}`;
    case 'probes_joined': return `More probes failing: ${r.title}`;
    case 'anthropic_acknowledged': return a ? `Acknowledged by Anthropic: ${anthropicWords(a)}` : 'Acknowledged by Anthropic.';
    case 'anthropic_updated': return a ? `Anthropic's update: ${anthropicWords(a)}` : "Anthropic's incident changed.";
    case 'anthropic_cleared': return "Anthropic's status page no longer reports an incident on the Claude API.";
    case 'breaker': return r.breakerOpen ? "The bot's circuit breaker is open." : "The bot's circuit breaker closed.";
  }
}

/** "Elevated errors (investigating): We are investigating… https://stspg.io/x" — name, status, latest update, link. */
export function anthropicWords(a: NonNullable<IncidentRecord['anthropic']>): string {
  const update = a.update?.body ? ` — ${a.update.body.length > 300 ? `${a.update.body.slice(0, 299)}…` : a.update.body}` : '';
  return `${a.name} (${a.update?.status ?? a.status})${update}${a.url ? ` ${a.url}` : ''}`;
}

const TEXT: Partial<Record<ThreadNoteKind, (r: IncidentRecord, extra: { userId?: string; until?: string; durationMs?: number }) => string>> = {
  acknowledged: (_r, e) => `Acknowledged by <@${e.userId ?? 'someone'}>.`,
  snoozed: (_r, e) => `Muted by <@${e.userId ?? 'someone'}> until ${e.until ?? 'later'}.`,
  resolved: (r, e) => `Resolved after ${formatDuration(e.durationMs ?? 0)}: ${r.title}`,
  still_failing: (r, e) => `Still failing after ${formatDuration(e.durationMs ?? 0)}: ${r.title}`,
};

/** A thread note for a person's action (acknowledge, snooze) or a single change, with its plain-text fallback. */
export function buildNote(r: IncidentRecord, kind: ThreadNoteKind, at: string, extra: { userId?: string; until?: string; durationMs?: number } = {}): ThreadNote {
  return { alertId: r.alertId, incidentKey: r.key, kind, text: TEXT[kind]?.(r, extra) ?? r.title, at, ...extra };
}
