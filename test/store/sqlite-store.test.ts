import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openSqliteStore, sqliteStorePath } from '../../src/store/sqlite-store.js';
import { T0, describeStoreContract, incident, reply } from './store-contract.js';

describeStoreContract('SQLite in memory', (bounds) => openSqliteStore({ path: ':memory:', ...bounds }));

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('openSqliteStore on a file', () => {
  it('keeps incidents, tracks, refs and the paused flag across close and reopen, in a DATA_DIR it creates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    dirs.push(dir);
    const path = sqliteStorePath(join(dir, 'data'));
    const alertId = incident().alertId;
    const first = openSqliteStore({ path });
    await first.commit({ tracks: { generation: { failStreak: 3, okStreak: 0, recent: [true, true, true] } }, incidents: [incident()], deliveries: [reply('a')] }, T0);
    const [pending] = await first.pendingDeliveries(10);
    await first.markDelivered(pending!.id, T0, { alertId, ref: { channel: 'C1', ts: '1.1' } });
    await first.setPaused(true);
    await first.close();

    const again = openSqliteStore({ path });
    expect((await again.openIncidents()).map((i) => i.key)).toEqual(['generation']);
    expect((await again.loadTracks()).generation?.failStreak).toBe(3);
    expect(await again.alertRef(alertId)).toEqual({ channel: 'C1', ts: '1.1' });
    expect(await again.pendingDeliveries(10)).toEqual([]);
    expect(await again.isPaused()).toBe(true);
    // The same idempotency key after a restart is ignored: nothing is posted twice.
    await again.commit({ deliveries: [reply('a')] }, T0 + 1);
    expect(await again.pendingDeliveries(10)).toEqual([]);
    await again.close();
  });
});

describe('openSqliteStore on a file made by an earlier release', () => {
  it('adds the outbox columns it lacks and keeps its pending deliveries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    dirs.push(dir);
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, idem_key TEXT NOT NULL UNIQUE, alert_id TEXT NOT NULL,
      payload TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL, delivered_at INTEGER, last_error TEXT)`);
    old.prepare('INSERT INTO outbox (idem_key, alert_id, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)').run('a', 'x', JSON.stringify(reply('a').payload), T0, T0);
    old.close();
    const store = openSqliteStore({ path });
    const [d] = await store.pendingDeliveries(10);
    expect(d).toMatchObject({ idempotencyKey: 'a' });
    await store.markSending(d!.id, T0);
    await store.markDead(d!.id, 'channel_not_found', T0);
    expect(await store.deadDeliveries(0, 10)).toHaveLength(1);
    await store.close();
  });
});
