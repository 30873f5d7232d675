import { describe, expect, it } from 'vitest';
import type { IncidentRecord, NewDelivery, Store } from '../../src/monitor/store.js';
import type { StoreRetention } from '../../src/store/store-retention.js';

export const T0 = Date.parse('2026-11-26T12:00:00Z');
const at = new Date(T0).toISOString();

export const incident = (over: Partial<IncidentRecord> = {}): IncidentRecord => ({
  id: `generation@${at}`, key: 'generation', kind: 'probe', severity: 'critical', title: 'Messages fail', since: at,
  openedAt: at, lastSeenAt: at, failures: 3, acknowledgedByAnthropic: false, lastNotifiedAt: at,
  status: 'open', alertId: `generation@${at}`, ...over,
});

export const reply = (key: string): NewDelivery => ({
  idempotencyKey: key, alertId: `generation@${at}`,
  payload: { kind: 'reply', note: { alertId: `generation@${at}`, incidentKey: 'generation', kind: 'still_failing', text: 'x', at } },
});

/**
 * What every Store must do, whatever keeps it: run against SQLite (sqlite-store.test.ts) and Redis
 * (redis-store.test.ts). `open` gets a fresh, empty store with the given bounds.
 */
export function describeStoreContract(name: string, open: (bounds?: StoreRetention) => Promise<Store> | Store): void {
  describe(`${name}: the Store contract`, () => {
    it('enqueues each idempotency key once, in order; retries and dead-letters', async () => {
      const store = await open();
      await store.commit({ deliveries: [reply('a'), reply('b'), reply('a')] }, T0);
      const [a, b, extra] = await store.pendingDeliveries(10);
      expect([a?.idempotencyKey, b?.idempotencyKey, extra]).toEqual(['a', 'b', undefined]);
      await store.markRetry(a!.id, T0 + 5000, 'ratelimited');
      expect((await store.pendingDeliveries(10))[0]).toMatchObject({ attempts: 1, nextAttemptAtMs: T0 + 5000, lastError: 'ratelimited' });
      await store.markRetry(a!.id, T0 + 9000, 'ratelimited, retry after 4 s', false);
      expect((await store.pendingDeliveries(10))[0]).toMatchObject({ attempts: 1, nextAttemptAtMs: T0 + 9000, lastError: 'ratelimited, retry after 4 s' });
      await store.markDead(b!.id, 'channel_not_found', T0);
      expect((await store.pendingDeliveries(10)).map((d) => d.idempotencyKey)).toEqual(['a']);
      await store.markDelivered(a!.id, T0, { alertId: 'x', ref: { channel: 'C1', ts: '1.1' } });
      expect(await store.pendingDeliveries(10)).toEqual([]);
      expect(await store.alertRef('x')).toEqual({ channel: 'C1', ts: '1.1' });
      await store.commit({ deliveries: [reply('a')] }, T0 + 1);
      expect(await store.pendingDeliveries(10)).toEqual([]);
      await store.close();
    });

    it('remembers when a send first began (a root that may have landed) until the delivery settles', async () => {
      const store = await open();
      await store.commit({ deliveries: [reply('r')] }, T0);
      const [d] = await store.pendingDeliveries(1);
      expect(d!.sendingSinceMs).toBeUndefined();
      await store.markSending(d!.id, T0 + 10);
      await store.markRetry(d!.id, T0 + 5000, 'Slack chat.postMessage unreachable: timeout');
      await store.markSending(d!.id, T0 + 6000);
      expect((await store.pendingDeliveries(1))[0]).toMatchObject({ sendingSinceMs: T0 + 10, attempts: 1 });
      await store.close();
    });

    it('lists what was given up, newest first, and forgets it after the delivered retention', async () => {
      const store = await open({ deliveredRetentionMs: 60_000 });
      await store.commit({ deliveries: [reply('x'), reply('y'), reply('z')] }, T0);
      const [x, y] = await store.pendingDeliveries(10);
      await store.markDead(x!.id, 'channel_not_found', T0 + 1000);
      await store.markDead(y!.id, 'out of retries: HTTP 500', T0 + 2000);
      expect(await store.deadDeliveries(T0, 10)).toEqual([
        { id: y!.id, idempotencyKey: 'y', alertId: y!.alertId, kind: 'reply', error: 'out of retries: HTTP 500', deadAtMs: T0 + 2000 },
        { id: x!.id, idempotencyKey: 'x', alertId: x!.alertId, kind: 'reply', error: 'channel_not_found', deadAtMs: T0 + 1000 },
      ]);
      expect(await store.deadDeliveries(T0 + 1500, 10)).toHaveLength(1);
      expect((await store.pendingDeliveries(10)).map((d) => d.idempotencyKey)).toEqual(['z']);
      await store.commit({ probes: [{ key: 'auth', atMs: T0 + 120_000, status: 'ok' }] }, T0 + 120_000);
      expect(await store.deadDeliveries(0, 10)).toEqual([]);
      await store.close();
    });

    it('finds the open incident of a key before resolved ones, incidents by alert, and keeps tracks and the paused flag', async () => {
      const store = await open();
      const later = new Date(T0 + 60_000).toISOString();
      await store.commit({
        incidents: [incident({ status: 'resolved' }), incident({ id: `generation@${later}`, openedAt: later, alertId: 'g2', acknowledgedBy: 'U1' })],
        tracks: { generation: { failStreak: 2, okStreak: 0, recent: [true, true] } },
      }, T0);
      expect(await store.incident('generation')).toMatchObject({ id: `generation@${later}`, acknowledgedBy: 'U1' });
      expect(await store.incident('auth')).toBeUndefined();
      expect((await store.incidentsOfAlert('g2')).length).toBe(1);
      expect(await store.openIncidents()).toHaveLength(1);
      expect((await store.loadTracks()).generation?.recent).toEqual([true, true]);
      expect(await store.isPaused()).toBe(false);
      await store.setPaused(true);
      expect(await store.isPaused()).toBe(true);
      await store.close();
    });

    it('keeps a delivered idempotency key for the delivered retention, then forgets it with its row (bounded)', async () => {
      const store = await open({ deliveredRetentionMs: 60_000 });
      await store.commit({ deliveries: [reply('once')] }, T0);
      await store.markDelivered((await store.pendingDeliveries(1))[0]!.id, T0);
      await store.commit({ deliveries: [reply('once')], probes: [{ key: 'auth', atMs: T0 + 30_000, status: 'ok' }] }, T0 + 30_000);
      expect(await store.pendingDeliveries(10)).toEqual([]);
      await store.commit({ probes: [{ key: 'auth', atMs: T0 + 120_000, status: 'ok' }] }, T0 + 120_000);
      await store.commit({ deliveries: [reply('once')] }, T0 + 121_000);
      expect((await store.pendingDeliveries(10)).map((d) => d.idempotencyKey)).toEqual(['once']);
      await store.close();
    });

    it('bounds the probe history by retention and by row count', async () => {
      const store = await open({ probeRetentionMs: 10_000, maxProbeRows: 5 });
      for (let i = 0; i < 20; i += 1) await store.commit({ probes: [{ key: 'auth', atMs: T0 + i * 1000, status: 'ok', latencyMs: i }] }, T0 + i * 1000);
      expect((await store.probeHistory(0)).map((r) => r.latencyMs)).toEqual([15, 16, 17, 18, 19]);
      expect(await store.probeHistory(T0 + 18_000, 'auth')).toHaveLength(2);
      expect(await store.probeHistory(0, 'model')).toEqual([]);
      await store.close();
    });

    it('counts retention from resolution: an incident open for longer than the retention survives the commit that resolves it', async () => {
      const store = await open({ resolvedRetentionMs: 60_000 });
      const resolvedAt = new Date(T0 + 300_000).toISOString();
      const long = incident({ status: 'resolved', alertId: 'long', resolvedAt, durationMs: 300_000 });
      await store.commit({ incidents: [long], probes: [{ key: 'auth', atMs: T0 + 300_000, status: 'ok' }] }, T0 + 300_000);
      await store.markDelivered(-1, T0, { alertId: 'long', ref: { channel: 'C', ts: '3.0' } });
      await store.commit({ probes: [{ key: 'auth', atMs: T0 + 330_000, status: 'ok' }] }, T0 + 330_000);
      expect(await store.incident('generation')).toMatchObject({ status: 'resolved', resolvedAt });
      expect(await store.alertRef('long')).toEqual({ channel: 'C', ts: '3.0' });
      await store.commit({ probes: [{ key: 'auth', atMs: T0 + 361_000, status: 'ok' }] }, T0 + 361_000);
      expect(await store.incident('generation')).toBeUndefined();
      expect(await store.alertRef('long')).toBeUndefined();
      await store.close();
    });

    it('ages out resolved incidents and their alert refs, keeping open ones', async () => {
      const store = await open({ resolvedRetentionMs: 60_000 });
      const old = incident({ status: 'resolved', alertId: 'old' });
      const live = incident({ id: 'auth@x', key: 'auth', alertId: 'open' });
      await store.commit({ incidents: [old, live] }, T0);
      await store.markDelivered(-1, T0, { alertId: 'old', ref: { channel: 'C', ts: '1.0' } });
      await store.markDelivered(-1, T0, { alertId: 'open', ref: { channel: 'C', ts: '2.0' } });
      await store.commit({ probes: [{ key: 'auth', atMs: T0 + 120_000, status: 'fail' }] }, T0 + 120_000);
      expect(await store.incident('generation')).toBeUndefined();
      expect(await store.alertRef('old')).toBeUndefined();
      expect(await store.alertRef('open')).toEqual({ channel: 'C', ts: '2.0' });
      expect((await store.openIncidents()).map((i) => i.key)).toEqual(['auth']);
      await store.close();
    });
  });
}
