import type { IncidentRecord, Store } from '../ports/store.js';
import { buildAlertRoot, buildNote } from './alert-content.js';

/** What a button does to an open incident: the record change, a thread note and the refreshed root, in one commit. */
async function applyAction(
  store: Store, key: string, nowMs: number, stamp: string,
  change: (r: IncidentRecord) => IncidentRecord, note: (r: IncidentRecord, at: string) => ReturnType<typeof buildNote>,
): Promise<IncidentRecord | undefined> {
  const current = await store.incident(key);
  if (!current || current.status !== 'open') return undefined;
  const rec = change(current);
  // A second press of the same button says nothing new: no second note in the thread.
  if (JSON.stringify(rec) === JSON.stringify(current)) return current;
  const at = new Date(nowMs).toISOString();
  const members = (await store.incidentsOfAlert(rec.alertId)).map((m) => (m.id === rec.id ? rec : m));
  const n = note(rec, at);
  await store.commit({
    incidents: [rec],
    deliveries: [
      { idempotencyKey: `${rec.id}:${n.kind}:${stamp}`, alertId: rec.alertId, payload: { kind: 'reply', note: n } },
      { idempotencyKey: `${rec.alertId}:update:${rec.id}:${n.kind}:${stamp}`, alertId: rec.alertId, payload: { kind: 'update_root', root: buildAlertRoot(rec.alertId, members) } },
    ],
  }, nowMs);
  return rec;
}

/** Acknowledge: someone is on it; reminders stop, the root shows who. */
export const acknowledgeIncident = (store: Store, key: string, userId: string, nowMs: number, stamp: string) =>
  applyAction(store, key, nowMs, stamp,
    (r) => (r.acknowledgedBy === userId ? r : { ...r, acknowledgedBy: userId, acknowledgedAt: new Date(nowMs).toISOString() }),
    (r, at) => buildNote(r, 'acknowledged', at, { userId }));

/** Snooze: reminders muted until `untilMs`; recovery clears it (see planRound). */
export const snoozeIncident = (store: Store, key: string, userId: string, untilMs: number, nowMs: number, stamp: string) =>
  applyAction(store, key, nowMs, stamp,
    (r) => ({ ...r, mutedBy: userId, mutedUntilMs: untilMs }),
    (r, at) => buildNote(r, 'snoozed', at, { userId, until: new Date(untilMs).toISOString() }));
