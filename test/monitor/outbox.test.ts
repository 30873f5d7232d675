import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/monitor/outbox.js';
import type { AlertRoot } from '../../src/ports/alert-sink.js';
import type { NewDelivery } from '../../src/ports/store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createManualClock } from '../resilience/manual-clock.js';
import { createRecordingSink } from './recording-sink.js';

const root = (alertId: string): AlertRoot => ({ alertId, status: 'open', severity: 'major', title: alertId, incidents: [] });
const post = (alertId: string): NewDelivery => ({ idempotencyKey: `${alertId}:open`, alertId, payload: { kind: 'post_root', root: root(alertId) } });
const note = (alertId: string, n: number): NewDelivery => ({
  idempotencyKey: `${alertId}:note:${n}`, alertId,
  payload: { kind: 'reply', note: { alertId, incidentKey: alertId, kind: 'still_failing', text: `n${n}`, at: 'x' } },
});

function setup() {
  const clock = createManualClock();
  const store = openSqliteStore({ path: ':memory:' });
  const rec = createRecordingSink();
  const slept: number[] = [];
  const outbox = createOutbox({ store, sink: rec.sink, clock, paceMs: 1000, sleep: async (ms) => { slept.push(ms); clock.advance(ms); } });
  return { clock, store, rec, outbox, slept };
}

describe('createOutbox', () => {
  it('delivers in order, threads replies under the root and paces sends one a second', async () => {
    const { store, rec, outbox, clock, slept } = setup();
    await store.commit({ deliveries: [post('a'), note('a', 1), post('b')] }, clock.now());
    expect(await outbox.drain()).toMatchObject({ delivered: 3, waiting: 0 });
    expect(rec.methods()).toEqual(['postRoot', 'reply:still_failing', 'postRoot']);
    expect(rec.calls[1]!.ref).toEqual(rec.calls[0]!.ref);
    expect(slept).toEqual([1000, 1000]);
  });

  it('retries a 429 after Retry-After and a 500 with backoff; nothing lost, nothing doubled', async () => {
    const { store, rec, outbox, clock } = setup();
    await store.commit({ deliveries: [post('a'), note('a', 1)] }, clock.now());
    rec.failNext({ ok: false, error: 'ratelimited', retryAfterSeconds: 30 });
    const first = await outbox.drain();
    expect(first).toMatchObject({ delivered: 0, retried: 1, waiting: 2, nextAttemptAtMs: clock.now() + 30_000 });
    expect(await outbox.drain()).toMatchObject({ delivered: 0, waiting: 2 });
    clock.advance(30_000);
    rec.failNext({ ok: false, error: 'internal_error' }, new Error('socket hang up'));
    expect(await outbox.drain()).toMatchObject({ retried: 1, nextAttemptAtMs: clock.now() + 2000 });
    clock.advance(2000);
    expect(await outbox.drain()).toMatchObject({ retried: 1, nextAttemptAtMs: clock.now() + 4000 });
    clock.advance(4000);
    expect(await outbox.drain()).toMatchObject({ delivered: 2, waiting: 0 });
    expect(rec.methods()).toEqual(['postRoot', 'reply:still_failing']);
    expect(await outbox.drain()).toMatchObject({ delivered: 0, waiting: 0 });
    expect(rec.calls).toHaveLength(2);
  });

  it('never reposts a root that was posted before a restart, and gives up on permanent errors', async () => {
    const { store, rec, outbox, clock } = setup();
    await store.commit({ deliveries: [post('a')] }, clock.now());
    const [d] = await store.pendingDeliveries(1);
    // Simulates a crash between storing the ref and the delivered mark of an older build: the ref wins.
    await store.markRetry(d!.id, clock.now(), 'crash');
    await store.markDelivered(-1, clock.now(), { alertId: 'a', ref: { channel: 'C', ts: '1.0' } });
    await store.commit({ deliveries: [note('b', 1)] }, clock.now());
    expect(await outbox.drain()).toMatchObject({ delivered: 1, dead: 1 });
    expect(rec.attempts()).toBe(0);
  });

  it('shares one pass between concurrent drains', async () => {
    const { store, rec, outbox, clock } = setup();
    await store.commit({ deliveries: [post('a'), post('b')] }, clock.now());
    await Promise.all([outbox.drain(), outbox.drain(), outbox.drain()]);
    expect(rec.methods()).toEqual(['postRoot', 'postRoot']);
  });
});
