import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/monitor/outbox.js';
import type { AlertRoot, AlertSink, SinkResult } from '../../src/monitor/alert-sink.js';
import type { NewDelivery } from '../../src/monitor/store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createManualClock } from '../fakes/manual-clock.js';
import { createRecordingSink } from './recording-sink.js';

const root = (alertId: string): AlertRoot => ({ alertId, status: 'open', severity: 'major', title: alertId, incidents: [] });
const post = (alertId: string): NewDelivery => ({ idempotencyKey: `${alertId}:open`, alertId, payload: { kind: 'post_root', root: root(alertId) } });
const note = (alertId: string, n: number): NewDelivery => ({
  idempotencyKey: `${alertId}:note:${n}`, alertId,
  payload: { kind: 'reply', note: { alertId, incidentKey: alertId, kind: 'still_failing', text: `n${n}`, at: 'x' } },
});

/** An outbox on an in-memory store; `paceMs` 0 where a test is about something other than pacing. */
function setup(paceMs = 1000) {
  const clock = createManualClock();
  const store = openSqliteStore({ path: ':memory:' });
  const rec = createRecordingSink();
  const outbox = createOutbox({ store, sink: rec.sink, clock, paceMs });
  return { clock, store, rec, outbox };
}

describe('createOutbox', () => {
  it('delivers in order, threads replies under the root and paces sends one a second', async () => {
    const { store, rec, outbox, clock } = setup();
    await store.commit({ deliveries: [post('a'), note('a', 1), post('b')] }, clock.now());
    // One send per pass within a second: the rest wait for the next pass, due when the gap has passed.
    expect(await outbox.drain()).toMatchObject({ delivered: 1, waiting: 2, nextAttemptAtMs: clock.now() + 1000 });
    clock.advance(999);
    expect(await outbox.drain()).toMatchObject({ delivered: 0, waiting: 2, nextAttemptAtMs: clock.now() + 1 });
    clock.advance(1);
    expect(await outbox.drain()).toMatchObject({ delivered: 1, waiting: 1, nextAttemptAtMs: clock.now() + 1000 });
    clock.advance(1000);
    expect(await outbox.drain()).toMatchObject({ delivered: 1, waiting: 0 });
    expect(rec.methods()).toEqual(['postRoot', 'reply:still_failing', 'postRoot']);
    expect(rec.calls[1]!.ref).toEqual(rec.calls[0]!.ref);
  });

  it('retries a 429 after Retry-After and a 500 with backoff; nothing lost, nothing doubled', async () => {
    const { store, rec, outbox, clock } = setup(0);
    await store.commit({ deliveries: [post('a'), note('a', 1)] }, clock.now());
    rec.failNext({ ok: false, error: 'ratelimited', retryAfterSeconds: 30 });
    const first = await outbox.drain();
    expect(first).toMatchObject({ delivered: 0, retried: 1, waiting: 2, nextAttemptAtMs: clock.now() + 30_000 });
    expect(await outbox.drain()).toMatchObject({ delivered: 0, waiting: 2 });
    clock.advance(30_000);
    rec.failNext({ ok: false, error: 'internal_error' }, new Error('socket hang up'));
    // The 429 did not use up a retry: the backoff starts at its first step.
    expect(await outbox.drain()).toMatchObject({ retried: 1, nextAttemptAtMs: clock.now() + 1000 });
    clock.advance(1000);
    expect(await outbox.drain()).toMatchObject({ retried: 1, nextAttemptAtMs: clock.now() + 2000 });
    clock.advance(2000);
    expect(await outbox.drain()).toMatchObject({ delivered: 2, waiting: 0 });
    expect(rec.methods()).toEqual(['postRoot', 'reply:still_failing']);
    expect(await outbox.drain()).toMatchObject({ delivered: 0, waiting: 0 });
    expect(rec.calls).toHaveLength(2);
  });

  it('never reposts a root that was posted before a restart, and gives up on permanent errors', async () => {
    const { store, rec, outbox, clock } = setup(0);
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
    const { store, rec, outbox, clock } = setup(0);
    await store.commit({ deliveries: [post('a'), post('b')] }, clock.now());
    await Promise.all([outbox.drain(), outbox.drain(), outbox.drain()]);
    expect(rec.methods()).toEqual(['postRoot', 'postRoot']);
  });
});

/** The recording sink with a look-up (it finds what it recorded) and failures scripted per idempotency key. */
function setupWithLookup(options: { maxAttempts?: number } = {}) {
  const clock = createManualClock();
  const store = openSqliteStore({ path: ':memory:' });
  const rec = createRecordingSink();
  const poison = new Map<string, SinkResult<never>>();
  const lookups: (SinkResult<never> | undefined)[] = [];
  const looked: string[] = [];
  /** The next root post lands in the channel, but its answer is lost (a timeout). */
  let loseNextAnswer = false;
  const givenUp: { key: string; error: string; permanent: boolean }[] = [];
  const guard = <A extends unknown[], T>(fn: (...args: A) => Promise<SinkResult<T>>, keyAt: number) => async (...args: A): Promise<SinkResult<T>> =>
    poison.get(String(args[keyAt])) ?? fn(...args);
  const sink: AlertSink = {
    postRoot: async (root, key) => {
      const out = await guard(rec.sink.postRoot, 1)(root, key);
      if (out.ok && loseNextAnswer) {
        loseNextAnswer = false;
        return { ok: false, error: 'Slack chat.postMessage unreachable: The operation was aborted due to timeout' };
      }
      return out;
    },
    updateRoot: guard(rec.sink.updateRoot, 2),
    reply: guard(rec.sink.reply, 2),
    findRoot: async (key) => {
      looked.push(key);
      const scripted = lookups.shift();
      if (scripted) return scripted;
      const hit = rec.calls.find((c) => c.method === 'postRoot' && c.key === key);
      return { ok: true, value: hit?.ref };
    },
  };
  const outbox = createOutbox({
    store, sink, clock, paceMs: 0, maxAttempts: options.maxAttempts ?? 4,
    onGiveUp: (d, error, permanent) => void givenUp.push({ key: d.idempotencyKey, error, permanent }),
  });
  /** Drains until nothing is due, stepping the clock to each next attempt (at most n passes). */
  const settle = async (n = 20) => {
    for (let i = 0; i < n; i += 1) {
      const r = await outbox.drain();
      if (r.nextAttemptAtMs === undefined) return;
      clock.advance(Math.max(0, r.nextAttemptAtMs - clock.now()));
    }
  };
  return { clock, store, rec, outbox, poison, lookups, looked, givenUp, settle, loseNext: () => { loseNextAnswer = true; } };
}

describe('createOutbox: never repeats, never jams', () => {
  it('a poison message (Slack fails it every time) is given up after its retries; later alerts are delivered meanwhile and after', async () => {
    const { store, rec, clock, poison, givenUp, settle } = setupWithLookup({ maxAttempts: 4 });
    poison.set('a:note:1', { ok: false, error: 'Slack chat.postMessage answered HTTP 500' });
    await store.commit({ deliveries: [post('a'), note('a', 1), note('a', 2), post('b')] }, clock.now());
    await settle();
    await store.commit({ deliveries: [post('c'), note('c', 1)] }, clock.now());
    await settle();
    expect(rec.methods()).toEqual(['postRoot', 'postRoot', 'reply:still_failing', 'postRoot', 'reply:still_failing']);
    expect(rec.calls.map((c) => c.key)).toEqual(['a:open', 'b:open', 'a:note:2', 'c:open', 'c:note:1']);
    expect(givenUp).toEqual([{ key: 'a:note:1', error: expect.stringMatching(/^out of retries after 4 attempts: .*HTTP 500/), permanent: false }]);
    expect(await store.pendingDeliveries(10)).toEqual([]);
    expect(await store.deadDeliveries(0, 10)).toMatchObject([{ idempotencyKey: 'a:note:1', kind: 'reply' }]);
  });

  it('a permanent refusal is given up at once, loudly, without holding the other alerts or its own later messages', async () => {
    const { store, rec, outbox, clock, poison, givenUp } = setupWithLookup();
    poison.set('a:open', { ok: false, permanent: true, error: 'Slack refused chat.postMessage: invalid_blocks' });
    await store.commit({ deliveries: [post('a'), note('a', 1), post('b'), note('b', 1)] }, clock.now());
    expect(await outbox.drain()).toMatchObject({ delivered: 2, dead: 2, waiting: 0 });
    expect(rec.calls.map((c) => c.key)).toEqual(['b:open', 'b:note:1']);
    // The reply had no root to go under: given up too, each said.
    expect(givenUp.map((g) => [g.key, g.permanent])).toEqual([['a:open', true], ['a:note:1', true]]);
  });

  it('a 429 pauses every message until Retry-After; a 5xx holds only its own alert', async () => {
    const { store, rec, outbox, clock, poison } = setupWithLookup();
    await store.commit({ deliveries: [post('a'), post('b'), post('c')] }, clock.now());
    poison.set('a:open', { ok: false, error: 'Slack chat.postMessage answered HTTP 503' });
    expect(await outbox.drain()).toMatchObject({ delivered: 2, retried: 1, waiting: 1 });
    expect(rec.calls.map((c) => c.key)).toEqual(['b:open', 'c:open']);
    poison.clear();
    poison.set('d:open', { ok: false, error: 'rate limited', retryAfterSeconds: 30 });
    await store.commit({ deliveries: [post('d'), post('e')] }, clock.now());
    clock.advance(1000);
    const paused = await outbox.drain();
    expect(paused).toMatchObject({ waiting: 2, nextAttemptAtMs: clock.now() + 30_000 });
    expect(rec.calls.map((c) => c.key)).toEqual(['b:open', 'c:open', 'a:open']);
    poison.clear();
    clock.advance(30_000);
    expect(await outbox.drain()).toMatchObject({ delivered: 2, waiting: 0 });
  });

  it('Slack down and saying when to come back, for longer than the retries last: it waits as told, nothing is given up', async () => {
    const { store, rec, clock, poison, givenUp, settle } = setupWithLookup({ maxAttempts: 3 });
    poison.set('a:open', { ok: false, error: 'Slack chat.postMessage answered HTTP 503', retryAfterSeconds: 60 });
    await store.commit({ deliveries: [post('a')] }, clock.now());
    await settle(10);
    expect(givenUp).toEqual([]);
    poison.clear();
    await settle();
    expect(rec.methods()).toEqual(['postRoot']);
  });

  it('a Retry-After on what would be the last attempt is not the end: the message waits as told', async () => {
    const { store, rec, clock, poison, givenUp, settle } = setupWithLookup({ maxAttempts: 2 });
    poison.set('a:open', { ok: false, error: 'Slack chat.postMessage answered HTTP 500' });
    await store.commit({ deliveries: [post('a')] }, clock.now());
    await settle(1);
    poison.set('a:open', { ok: false, error: 'rate limited', retryAfterSeconds: 5 });
    await settle(1);
    expect(givenUp).toEqual([]);
    poison.clear();
    await settle();
    expect(rec.methods()).toEqual(['postRoot']);
  });

  it('keeps thread order: a reply waits behind its alert\'s undelivered root and is sent right after it', async () => {
    const { store, rec, clock, poison, settle } = setupWithLookup();
    poison.set('a:open', { ok: false, error: 'Slack chat.postMessage answered HTTP 500' });
    await store.commit({ deliveries: [post('a'), note('a', 1), note('a', 2)] }, clock.now());
    await settle(1);
    expect(rec.calls).toEqual([]);
    poison.clear();
    await settle();
    expect(rec.calls.map((c) => c.key)).toEqual(['a:open', 'a:note:1', 'a:note:2']);
    expect(rec.calls.slice(1).every((c) => c.ref.ts === rec.calls[0]!.ref.ts)).toBe(true);
  });

  it('a root post that timed out but landed is found in the channel, adopted, and never posted twice', async () => {
    const { store, rec, clock, looked, settle, loseNext } = setupWithLookup();
    await store.commit({ deliveries: [post('a'), note('a', 1)] }, clock.now());
    loseNext();
    await settle();
    expect(rec.methods()).toEqual(['postRoot', 'reply:still_failing']);
    expect(looked).toEqual(['a:open']);
    expect(rec.calls[1]!.ref).toEqual(rec.calls[0]!.ref);
    expect(await store.alertRef('a')).toEqual(rec.calls[0]!.ref);
  });

  it('looks before posting a root whose send began before a crash; a root never sent is posted without looking', async () => {
    const { store, rec, outbox, clock, looked } = setupWithLookup();
    await store.commit({ deliveries: [post('a'), post('b')] }, clock.now());
    const [a] = await store.pendingDeliveries(1);
    await store.markSending(a!.id, clock.now());
    expect(await outbox.drain()).toMatchObject({ delivered: 2 });
    expect(looked).toEqual(['a:open']);
    expect(rec.methods()).toEqual(['postRoot', 'postRoot']);
  });

  it('a look-up Slack cannot answer now is retried before posting; on the last attempt, or when it can never work, it posts', async () => {
    const { store, rec, clock, lookups, looked, settle, loseNext } = setupWithLookup({ maxAttempts: 3 });
    await store.commit({ deliveries: [post('a')] }, clock.now());
    loseNext();
    await settle(1);
    // The answer was lost and the post did NOT land this time (the recording sink only kept it once)...
    rec.calls.length = 0;
    lookups.push({ ok: false, error: 'Slack conversations.history answered HTTP 503' }, { ok: false, error: 'Slack conversations.history answered HTTP 503' });
    await settle();
    // ...second attempt: the look-up failed, so no post; third (last) attempt: look-up failed again, posted anyway.
    expect(looked).toEqual(['a:open', 'a:open']);
    expect(rec.methods()).toEqual(['postRoot']);

    const other = setupWithLookup();
    await other.store.commit({ deliveries: [post('z')] }, other.clock.now());
    other.loseNext();
    await other.settle(1);
    other.rec.calls.length = 0;
    other.lookups.push({ ok: false, permanent: true, error: 'Slack refused conversations.history: missing_scope' });
    await other.settle();
    expect(other.rec.methods()).toEqual(['postRoot']);
  });
});

