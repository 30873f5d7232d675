import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { CheckTrack } from '../monitor/incident.js';
import type { AlertRef } from '../monitor/alert-sink.js';
import type { IncidentRecord, PendingDelivery, ProbeRecord, Store, StoreWrite } from '../monitor/store.js';
import { SQLITE_ADDED_COLUMNS, SQLITE_SCHEMA } from './sqlite-schema.js';
import { resolveRetention, type StoreRetention } from './store-retention.js';

export interface SqliteStoreOptions extends StoreRetention {
  /** A file path, or `:memory:` for tests. */
  path: string;
}

/** Where the embedded store lives inside `DATA_DIR`. */
export const sqliteStorePath = (dataDir: string): string => join(dataDir, 'claude-status.db');

interface OutboxRow { id: number; idem_key: string; alert_id: string; payload: string; attempts: number; next_attempt_at: number; created_at: number; last_error: string | null; sending_since: number | null; dead_at: number | null }
interface ProbeRow { key: string; at: number; status: ProbeRecord['status']; latency_ms: number | null }

/**
 * The embedded Store on better-sqlite3 in WAL mode (readers never block the writer; a crash loses at most the
 * transaction in flight). Calls are synchronous underneath and wrapped in promises to fit the port.
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Older files first get the columns added since (the index below needs dead_at), then the schema's IF NOT EXISTS.
  for (const { table, column, type } of SQLITE_ADDED_COLUMNS) {
    const exists = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all();
    if (exists.length > 0 && !exists.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
  db.exec(SQLITE_SCHEMA);
  const keep = resolveRetention(options);

  const q = {
    putIncident: db.prepare('INSERT OR REPLACE INTO incidents (id, key, alert_id, status, opened_at, data) VALUES (?, ?, ?, ?, ?, ?)'),
    enqueue: db.prepare('INSERT OR IGNORE INTO outbox (idem_key, alert_id, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)'),
    probe: db.prepare('INSERT INTO probes (key, at, status, latency_ms) VALUES (?, ?, ?, ?)'),
    setKv: db.prepare('INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)'),
    getKv: db.prepare<[string], { v: string }>('SELECT v FROM kv WHERE k = ?'),
    pruneAge: db.prepare('DELETE FROM probes WHERE at < ?'),
    pruneRows: db.prepare('DELETE FROM probes WHERE rowid <= (SELECT MAX(rowid) FROM probes) - ?'),
    pruneOutbox: db.prepare("DELETE FROM outbox WHERE state = 'delivered' AND delivered_at < ?"),
    pruneDead: db.prepare("DELETE FROM outbox WHERE state = 'dead' AND dead_at < ?"),
    // Retention counts from resolution (ISO times compare as text); a record without resolvedAt from when it opened.
    pruneIncidents: db.prepare("DELETE FROM incidents WHERE status = 'resolved' AND COALESCE(json_extract(data, '$.resolvedAt') < @cutoffIso, opened_at < @cutoffMs)"),
    pruneAlerts: db.prepare('DELETE FROM alerts WHERE alert_id NOT IN (SELECT alert_id FROM incidents) AND alert_id NOT IN (SELECT alert_id FROM outbox)'),
    open: db.prepare<[], { data: string }>("SELECT data FROM incidents WHERE status = 'open' ORDER BY opened_at"),
    byKey: db.prepare<[string], { data: string }>("SELECT data FROM incidents WHERE key = ? ORDER BY status = 'open' DESC, opened_at DESC LIMIT 1"),
    byAlert: db.prepare<[string], { data: string }>('SELECT data FROM incidents WHERE alert_id = ? ORDER BY opened_at, key'),
    ref: db.prepare<[string], AlertRef>('SELECT channel, ts FROM alerts WHERE alert_id = ?'),
    setRef: db.prepare('INSERT OR IGNORE INTO alerts (alert_id, channel, ts) VALUES (?, ?, ?)'),
    pending: db.prepare<[number], OutboxRow>("SELECT * FROM outbox WHERE state = 'pending' ORDER BY id LIMIT ?"),
    delivered: db.prepare("UPDATE outbox SET state = 'delivered', delivered_at = ?, attempts = attempts + 1 WHERE id = ?"),
    retry: db.prepare('UPDATE outbox SET attempts = attempts + ?, next_attempt_at = ?, last_error = ? WHERE id = ?'),
    dead: db.prepare("UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ?, dead_at = ? WHERE id = ?"),
    sending: db.prepare('UPDATE outbox SET sending_since = COALESCE(sending_since, ?) WHERE id = ?'),
    deadSince: db.prepare<[number, number], OutboxRow>("SELECT * FROM outbox WHERE state = 'dead' AND dead_at >= ? ORDER BY dead_at DESC, id DESC LIMIT ?"),
    history: db.prepare<[number], ProbeRow>('SELECT key, at, status, latency_ms FROM probes WHERE at >= ? ORDER BY at'),
    historyKey: db.prepare<[number, string], ProbeRow>('SELECT key, at, status, latency_ms FROM probes WHERE at >= ? AND key = ? ORDER BY at'),
  };
  const parse = (rows: { data: string }[]): IncidentRecord[] => rows.map((r) => JSON.parse(r.data) as IncidentRecord);

  const commit = db.transaction((write: StoreWrite, nowMs: number) => {
    if (write.tracks) q.setKv.run('tracks', JSON.stringify(write.tracks));
    for (const i of write.incidents ?? []) q.putIncident.run(i.id, i.key, i.alertId, i.status, Date.parse(i.openedAt), JSON.stringify(i));
    for (const d of write.deliveries ?? []) q.enqueue.run(d.idempotencyKey, d.alertId, JSON.stringify(d.payload), nowMs, nowMs);
    for (const p of write.probes ?? []) q.probe.run(p.key, p.atMs, p.status, p.latencyMs ?? null);
    if (write.probes?.length) {
      // Bounded by retention and by a row cap, pruned as we write so the file never grows past them.
      q.pruneAge.run(nowMs - keep.probeRetentionMs);
      q.pruneRows.run(keep.maxProbeRows);
      q.pruneOutbox.run(nowMs - keep.deliveredRetentionMs);
      q.pruneDead.run(nowMs - keep.deliveredRetentionMs);
      // Resolved incidents age out with their alert refs; an alert with anything still open or pending stays.
      const cutoffMs = nowMs - keep.resolvedRetentionMs;
      if (q.pruneIncidents.run({ cutoffMs, cutoffIso: new Date(cutoffMs).toISOString() }).changes > 0) q.pruneAlerts.run();
    }
  });
  const delivered = db.transaction((id: number, nowMs: number, ref?: { alertId: string; ref: AlertRef }) => {
    if (ref) q.setRef.run(ref.alertId, ref.ref.channel, ref.ref.ts);
    q.delivered.run(nowMs, id);
  });

  return {
    commit: async (write, nowMs) => void commit(write, nowMs),
    loadTracks: async () => JSON.parse(q.getKv.get('tracks')?.v ?? '{}') as Record<string, CheckTrack>,
    openIncidents: async () => parse(q.open.all()),
    incident: async (key) => parse(q.byKey.all(key))[0],
    incidentsOfAlert: async (alertId) => parse(q.byAlert.all(alertId)),
    alertRef: async (alertId) => {
      const row = q.ref.get(alertId);
      return row && { channel: row.channel, ts: row.ts };
    },
    pendingDeliveries: async (limit): Promise<PendingDelivery[]> => q.pending.all(limit).map((r) => ({
      id: r.id, idempotencyKey: r.idem_key, alertId: r.alert_id, payload: JSON.parse(r.payload) as PendingDelivery['payload'],
      attempts: r.attempts, nextAttemptAtMs: r.next_attempt_at, createdAtMs: r.created_at, lastError: r.last_error ?? undefined,
      ...(r.sending_since !== null ? { sendingSinceMs: r.sending_since } : {}),
    })),
    markDelivered: async (id, nowMs, ref) => void delivered(id, nowMs, ref),
    markRetry: async (id, nextAttemptAtMs, error, counted = true) => void q.retry.run(counted ? 1 : 0, nextAttemptAtMs, error, id),
    markSending: async (id, nowMs) => void q.sending.run(nowMs, id),
    markDead: async (id, error, nowMs) => void q.dead.run(error, nowMs, id),
    deadDeliveries: async (sinceMs, limit) => q.deadSince.all(sinceMs, limit).map((r) => ({
      id: r.id, idempotencyKey: r.idem_key, alertId: r.alert_id, kind: (JSON.parse(r.payload) as PendingDelivery['payload']).kind,
      error: r.last_error ?? '', deadAtMs: r.dead_at ?? 0,
    })),
    probeHistory: async (sinceMs, key) => (key ? q.historyKey.all(sinceMs, key) : q.history.all(sinceMs))
      .map((r) => ({ key: r.key, atMs: r.at, status: r.status, latencyMs: r.latency_ms ?? undefined })),
    isPaused: async () => q.getKv.get('paused')?.v === 'true',
    setPaused: async (paused) => void q.setKv.run('paused', String(paused)),
    close: async () => void db.close(),
  };
}
