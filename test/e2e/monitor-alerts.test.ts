import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../fakes/fake-slack.js';
import { interactionBody } from '../fakes/slack-signing.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
const ADMIN = 'U0ADMIN';
// Two models: an overload trips the key check, both model probes and Messages; they are one cause ("API overloaded
// (529) on every probe"), so one incident and one alert (issue 11: one alert per outage, whatever probes fail).
const ENV = {
  ALERT_CHANNEL: ALERTS,
  ALERT_FAILURE_THRESHOLD: '2',
  ALERT_RECOVERY_THRESHOLD: '2',
  MONITOR_GENERATION_INTERVAL_SECONDS: '0',
  CLAUDE_MODELS: 'claude-haiku-4-5,claude-sonnet-4-5',
  ADMIN_USER_IDS: ADMIN,
};
// The breaker opens during the outage; its reset runs on real timers (opossum's), so it is short here: a trial call
// goes through soon after recovery while the rounds, on the manual clock, follow each other within milliseconds.
const BREAKER_RESET_MS = 300;
const OVERLOADED = [{ fault: { kind: 'status' as const, status: 529 as const }, endpoint: 'any' as const }];

const isRoot = (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && c.body.thread_ts === undefined;
const delivered = (c: RecordedCall) => c.status === 200 && c.error === undefined;
const inThread = (ts: string) => (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.thread_ts === ts && delivered(c);

describe('monitor alerts end to end (rounds stepped on a manual clock, thresholds 2/2, real SQLite store, fake Slack and Claude API)', () => {
  let t: TestApp;
  let dataDir: string;
  let rootTs: string;
  let rootAlertId: string;

  const roots = () => t.slack.calls.filter((c) => isRoot(c) && delivered(c));
  /** Presses an alert button as Slack would and returns the ephemeral answer's text. */
  const press = async (actionId: string, value: string, userId: string) => {
    const responseUrl = t.slack.responseUrl();
    const res = await t.post(interactionBody({
      type: 'block_actions', api_app_id: 'A0FAKEAPP', token: 'x', trigger_id: '1.2.3', response_url: responseUrl,
      team: { id: 'T0FAKE001', domain: 'fake' }, user: { id: userId, username: 'someone', team_id: 'T0FAKE001' },
      channel: { id: ALERTS, name: 'alerts' }, container: { type: 'message', message_ts: rootTs, channel_id: ALERTS },
      message: { type: 'message', ts: rootTs, text: 'alert' },
      actions: [{ type: 'button', action_id: actionId, block_id: 'alert_actions', value, action_ts: '1.2', text: { type: 'plain_text', text: 'x' } }],
    }));
    expect(res.status).toBe(200);
    return String((await t.slack.waitForResponse((r) => r.url === responseUrl, 20_000)).body.text);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'claude-status-alerts-'));
    t = await startTestApp({ env: ENV, dataDir, manualTime: true, breakerResetMs: BREAKER_RESET_MS });
  });
  afterAll(async () => {
    await t?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stays quiet while the API is healthy, and through a single failed round (below the threshold)', async () => {
    await t.round();
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
    // Fail exactly one round.
    const failed = async () => { const h = (await t.app.monitoring!.monitor.history())[0]!; return h.rounds - h.upRounds; };
    t.claude.setFaults(OVERLOADED);
    await t.round();
    t.claude.clearFaults();
    expect(await failed()).toBe(1);
    // The breaker may have opened on that round's failures: the next rounds are healthy once it lets a call through.
    await t.roundsUntil(async () => (await t.app.monitoring!.monitor.history())[0]!.upRounds >= 3);
    expect(await failed()).toBe(1);
    expect(t.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(await t.app.monitoring!.monitor.openIncidents()).toEqual([]);
  });

  it('posts exactly one alert for an outage, through two Slack 429s, with the error, cause, fix and buttons', async () => {
    t.slack.failNext('chat.postMessage', 2, { status: 429, retryAfterSeconds: 1 });
    t.claude.setFaults(OVERLOADED);
    // Threshold 2: the second failed round opens the incident; the Retry-After waits are stepped by round().
    await t.rounds(2);
    // Already sent when the step returns on an idle machine; 10 s, not 1 s, of real time for a loaded one.
    const root = await t.slack.waitFor((c) => isRoot(c) && delivered(c), 10_000);
    rootTs = String(t.slack.messages(ALERTS).find((m) => m.thread_ts === undefined)?.ts);
    rootAlertId = (root.body.metadata as { event_payload: { alert_id: string } }).event_payload.alert_id;
    const text = JSON.stringify(root.body.blocks);
    expect(text).toContain('529');
    expect(text).toContain('overloaded_error');
    expect(text).toMatch(/req_\w+/);
    expect(text).toMatch(/Likely cause/);
    expect(text).toMatch(/Fix/);
    expect(text).toMatch(/Only us/);
    const buttons = (root.body.blocks as { type: string; elements?: { action_id: string }[] }[]).find((b) => b.type === 'actions');
    expect(buttons?.elements?.map((e) => e.action_id)).toEqual(['alert_recheck', 'alert_ack', 'alert_snooze', 'alert_resolve']);
    // The two 429s were this same alert (same idempotency key), retried after Retry-After, then delivered once.
    const attempts = t.slack.callsTo('chat.postMessage').filter(isRoot);
    expect(attempts.filter((c) => c.status === 429)).toHaveLength(2);
    expect(new Set(attempts.map((c) => JSON.stringify(c.body.metadata))).size).toBe(1);
    expect(String(root.body.text)).toMatch(/API overloaded \(529\) on every probe/);
    // The breaker opening a round later is evidence on the same root (updated in place), never a root of its own.
    const breakerOnRoot = (c: RecordedCall) => c.method === 'chat.update' && c.body.ts === rootTs && /circuit breaker is open/.test(JSON.stringify(c.body.blocks));
    await t.roundsUntil(() => t.slack.calls.some(breakerOnRoot), 5);
    await t.rounds(2);
    expect(roots()).toHaveLength(1);
    expect(t.slack.calls.filter((c) => inThread(rootTs)(c) && /circuit breaker/.test(String(c.body.text)))).toEqual([]);
    // Operations see it too: the open incidents as the store holds them now, and the store answering /readyz.
    expect(await (await fetch(`${t.url}/metrics`)).text()).toMatch(/claude_status_open_incidents [1-9]/);
    expect(await (await fetch(`${t.url}/readyz`)).json()).toMatchObject({ status: 'ready', checks: { slack: true, store: true } });
  });

  it('records an admin\'s Acknowledge with a thread note, refuses a non-admin politely, re-checks for anyone', async () => {
    const value = 'alert:' + rootAlertId;
    const isAckNote = (c: RecordedCall) => inThread(rootTs)(c) && String(c.body.text).includes(`Acknowledged by <@${ADMIN}>`);
    const showsAck = (c: RecordedCall) => c.method === 'chat.update' && c.body.ts === rootTs && delivered(c) && JSON.stringify(c.body.blocks).includes(`Acknowledged by <@${ADMIN}>`);
    expect(await press('alert_ack', value, ADMIN)).toMatch(/You acknowledged/);
    const open = await t.app.monitoring!.monitor.openIncidents();
    const grouped = open.filter((i) => i.alertId === rootAlertId);
    expect(grouped.map((i) => i.key)).toEqual(['api']);
    expect(grouped.every((i) => i.acknowledgedBy === ADMIN)).toBe(true);
    // Stored before the answer; sent after it. Once the outbox is empty, the thread got ONE note for the whole
    // alert (not one per incident), and the first refresh of the root already shows every incident acknowledged.
    await t.deliver();
    const update = await t.slack.waitFor(showsAck, 10_000);
    expect(JSON.stringify(update.body.blocks).split(`Acknowledged by <@${ADMIN}>`).length - 1).toBe(grouped.length);
    expect((await t.app.monitoring!.monitor.health()).pendingDeliveries).toBe(0);
    expect(t.slack.calls.filter(isAckNote)).toHaveLength(1);
    expect(await press('alert_ack', value, 'U0SOMEONE')).toMatch(/Sorry <@U0SOMEONE>, only the admins/);
    const { responseUrl } = await t.command('pause', { user_id: 'U0SOMEONE' });
    expect(String((await t.slack.waitForResponse((r) => r.url === responseUrl)).body.text)).toMatch(/only the admins/);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(false);
    // Re-check is for anyone: it runs a round now and answers with its verdict.
    expect(await press('alert_recheck', value, 'U0SOMEONE')).toMatch(/Re-checked: (Down|Degraded) — /);
  });

  it('posts nothing new after a restart mid-incident, and resolves in the original thread through a Slack 500', async () => {
    const before = roots().length;
    await t.restart();
    await t.rounds(2);
    expect(roots()).toHaveLength(before);
    const postsBefore = t.slack.callsTo('chat.postMessage').length;
    t.slack.failNext('chat.postMessage', 1, { status: 500 });
    t.claude.clearFaults();
    const isResolved = (c: RecordedCall) => inThread(rootTs)(c) && /resolved/i.test(String(c.body.text));
    await t.roundsUntil(() => t.slack.calls.some(isResolved));
    const resolved = await t.slack.waitFor(isResolved, 10_000);
    expect(resolved.body.channel).toBe(ALERTS);
    const update = await t.slack.waitFor((c) => c.method === 'chat.update' && c.body.ts === rootTs && /RESOLVED/.test(JSON.stringify(c.body.blocks)), 10_000);
    expect(update.status).toBe(200);
    await t.round();
    // The 500 was retried: every thread reply of the recovery was delivered exactly once, and no root was added.
    const recovery = t.slack.callsTo('chat.postMessage').slice(postsBefore);
    expect(recovery.some((c) => c.status === 500)).toBe(true);
    const texts = recovery.filter(delivered).map((c) => `${String(c.body.thread_ts)} ${String(c.body.text)}`);
    expect(texts.length).toBeGreaterThan(0);
    expect(new Set(texts).size).toBe(texts.length);
    expect(recovery.filter(delivered).every((c) => c.body.thread_ts === rootTs)).toBe(true);
    expect(roots()).toHaveLength(before);
    expect(await t.app.monitoring!.monitor.openIncidents()).toEqual([]);
  });

  it('answers /claude-status history with uptime and latency figures', async () => {
    const { responseUrl } = await t.command('history');
    const text = JSON.stringify((await t.slack.waitForResponse((r) => r.url === responseUrl)).body);
    expect(text).toMatch(/\d+\.\d{2}% up/);
    expect(text).toMatch(/p50 \d+ ?ms, p95 \d+ ?ms/);
    expect(text).toMatch(/[▁▂▃▄▅▆▇█]/);
  });

  it('lets an admin pause and resume the monitor', async () => {
    const answer = async (text: string) => {
      const { responseUrl } = await t.command(text, { user_id: ADMIN });
      return String((await t.slack.waitForResponse((r) => r.url === responseUrl)).body.text);
    };
    expect(await answer('pause')).toMatch(/paused by <@U0ADMIN>/);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(true);
    expect(await answer('resume')).toMatch(/resume/i);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(false);
  });
});
