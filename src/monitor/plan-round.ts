import type { ApiFailure } from '../ports/claude-api.js';
import type { ThreadNote, ThreadNoteKind } from './alert-sink.js';
import type { IncidentRecord, NewDelivery } from './store.js';
import { SIGNAL_ADVICE, buildAlertRoot, changeLine } from './alert-content.js';
import { targetOf } from './decide-incidents.js';
import { formatDuration } from '../text/format-duration.js';
import type { Incident, IncidentDecision, PolicyState } from './incident.js';

/** Cause and fix for an API error, from the explainer's knowledge base. */
export type Explain = (failure: ApiFailure) => { cause: string; fix: string } | undefined;

export interface PlanInput {
  decisions: IncidentDecision[];
  /** The policy's next state: open incidents with this round's counters. */
  state: PolicyState;
  /** Open incident records before the round, by key. */
  records: Map<string, IncidentRecord>;
  /** Every incident of each open alert (prefetched, so this stays pure). */
  alertMembers: Map<string, IncidentRecord[]>;
  nowMs: number;
  explain?: Explain;
  /** Unique per commit (time and a sequence): two rounds in the same millisecond must not dedupe each other's notes. */
  stamp: string;
}

export interface RoundPlan {
  incidents: IncidentRecord[];
  deliveries: NewDelivery[];
}

/** Fills a missing cause or fix: the check's own advice knows most (which 404 it met), then the explainer's reading of the error, then ours. */
function fillIncidentAdvice(incident: Incident, explain: Explain | undefined): Incident {
  const gap = incident.cause === undefined || incident.fix === undefined;
  const explained = gap && incident.lastFailure ? explain?.(incident.lastFailure as ApiFailure) : undefined;
  const fallback = SIGNAL_ADVICE[incident.kind];
  return { ...incident, cause: incident.cause ?? explained?.cause ?? fallback?.cause, fix: incident.fix ?? explained?.fix ?? fallback?.fix };
}

/** Which note kind leads a reply that carries several changes: the most telling one names it. */
const LEAD: readonly ThreadNoteKind[] = ['resolved', 'escalated', 'anthropic_acknowledged', 'anthropic_updated', 'anthropic_cleared', 'changed', 'still_failing'];

/**
 * Turns the policy's decisions into records and outbox deliveries. At most one open alert per target (the key):
 * a cause that opens while its alert is open joins it; a new alert posts one root with every cause opening with
 * it. Per alert and round: at most one thread reply carrying every change (a cause joining or recovering, more
 * probes failing, escalation, Anthropic's acknowledgement and updates, a reminder) and one root update. Reminders
 * stay quiet while acknowledged or muted; our breaker changes only the root. Idempotency keys derive from alert ids
 * (and the commit's stamp for repeatable notes): one root and one resolved note per alert whatever happens.
 */
export function planRound(input: PlanInput): RoundPlan {
  const { decisions, state, records, nowMs } = input;
  const at = new Date(nowMs).toISOString();
  const changed = new Map<string, IncidentRecord>();
  const deliveries: NewDelivery[] = [];
  const merge = (inc: Incident): IncidentRecord => ({ ...(records.get(inc.key) ?? { status: 'open', alertId: inc.id }), ...inc });

  // The open alert of each target after this round: one whose members are not all resolving.
  const resolving = new Set(decisions.filter((d) => d.type === 'resolve').map((d) => d.incident.key));
  const aliveAlert = new Map<string, string>();
  for (const r of records.values()) if (!resolving.has(r.key) && state.open[r.key]) aliveAlert.set(targetOf(r.key), r.alertId);

  const fresh = new Map<string, IncidentRecord[]>();
  const lines = new Map<string, { kinds: ThreadNoteKind[]; text: string[]; keys: string[] }>();
  const tell = (alertId: string, kind: ThreadNoteKind, key: string, text: string) => {
    const entry = lines.get(alertId) ?? { kinds: [], text: [], keys: [] };
    if (!entry.text.includes(text)) entry.text.push(text);
    entry.kinds.push(kind);
    if (!entry.keys.includes(key)) entry.keys.push(key);
    lines.set(alertId, entry);
  };
  const touched = new Set<string>();

  for (const d of decisions.filter((x) => x.type === 'open')) {
    const inc = fillIncidentAdvice(d.incident, input.explain);
    const target = targetOf(inc.key);
    const host = aliveAlert.get(target);
    if (host && !fresh.has(host)) {
      // A different problem during an open alert: into its thread and its root's summary, not a new root.
      const rec: IncidentRecord = { ...inc, status: 'open', alertId: host };
      changed.set(rec.id, rec);
      tell(host, 'changed', rec.key, `Also: ${rec.title}`);
      touched.add(host);
      continue;
    }
    const alertId = host ?? inc.id;
    aliveAlert.set(target, alertId);
    const rec: IncidentRecord = { ...inc, status: 'open', alertId };
    changed.set(rec.id, rec);
    fresh.set(alertId, [...(fresh.get(alertId) ?? []), rec]);
  }

  for (const d of decisions) {
    if (d.type === 'update') {
      const rec = merge(d.incident);
      changed.set(rec.id, rec);
      if (fresh.has(rec.alertId)) continue;
      const handled = rec.acknowledgedBy !== undefined || (rec.mutedUntilMs ?? 0) > nowMs;
      if (d.reason === 'still_failing' && handled) continue;
      touched.add(rec.alertId);
      if (d.reason === 'breaker') continue;
      const kind: ThreadNoteKind = d.reason === 'probes_joined' ? 'changed' : d.reason;
      tell(rec.alertId, kind, rec.key, changeLine(rec, d.reason, nowMs));
    } else if (d.type === 'resolve') {
      // A snooze ends with the incident: the next one must alert.
      const rec: IncidentRecord = { ...merge(d.incident), status: 'resolved', resolvedAt: d.resolvedAt, durationMs: d.durationMs, mutedUntilMs: undefined, mutedBy: undefined };
      changed.set(rec.id, rec);
      touched.add(rec.alertId);
      tell(rec.alertId, 'changed', rec.key, `Recovered after ${formatDuration(d.durationMs)}: ${rec.title}`);
    }
  }
  // Counters (failures, last error, facts) of open incidents move every round even without a message.
  for (const inc of Object.values(state.open)) if (!changed.has(inc.id) && records.has(inc.key)) changed.set(inc.id, merge(inc));

  for (const [alertId, members] of fresh) {
    deliveries.push({ idempotencyKey: `${alertId}:root`, alertId, payload: { kind: 'post_root', root: buildAlertRoot(alertId, members) } });
  }
  for (const alertId of touched) {
    const members = (input.alertMembers.get(alertId) ?? []).map((m) => changed.get(m.id) ?? m);
    for (const c of changed.values()) if (c.alertId === alertId && !members.some((m) => m.id === c.id)) members.push(c);
    const root = buildAlertRoot(alertId, members);
    const told = lines.get(alertId);
    if (root.status === 'resolved') {
      // The whole alert recovered: one resolved note, whatever else this round said.
      const startMs = Math.min(...members.map((m) => Date.parse(m.since)));
      const durationMs = nowMs - startMs;
      const note: ThreadNote = { alertId, incidentKey: members.map((m) => m.key).join(', '), kind: 'resolved', text: `Resolved after ${formatDuration(durationMs)}: ${root.title}`, at, durationMs };
      deliveries.push({ idempotencyKey: `${alertId}:resolved`, alertId, payload: { kind: 'reply', note } });
    } else if (told) {
      const kind = LEAD.find((k) => told.kinds.includes(k)) ?? 'changed';
      const durationMs = kind === 'still_failing' ? nowMs - Math.min(...members.filter((m) => m.status === 'open').map((m) => Date.parse(m.since))) : undefined;
      const note: ThreadNote = { alertId, incidentKey: told.keys.join(', '), kind, text: told.text.join('\n'), at, ...(durationMs !== undefined ? { durationMs } : {}) };
      deliveries.push({ idempotencyKey: `${alertId}:note:${input.stamp}`, alertId, payload: { kind: 'reply', note } });
    }
    // A reminder alone says nothing new about the root.
    if (told && told.kinds.every((k) => k === 'still_failing') && root.status === 'open') continue;
    deliveries.push({ idempotencyKey: `${alertId}:update:${input.stamp}`, alertId, payload: { kind: 'update_root', root } });
  }
  return { incidents: [...changed.values()], deliveries };
}
