import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutbox } from '../../../src/monitor/outbox.js';
import type { NewDelivery } from '../../../src/monitor/store.js';
import { createAlertClient, createSlackAlertSink } from '../../../src/slack/alerts/create-slack-alert-sink.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { createManualClock } from '../../fakes/manual-clock.js';
import { makeRoot } from './alert-fixture.js';

const CHANNEL = 'C0ALERTS';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, setLevel: () => undefined, getLevel: () => LogLevel.ERROR, setName: () => undefined };
const logs: { level: string; msg: string; obj: object }[] = [];
const logger = {
  info: (obj: object, msg: string) => void logs.push({ level: 'info', obj, msg }),
  warn: (obj: object, msg: string) => void logs.push({ level: 'warn', obj, msg }),
  error: (obj: object, msg: string) => void logs.push({ level: 'error', obj, msg }),
};

let slack: FakeSlack;
beforeAll(async () => { slack = await startFakeSlack(); });
afterAll(async () => { await slack.close(); });
beforeEach(() => { slack.reset(); logs.length = 0; });

const root = (alertId: string): NewDelivery => ({ idempotencyKey: `${alertId}:open`, alertId, payload: { kind: 'post_root', root: makeRoot({ alertId, title: `Outage ${alertId}` }) } });
const note = (alertId: string, n: number): NewDelivery => ({
  idempotencyKey: `${alertId}:note:${n}`, alertId,
  payload: { kind: 'reply', note: { alertId, incidentKey: 'auth', kind: 'still_failing', text: `note ${n} of ${alertId}`, at: '2026-11-26T16:05:00.000Z', durationMs: 300_000 } },
});

/**
 * The outbox (SQLite store, manual clock for its backoff) delivering through the real Slack sink and WebClient to the
 * fake Slack. The client's timeout is 1 s here where production has 5 s, and "Slack answers after 8 s" is an answer
 * 2.5 s late: the same race at a smaller scale (1 s leaves room for a slow shared machine on the calls that should pass).
 */
function setup() {
  const clock = createManualClock();
  const store = openSqliteStore({ path: ':memory:' });
  const sink = createSlackAlertSink({ client: createAlertClient(slack.botToken, slack.url, quiet, { timeoutMs: 1000 }), channel: CHANNEL, logger });
  const outbox = createOutbox({ store, sink, clock, paceMs: 0, maxAttempts: 5, logger });
  const settle = async () => {
    for (let i = 0; i < 30; i += 1) {
      const r = await outbox.drain();
      if (r.nextAttemptAtMs === undefined) return;
      clock.advance(Math.max(0, r.nextAttemptAtMs - clock.now()));
    }
  };
  return { clock, store, outbox, settle };
}

const roots = () => slack.messages(CHANNEL).filter((m) => m.thread_ts === undefined);

describe('alert delivery through a slow or refusing Slack', () => {
  it('Slack answers a root post only after the client gave up, but posted it: exactly one copy, the thread under it', async () => {
    const { store, clock, settle } = setup();
    slack.failNext('chat.postMessage', 1, { delayMs: 2500 });
    await store.commit({ deliveries: [root('a'), note('a', 1)] }, clock.now());
    await settle();
    expect(roots()).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === undefined)).toHaveLength(1);
    expect(slack.callsTo('conversations.history').length).toBeGreaterThanOrEqual(1);
    const [reply] = slack.messages(CHANNEL).filter((m) => m.thread_ts !== undefined);
    expect(reply).toMatchObject({ thread_ts: roots()[0]!.ts, text: expect.stringContaining('note 1 of a') });
    expect(logs.some((l) => /landed after all/.test(l.msg))).toBe(true);
    expect(await store.pendingDeliveries(10)).toEqual([]);
  });

  it('a root post that timed out and did not land (Slack 504) is looked for, then posted once', async () => {
    const { store, clock, settle } = setup();
    slack.failNext('chat.postMessage', 1, { status: 504 });
    await store.commit({ deliveries: [root('b')] }, clock.now());
    await settle();
    expect(roots()).toHaveLength(1);
    expect(slack.callsTo('conversations.history')).toHaveLength(1);
  });

  it('a poison message (refused for good, then one that fails every time) does not stop later alerts', async () => {
    const { store, clock, settle } = setup();
    slack.failNext('chat.postMessage', 1, { error: 'msg_too_long' });
    await store.commit({ deliveries: [root('p1'), root('ok1')] }, clock.now());
    await settle();
    expect(roots().map((m) => m.text)).toEqual([expect.stringContaining('Outage ok1')]);
    // A 403 is not transient either (only 429, 408 and 5xx are).
    slack.failNext('chat.postMessage', 1, { status: 403 });
    await store.commit({ deliveries: [root('p2'), root('ok2'), note('ok2', 1)] }, clock.now());
    await settle();
    expect(roots().map((m) => m.text)).toEqual([expect.stringContaining('Outage ok1'), expect.stringContaining('Outage ok2')]);
    // One that answers 500 every time: five attempts, then given up, and the next alert goes out.
    slack.failNext('chat.postMessage', 5, { status: 500 });
    await store.commit({ deliveries: [root('p3')] }, clock.now());
    await settle();
    await store.commit({ deliveries: [root('ok3')] }, clock.now());
    await settle();
    expect(roots().map((m) => m.text)).toHaveLength(3);
    expect((await store.deadDeliveries(0, 10)).map((d) => d.idempotencyKey)).toEqual(['p3:open', 'p2:open', 'p1:open']);
    expect(logs.filter((l) => l.level === 'error' && /given up/.test(l.msg))).toHaveLength(3);
  });
});
