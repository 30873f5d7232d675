import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlertClient, createSlackAlertSink } from '../../../src/slack/alerts/create-slack-alert-sink.js';
import type { AlertRef, ThreadNote } from '../../../src/monitor/alert-sink.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { makeIncident, makeRoot } from './alert-fixture.js';

type Entry = { level: string; obj: object; msg: string };

let slack: FakeSlack;
const logs: Entry[] = [];
const logger = {
  info: (obj: object, msg: string) => void logs.push({ level: 'info', obj, msg }),
  warn: (obj: object, msg: string) => void logs.push({ level: 'warn', obj, msg }),
  error: (obj: object, msg: string) => void logs.push({ level: 'error', obj, msg }),
};
// The WebClient's own log lines (a failed fetch) are expected here; keep them off the test output.
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, setLevel: () => undefined, getLevel: () => LogLevel.ERROR, setName: () => undefined };
const sinkFor = (channel = 'C0ALERTS', token?: string, timeoutMs?: number) =>
  createSlackAlertSink({ client: createAlertClient(token ?? slack.botToken, slack.url, quiet, { timeoutMs }), channel, logger });

const note = (over: Partial<ThreadNote> = {}): ThreadNote => ({
  alertId: 'a1', incidentKey: 'auth', kind: 'resolved', text: 'Resolved after 12 min: Authentication fails', at: '2026-11-26T16:14:00.000Z', durationMs: 720_000, ...over,
});

beforeAll(async () => { slack = await startFakeSlack(); });
afterAll(async () => { await slack.close(); });
beforeEach(() => { slack.reset(); logs.length = 0; });

describe('createSlackAlertSink', () => {
  it('posts the root, updates it in place and replies in its thread', async () => {
    const sink = sinkFor();
    const posted = await sink.postRoot(makeRoot(), 'a1:root');
    expect(posted.ok).toBe(true);
    const ref = (posted as { value: AlertRef }).value;
    expect(ref.channel).toBe('C0ALERTS');
    const [root] = slack.messages('C0ALERTS');
    expect(root!.text).toContain('CRITICAL: Authentication fails');
    expect(JSON.stringify(root!.blocks)).toContain('alert_ack');
    expect(slack.callsTo('chat.postMessage')[0]!.body.metadata).toMatchObject({ event_payload: { idempotency_key: 'a1:root' } });

    const reply = await sink.reply(ref, note(), 'a1:resolved');
    expect(reply.ok).toBe(true);
    const resolved = makeRoot({ status: 'resolved' });
    resolved.incidents[0] = { ...resolved.incidents[0]!, status: 'resolved', resolvedAt: '2026-11-26T16:14:00.000Z', durationMs: 840_000 };
    expect(await sink.updateRoot(ref, resolved, 'a1:update')).toEqual({ ok: true, value: undefined });

    const [after, threadReply] = slack.messages('C0ALERTS');
    expect(threadReply!.thread_ts).toBe(ref.ts);
    expect(threadReply!.text).toContain('Resolved after 12 min');
    expect(after!.updates).toBe(1);
    expect(after!.text).toContain('Resolved');
    expect(JSON.stringify(after!.blocks)).not.toContain('alert_ack');
  });

  it('turns a 429 into a transient failure with Slack’s Retry-After, without retrying by itself', async () => {
    slack.failNext('chat.postMessage', 1, { status: 429, retryAfterSeconds: 7 });
    const out = await sinkFor().postRoot(makeRoot(), 'k');
    expect(out).toMatchObject({ ok: false, retryAfterSeconds: 7 });
    expect(out.ok || out.permanent).toBeFalsy();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.messages('C0ALERTS')).toHaveLength(0);
  });

  it('treats a 500 and an unreachable Slack as transient, once each', async () => {
    slack.failNext('chat.update', 1, { status: 500 });
    const out = await sinkFor().updateRoot({ channel: 'C0ALERTS', ts: '1.000001' }, makeRoot(), 'k');
    expect(out).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 500') });
    expect(out.ok || out.permanent || out.retryAfterSeconds).toBeFalsy();
    expect(slack.callsTo('chat.update')).toHaveLength(1);

    const offline = createSlackAlertSink({ client: createAlertClient(slack.botToken, 'http://127.0.0.1:9/api', quiet), channel: 'C0ALERTS', logger });
    const down = await offline.postRoot(makeRoot(), 'k');
    expect(down).toMatchObject({ ok: false, error: expect.stringContaining('unreachable') });
    expect(down.ok || down.permanent).toBeFalsy();
  });

  it('reports channel_not_found, not_in_channel and invalid_auth as permanent, with what to do', async () => {
    slack.failNext('chat.postMessage', 1, { error: 'channel_not_found' });
    slack.failNext('chat.postMessage', 1, { error: 'not_in_channel' });
    const sink = sinkFor();
    expect(await sink.postRoot(makeRoot(), 'k')).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('channel_not_found — ALERT_CHANNEL') });
    expect(await sink.reply({ channel: 'C0ALERTS', ts: '1.1' }, note(), 'k')).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('/invite') });
    expect(await sinkFor('C0ALERTS', 'xoxb-wrong').postRoot(makeRoot(), 'k')).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('invalid_auth') });
    expect(logs.filter((l) => l.level === 'error')).toHaveLength(3);
  });

  it('a platform ratelimited is transient; a vanished root message is permanent', async () => {
    slack.failNext('chat.postMessage', 1, { error: 'ratelimited' });
    const out = await sinkFor().postRoot(makeRoot(), 'k');
    expect(out.ok || out.permanent).toBeFalsy();
    expect(await sinkFor().updateRoot({ channel: 'C0ALERTS', ts: '9.999999' }, makeRoot(), 'k')).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('message_not_found') });
  });

  it('sends text only when Slack refuses the blocks, so the alert still lands', async () => {
    slack.failNext('chat.postMessage', 1, { error: 'invalid_blocks' });
    const out = await sinkFor().postRoot(makeRoot(), 'k');
    expect(out.ok).toBe(true);
    const calls = slack.callsTo('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body.blocks).toBeUndefined();
    expect(slack.messages('C0ALERTS')[0]!.text).toContain('Authentication fails');
  });

  it('treats HTTP 4xx other than 429 as permanent, 408 and 5xx as transient', async () => {
    for (const status of [400, 403, 404, 410, 413] as const) {
      slack.failNext('chat.postMessage', 1, { status });
      expect(await sinkFor().postRoot(makeRoot(), 'k')).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining(`HTTP ${status}`) });
    }
    for (const status of [502, 503] as const) {
      slack.failNext('chat.postMessage', 1, { status });
      const out = await sinkFor().postRoot(makeRoot(), 'k');
      expect(out.ok || out.permanent).toBeFalsy();
    }
  });

  it('reports is_archived, msg_too_long and a refused text-only fallback as permanent', async () => {
    for (const error of ['is_archived', 'msg_too_long']) {
      slack.failNext('chat.postMessage', 1, { error });
      expect(await sinkFor().postRoot(makeRoot(), 'k')).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining(error) });
    }
    slack.failNext('chat.postMessage', 2, { error: 'invalid_blocks' });
    expect(await sinkFor().postRoot(makeRoot(), 'k')).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('invalid_blocks') });
  });

  it('finds a root post that timed out but landed, by its key in the channel history, posted by this bot', async () => {
    slack.failNext('chat.postMessage', 1, { delayMs: 2000 });
    const sinceMs = Date.now();
    const out = await sinkFor('C0ALERTS', undefined, 200).postRoot(makeRoot(), 'a1:root');
    await slack.waitFor((c) => c.method === 'chat.postMessage');
    // The look-up gets the production timeout: only the post is meant to time out here (this machine may be slow).
    const sink = sinkFor();
    expect(out).toMatchObject({ ok: false, error: expect.stringContaining('unreachable') });
    expect(out.ok || out.permanent).toBeFalsy();
    const [landed] = slack.messages('C0ALERTS');
    expect(await sink.findRoot!('a1:root', sinceMs - 60_000)).toEqual({ ok: true, value: { channel: 'C0ALERTS', ts: landed!.ts } });
    expect(await sink.findRoot!('a2:root', sinceMs - 60_000)).toEqual({ ok: true, value: undefined });
    // Only messages since the first send count.
    expect(await sink.findRoot!('a1:root', Date.now() + 60_000)).toEqual({ ok: true, value: undefined });
    expect(slack.callsTo('conversations.history').every((c) => c.body.include_all_metadata === 'true' || c.body.include_all_metadata === true)).toBe(true);
  });

  it('pages through a busy channel to find it', async () => {
    const sink = sinkFor();
    const sinceMs = Date.now() - 60_000;
    await sink.postRoot(makeRoot(), 'busy:root');
    for (let i = 0; i < 20; i += 1) await sink.postRoot(makeRoot({ alertId: `other${i}` }), `other${i}:root`);
    expect((await sink.findRoot!('busy:root', sinceMs)).ok && (await sink.findRoot!('busy:root', sinceMs))).toMatchObject({ value: { ts: slack.messages('C0ALERTS')[0]!.ts } });
  });

  it('with ALERT_CHANNEL as a name, looks only once a post has told it the channel id', async () => {
    const sink = sinkFor('ops-alerts');
    expect(await sink.findRoot!('k', 0)).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('channel id') });
    expect(slack.callsTo('conversations.history')).toHaveLength(0);
  });

  it('a look-up that Slack rate-limits or refuses for a missing scope is a failure with its kind', async () => {
    slack.failNext('conversations.history', 1, { status: 429, retryAfterSeconds: 60 });
    expect(await sinkFor().findRoot!('k', 0)).toMatchObject({ ok: false, retryAfterSeconds: 60 });
    slack.failNext('conversations.history', 1, { error: 'missing_scope' });
    expect(await sinkFor().findRoot!('k', 0)).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('channels:history') });
  });

  it('puts ALERT_MENTION on a critical alert\'s root while it is open, and nowhere else', async () => {
    const mention = '<!subteam^S0ONCALL> <@U0LEAD>';
    const sink = createSlackAlertSink({ client: createAlertClient(slack.botToken, slack.url, quiet), channel: 'C0ALERTS', logger, mention });
    const posted = await sink.postRoot(makeRoot(), 'crit:root');
    const ref = (posted as { value: AlertRef }).value;
    const [root] = slack.messages('C0ALERTS');
    expect(root!.text).toMatch(/^<!subteam\^S0ONCALL> <@U0LEAD> CRITICAL/);
    expect(JSON.stringify(root!.blocks![1])).toContain('<!subteam^S0ONCALL> <@U0LEAD>');
    await sink.reply(ref, note(), 'crit:note');
    await sink.postRoot(makeRoot({ severity: 'major', incidents: [makeIncident({ severity: 'major' })] }), 'major:root');
    const resolved = makeRoot({ status: 'resolved' });
    await sink.updateRoot(ref, resolved, 'crit:resolved');
    const texts = slack.messages('C0ALERTS').map((m) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`);
    expect(texts.filter((t) => t.includes('S0ONCALL'))).toEqual([]);
    expect(slack.callsTo('chat.postMessage').filter((c) => String(c.body.text).includes('S0ONCALL'))).toHaveLength(1);
  });
});
