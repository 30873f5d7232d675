import type { ApiFailure } from '../ports/claude-api.js';
import type { IncidentRecord, NewDelivery } from '../ports/store.js';
import { SIGNAL_ADVICE, buildAlertRoot, buildNote } from './alert-content.js';
import type { ThreadNote } from '../ports/alert-sink.js';
import type { Incident, IncidentDecision, IncidentKind, PolicyState } from './incident.js';

/** Cause and fix for an API error, from the explainer's knowledge base. */
export type Explain = (failure: ApiFailure) => { cause: string; fix: string } | undefined;

export interface PlanInput {
  decisions: IncidentDecision[];
  /** The policy's next state: open incidents with this round's counters. */
  state: PolicyState;
  /** Open incident records before the round, by key. */
  records: Map<string, IncidentRecord>;
  /** Every incident of each alert an update or resolve touches (prefetched, so this stays pure). */
  alertMembers: Map<string, IncidentRecord[]>;
  nowMs: number;
  /** This many incidents opening in one round share one root message (e.g. every model failing together). */
  groupMin: number;
  explain?: Explain;
  /** Unique per commit (time and a sequence): two rounds in the same millisecond must not dedupe each other's notes. */
  stamp: string;
}

export interface RoundPlan {
  incidents: IncidentRecord[];
  deliveries: NewDelivery[];
}

/** Incidents that follow from an outage rather than cause one. */
const FOLLOWS: ReadonlySet<IncidentKind> = new Set(['breaker', 'status_page']);

/** The check's own advice knows most (which 404 it met), then the explainer's reading of the error, then ours. */
function withAdvice(incident: Incident, explain: Explain | undefined): Incident {
  // The checks attach the knowledge base's cause and fix to every failed call already: read the error again only
  // for a gap, not once more per incident opened.
  const gap = incident.cause === undefined || incident.fix === undefined;
  const explained = gap && incident.lastFailure ? explain?.(incident.lastFailure) : undefined;
  const fallback = SIGNAL_ADVICE[incident.kind];
  return { ...incident, cause: incident.cause ?? explained?.cause ?? fallback?.cause, fix: incident.fix ?? explained?.fix ?? fallback?.fix };
}

/** The alert of the latest open probe incident, which later consequences join. */
function hostAlert(open: IncidentRecord[]): string | undefined {
  const probes = open.filter((r) => r.kind === 'probe' || r.kind === 'flapping').sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  return probes.at(-1)?.alertId;
}

/**
 * Turns the policy's decisions into records and outbox deliveries: a root post per new alert, thread notes for
 * changes (quiet reminders while acknowledged or muted), a resolved note plus a root update on recovery.
 * Idempotency keys derive from incident ids (and the commit's stamp for repeatable notes): one root and one
 * resolved note per incident whatever happens.
 */
export function planRound(input: PlanInput): RoundPlan {
  const { decisions, state, records, nowMs } = input;
  const at = new Date(nowMs).toISOString();
  const changed = new Map<string, IncidentRecord>();
  const deliveries: NewDelivery[] = [];
  const touched = new Set<string>();
  const merge = (inc: Incident): IncidentRecord => ({ ...(records.get(inc.key) ?? { status: 'open', alertId: inc.id }), ...inc });

  const opens = decisions.flatMap((d) => (d.type === 'open' ? [withAdvice(d.incident, input.explain)] : []));
  const primary = opens.filter((i) => !FOLLOWS.has(i.kind));
  const groupId = primary.length >= input.groupMin ? `group@${at}` : undefined;
  const fresh = new Map<string, IncidentRecord[]>();
  const add = (rec: IncidentRecord) => {
    changed.set(rec.id, rec);
    fresh.set(rec.alertId, [...(fresh.get(rec.alertId) ?? []), rec]);
  };
  for (const inc of primary) add({ ...inc, status: 'open', alertId: groupId ?? inc.id });
  // Consequences of an outage already alerted (our breaker opening, Anthropic confirming it) join that alert's
  // thread instead of posting a second root for the same trouble.
  const resolving = new Set(decisions.filter((d) => d.type === 'resolve').map((d) => d.incident.key));
  const host = hostAlert([...[...records.values()].filter((r) => !resolving.has(r.key)), ...[...fresh.values()].flat()]);
  const joined: IncidentRecord[] = [];
  for (const inc of opens.filter((i) => FOLLOWS.has(i.kind))) {
    const rec: IncidentRecord = { ...inc, status: 'open', alertId: host ?? inc.id };
    if (host && !fresh.has(host)) {
      changed.set(rec.id, rec);
      joined.push(rec);
    } else add(rec);
  }
  for (const [alertId, members] of fresh) {
    deliveries.push({ idempotencyKey: `${alertId}:root`, alertId, payload: { kind: 'post_root', root: buildAlertRoot(alertId, members) } });
  }
  for (const d of decisions) {
    if (d.type === 'update') {
      const rec = merge(d.incident);
      changed.set(rec.id, rec);
      const quiet = d.reason === 'still_failing' && (rec.acknowledgedBy !== undefined || (rec.mutedUntilMs ?? 0) > nowMs);
      if (!quiet) {
        const note = buildNote(rec, d.reason, at, d.reason === 'still_failing' ? { durationMs: nowMs - Date.parse(rec.since) } : {});
        deliveries.push({ idempotencyKey: `${rec.id}:${d.reason}:${input.stamp}`, alertId: rec.alertId, payload: { kind: 'reply', note } });
      }
      if (d.reason !== 'still_failing') touched.add(rec.alertId);
    } else if (d.type === 'resolve') {
      // A snooze ends with the incident: the next one must alert.
      const rec: IncidentRecord = { ...merge(d.incident), status: 'resolved', resolvedAt: d.resolvedAt, durationMs: d.durationMs, mutedUntilMs: undefined, mutedBy: undefined };
      changed.set(rec.id, rec);
      const note = buildNote(rec, 'resolved', at, { durationMs: d.durationMs });
      deliveries.push({ idempotencyKey: `${rec.id}:resolved`, alertId: rec.alertId, payload: { kind: 'reply', note } });
      touched.add(rec.alertId);
    }
  }
  for (const rec of joined) {
    // Anthropic's confirmation is already told by the acknowledged note of this round: one line is enough.
    const told = rec.kind === 'status_page' && deliveries.some((d) => d.alertId === rec.alertId && d.payload.kind === 'reply' && d.payload.note.kind === 'anthropic_acknowledged');
    const note: ThreadNote = { alertId: rec.alertId, incidentKey: rec.key, kind: 'escalated', text: `Also: ${rec.title}`, at };
    if (!told) deliveries.push({ idempotencyKey: `${rec.id}:joined`, alertId: rec.alertId, payload: { kind: 'reply', note } });
    touched.add(rec.alertId);
  }
  // Counters (failures, last error) of open incidents move every round even without a message.
  for (const inc of Object.values(state.open)) if (!changed.has(inc.id) && records.has(inc.key)) changed.set(inc.id, merge(inc));
  for (const alertId of touched) {
    if (fresh.has(alertId)) continue;
    const members = (input.alertMembers.get(alertId) ?? []).map((m) => changed.get(m.id) ?? m);
    for (const c of changed.values()) if (c.alertId === alertId && !members.some((m) => m.id === c.id)) members.push(c);
    deliveries.push({ idempotencyKey: `${alertId}:update:${input.stamp}`, alertId, payload: { kind: 'update_root', root: buildAlertRoot(alertId, members) } });
  }
  return { incidents: [...changed.values()], deliveries };
}
