import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
