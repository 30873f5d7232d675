import type { ThreadNote } from './alert-sink.js';
import type { IncidentRecord, Store } from './store.js';
import { buildAlertRoot, buildNote } from './alert-content.js';

/** What a button acts on: one incident by its key, or every open incident of an alert (a grouped root). */
export type ActionTarget = string | { alertId: string };

const openOnly = (records: (IncidentRecord | undefined)[]): IncidentRecord[] =>
  records.filter((r): r is IncidentRecord => r?.status === 'open');

/**
 * What a button does to the open incidents it targets: every record changes, but the thread gets ONE note and the
 * root one refresh, all in one commit. Answers the targeted records as they now are (empty: nothing open).
 */
async function applyAction(
  store: Store, target: ActionTarget, nowMs: number, stamp: string,
  change: (r: IncidentRecord) => IncidentRecord, note: (r: IncidentRecord, at: string) => ThreadNote,
): Promise<IncidentRecord[]> {
  const current = typeof target === 'string'
    ? openOnly([await store.incident(target)])
    : openOnly(await store.incidentsOfAlert(target.alertId));
  const [first] = current;
  if (!first) return [];
  const recs = current.map(change);
  const changed = recs.filter((r, i) => JSON.stringify(r) !== JSON.stringify(current[i]));
  // A second press of the same button says nothing new: no second note in the thread.
  if (changed.length === 0) return current;
  const at = new Date(nowMs).toISOString();
  const byId = new Map(recs.map((r) => [r.id, r]));
  const members = (await store.incidentsOfAlert(first.alertId)).map((m) => byId.get(m.id) ?? m);
  // One person did one thing: the note names every incident it covers instead of repeating itself per incident.
  const n = { ...note(recs[0]!, at), incidentKey: recs.map((r) => r.key).join(', ') };
  // Idempotency keys as before for one incident; a whole alert is keyed by the alert.
  const subject = typeof target === 'string' ? first.id : first.alertId;
  await store.commit({
    incidents: changed,
    deliveries: [
      { idempotencyKey: `${subject}:${n.kind}:${stamp}`, alertId: first.alertId, payload: { kind: 'reply', note: n } },
      { idempotencyKey: `${first.alertId}:update:${subject}:${n.kind}:${stamp}`, alertId: first.alertId, payload: { kind: 'update_root', root: buildAlertRoot(first.alertId, members) } },
    ],
  }, nowMs);
  return recs;
}

/**
 * Acknowledge: someone is on it; reminders stop, the root shows who. The first acknowledgement stands: a second
 * person's press changes nothing, and the records it answers name who was first (the button says so).
 */
export const acknowledgeIncidents = (store: Store, target: ActionTarget, userId: string, nowMs: number, stamp: string) =>
  applyAction(store, target, nowMs, stamp,
    (r) => (r.acknowledgedBy ? r : { ...r, acknowledgedBy: userId, acknowledgedAt: new Date(nowMs).toISOString() }),
    (r, at) => buildNote(r, 'acknowledged', at, { userId }));

/** Snooze: reminders muted until `untilMs`; recovery clears it (see planRound). */
export const snoozeIncidents = (store: Store, target: ActionTarget, userId: string, untilMs: number, nowMs: number, stamp: string) =>
  applyAction(store, target, nowMs, stamp,
    (r) => ({ ...r, mutedBy: userId, mutedUntilMs: untilMs }),
    (r, at) => buildNote(r, 'snoozed', at, { userId, until: new Date(untilMs).toISOString() }));

/** Resolve by hand: the incidents close now (reminders and snooze with them), the thread says who, the root shows it. */
export const resolveIncidents = (store: Store, target: ActionTarget, userId: string, nowMs: number, stamp: string) =>
  applyAction(store, target, nowMs, stamp,
    (r) => {
      const { mutedUntilMs: _mute, mutedBy: _by, ...rest } = r;
      return { ...rest, status: 'resolved', resolvedAt: new Date(nowMs).toISOString(), durationMs: Math.max(0, nowMs - Date.parse(r.since)), resolvedBy: userId };
    },
    // `userId` on a resolved note means by hand: the renderer says who.
    (r, at) => buildNote(r, 'resolved', at, { userId, durationMs: Math.max(0, Date.parse(at) - Date.parse(r.since)) }));
