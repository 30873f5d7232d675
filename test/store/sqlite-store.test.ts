import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentRecord, NewDelivery } from '../../src/ports/store.js';
import { openSqliteStore, sqliteStorePath } from '../../src/store/sqlite-store.js';

const T0 = Date.parse('2026-11-26T12:00:00Z');
const at = new Date(T0).toISOString();
const incident = (over: Partial<IncidentRecord> = {}): IncidentRecord => ({
  id: `generation@${at}`, key: 'generation', kind: 'probe', severity: 'critical', title: 'Messages fail', since: at,
  openedAt: at, lastSeenAt: at, failures: 3, acknowledgedByAnthropic: false, lastNotifiedAt: at,
  status: 'open', alertId: `generation@${at}`, ...over,
});
const reply = (key: string): NewDelivery => ({
  idempotencyKey: key, alertId: `generation@${at}`,
  payload: { kind: 'reply', note: { alertId: `generation@${at}`, incidentKey: 'generation', kind: 'still_failing', text: 'x', at } },
});

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('openSqliteStore', () => {
  it('keeps incidents, tracks, refs and the paused flag across close and reopen of the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    dirs.push(dir);
    const path = sqliteStorePath(join(dir, 'data'));
    const first = openSqliteStore({ path });
    await first.commit({ tracks: { generation: { failStreak: 3, okStreak: 0, recent: [true, true, true] } }, incidents: [incident()], deliveries: [reply('a')] }, T0);
    const [pending] = await first.pendingDeliveries(10);
    await first.markDelivered(pending!.id, T0, { alertId: `generation@${at}`, ref: { channel: 'C1', ts: '1.1' } });
    await first.setPaused(true);
    await first.close();

    const again = openSqliteStore({ path });
    expect((await again.openIncidents()).map((i) => i.key)).toEqual(['generation']);
    expect((await again.loadTracks()).generation?.failStreak).toBe(3);
    expect(await again.alertRef(`generation@${at}`)).toEqual({ channel: 'C1', ts: '1.1' });
    expect(await again.pendingDeliveries(10)).toEqual([]);
    expect(await again.isPaused()).toBe(true);
    // The same idempotency key after a restart is ignored: nothing is posted twice.
    await again.commit({ deliveries: [reply('a')] }, T0 + 1);
    expect(await again.pendingDeliveries(10)).toEqual([]);
    await again.close();
  });

  it('orders pending deliveries, retries and dead-letters them', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    await store.commit({ deliveries: [reply('a'), reply('b'), reply('a')] }, T0);
    const [a, b] = await store.pendingDeliveries(10);
    expect([a?.idempotencyKey, b?.idempotencyKey]).toEqual(['a', 'b']);
    await store.markRetry(a!.id, T0 + 5000, 'ratelimited');
    expect((await store.pendingDeliveries(10))[0]).toMatchObject({ attempts: 1, nextAttemptAtMs: T0 + 5000, lastError: 'ratelimited' });
    await store.markDead(b!.id, 'channel_not_found');
    expect((await store.pendingDeliveries(10)).map((d) => d.idempotencyKey)).toEqual(['a']);
  });

  it('finds the open incident of a key before the resolved ones, and incidents by alert', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const later = new Date(T0 + 60_000).toISOString();
    await store.commit({ incidents: [incident({ status: 'resolved' }), incident({ id: `generation@${later}`, openedAt: later, alertId: 'g2' })] }, T0);
    expect((await store.incident('generation'))?.id).toBe(`generation@${later}`);
    expect((await store.incidentsOfAlert('g2')).length).toBe(1);
    expect(await store.openIncidents()).toHaveLength(1);
  });

  it('bounds the probe history by retention and by row count', async () => {
    const store = openSqliteStore({ path: ':memory:', probeRetentionMs: 10_000, maxProbeRows: 5 });
    for (let i = 0; i < 20; i += 1) await store.commit({ probes: [{ key: 'auth', atMs: T0 + i * 1000, status: 'ok', latencyMs: i }] }, T0 + i * 1000);
    const rows = await store.probeHistory(0);
    expect(rows.map((r) => r.latencyMs)).toEqual([15, 16, 17, 18, 19]);
    expect(await store.probeHistory(T0 + 18_000, 'auth')).toHaveLength(2);
    expect(await store.probeHistory(0, 'model')).toEqual([]);
  });
});
