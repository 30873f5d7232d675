import type { AlertIncidentView, AlertRoot, ThreadNote, ThreadNoteKind } from '../ports/alert-sink.js';
import type { IncidentRecord } from '../ports/store.js';
import { SEVERITY_RANK as RANK, type IncidentKind, type Severity } from './incident.js';
import { formatDuration } from './format-duration.js';

/** Cause and fix for the signals, which carry no API error for the explainer to read. */
export const SIGNAL_ADVICE: Partial<Record<IncidentKind, { cause: string; fix: string }>> = {
  breaker: { cause: 'Too many recent Claude calls failed, so the bot stopped sending for a while to let the API recover.', fix: 'Look at the failing probes in this channel; the breaker closes by itself once a trial call succeeds.' },
  headroom: { cause: 'The rate-limit headers say less than a tenth of the quota is left in this window.', fix: 'Slow non-urgent traffic, or raise the limit (higher usage tier or a limit increase in the Console).' },
  status_page: { cause: 'Anthropic reports an unresolved incident on the Claude API.', fix: 'Follow status.claude.com; retries with backoff usually ride it out. Nothing to change on our side.' },
  deprecated: { cause: 'A configured model is deprecated and will be retired.', fix: 'Move the configuration to a current model before the retirement date.' },
};

function toAlertView(r: IncidentRecord): AlertIncidentView {
  return {
    key: r.key, kind: r.kind, severity: r.severity, title: r.title, status: r.status, since: r.since,
    resolvedAt: r.resolvedAt, durationMs: r.durationMs, failures: r.failures, lastFailure: r.lastFailure,
    failureClass: r.failureClass, acknowledgedByAnthropic: r.acknowledgedByAnthropic, cause: r.cause, fix: r.fix,
    acknowledgedBy: r.acknowledgedBy,
    mutedUntil: r.mutedUntilMs !== undefined ? new Date(r.mutedUntilMs).toISOString() : undefined,
  };
}

/** The root message of an alert from all its incidents: resolved once every one of them is. */
export function buildAlertRoot(alertId: string, records: IncidentRecord[]): AlertRoot {
  const open = records.filter((r) => r.status === 'open');
  const shown = open.length ? open : records;
  const severity = shown.reduce<Severity>((worst, r) => (RANK[r.severity] > RANK[worst] ? r.severity : worst), 'minor');
  const title = records.length === 1
    ? (records[0]?.title ?? alertId)
    : `${records.length} problems at once: ${records.map((r) => r.key).join(', ')}`;
  return { alertId, status: open.length ? 'open' : 'resolved', severity, title, incidents: records.map(toAlertView) };
}

const TEXT: Record<ThreadNoteKind, (r: IncidentRecord, extra: { userId?: string; until?: string; durationMs?: number }) => string> = {
  still_failing: (r, e) => `Still failing after ${formatDuration(e.durationMs ?? 0)}: ${r.title}`,
  escalated: (r) => `Escalated to ${r.severity}: ${r.title}`,
  anthropic_acknowledged: () => "Anthropic's status page now reports an incident on the Claude API.",
  anthropic_cleared: () => "Anthropic's status page no longer reports an incident on the Claude API.",
  acknowledged: (_r, e) => `Acknowledged by <@${e.userId ?? 'someone'}>.`,
  snoozed: (_r, e) => `Muted by <@${e.userId ?? 'someone'}> until ${e.until ?? 'later'}.`,
  resolved: (r, e) => `Resolved after ${formatDuration(e.durationMs ?? 0)}: ${r.title}`,
};

/** A thread note with its plain-text fallback. */
export function buildNote(r: IncidentRecord, kind: ThreadNoteKind, at: string, extra: { userId?: string; until?: string; durationMs?: number } = {}): ThreadNote {
  return { alertId: r.alertId, incidentKey: r.key, kind, text: TEXT[kind](r, extra), at, ...extra };
}
