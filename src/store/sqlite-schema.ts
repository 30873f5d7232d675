/**
 * The SQLite schema of the embedded store. `IF NOT EXISTS` throughout: opening an existing file is the restart path.
 * Incidents keep their full record as JSON (the port's shape evolves by optional fields); the columns are what
 * queries select on.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS incidents (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  status TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_key ON incidents(key, status, opened_at);
CREATE INDEX IF NOT EXISTS incidents_alert ON incidents(alert_id);
CREATE TABLE IF NOT EXISTS alerts (
  alert_id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  ts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  idem_key TEXT NOT NULL UNIQUE,
  alert_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT,
  sending_since INTEGER,
  dead_at INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_state ON outbox(state, id);
CREATE INDEX IF NOT EXISTS outbox_dead ON outbox(dead_at) WHERE state = 'dead';
CREATE TABLE IF NOT EXISTS probes (
  key TEXT NOT NULL,
  at INTEGER NOT NULL,
  status TEXT NOT NULL,
  latency_ms INTEGER
);
CREATE INDEX IF NOT EXISTS probes_at ON probes(at);
CREATE INDEX IF NOT EXISTS probes_key_at ON probes(key, at);
CREATE TABLE IF NOT EXISTS kv (
  k TEXT PRIMARY KEY,
  v TEXT NOT NULL
);
`;

/** Columns added since the first release: `ALTER TABLE` for files made before them (SQLite has no ADD COLUMN IF NOT EXISTS). */
export const SQLITE_ADDED_COLUMNS: readonly { table: string; column: string; type: string }[] = [
  { table: 'outbox', column: 'sending_since', type: 'INTEGER' },
  { table: 'outbox', column: 'dead_at', type: 'INTEGER' },
];
