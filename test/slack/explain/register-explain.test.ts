import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { explainOffline } from '../../../src/explain/explain-offline.js';
import { createPerUserLimit } from '../../../src/slack/per-user-limit.js';
import type { SlackExplainer } from '../../../src/slack/explain/answer-for-user.js';
import { registerExplain } from '../../../src/slack/explain/register-explain.js';
import { startFakeSlack, type FakeSlack, type RecordedCall } from '../../fakes/fake-slack.js';
import { eventBody, interactionBody, postSigned, signSlackRequest } from '../../fakes/slack-signing.js';
import { createManualClock } from '../../fakes/manual-clock.js';

const SECRET = 'explain-signing-secret-0123456789';
const KEY = `sk-ant-api03-${'Qw7'.repeat(31)}AA`;
const RATE_LIMIT = `<!channel> Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"},"request_id":"req_011CQexplain"} key=${KEY}`;

let slack: FakeSlack;
let app: App;
let url: string;
const logs: { obj: object; msg: string }[] = [];
const offline: SlackExplainer = { explain: async (text) => explainOffline(text) };
const enriched: SlackExplainer = { explain: async (text) => ({ ...explainOffline(text), enrichment: `Claude: pace your calls <!here> <@U0BOSS> ${KEY}` }) };
let explainer: SlackExplainer = offline;
let calls = 0;

const log = (obj: object, msg: string) => void logs.push({ obj, msg });
const mention = (fields: Record<string, unknown>) => eventBody({ type: 'app_mention', user: 'U0ALICE', channel: 'C0MENTION', ts: '1700000001.000100', ...fields });
const dm = (fields: Record<string, unknown>) => eventBody({ type: 'message', channel_type: 'im', user: 'U0DMUSER', channel: 'D0DIRECT', ts: '1700000002.000100', ...fields });
const posts = (channel: string): RecordedCall[] => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
const wire = (call: { body: Record<string, unknown> }): string => JSON.stringify(call.body);

/** The first answer (offline, marked as still asking Claude) and the chat.update that replaced it. */
async function firstAndFinal(channel: string): Promise<{ first: RecordedCall; final: RecordedCall }> {
  const first = await slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === channel);
  const ts = slack.messages(channel)[0]?.ts;
  const final = await slack.waitFor((c) => c.method === 'chat.update' && c.body.channel === channel && c.body.ts === ts);
  return { first, final };
}

function expectClean(text: string): void {
  expect(text).not.toMatch(/<!(channel|here|everyone)/);
  expect(text).not.toContain('<@U0BOSS>');
  expect(text).not.toContain(KEY.slice(13));
}

function shortcut(fields: Record<string, unknown>) {
  const responseUrl = slack.responseUrl();
  const payload = {
    type: 'message_action', callback_id: 'explain_claude_error', trigger_id: 't', response_url: responseUrl, message_ts: '1700000003.000100',
    action_ts: '1', token: 'x', team: { id: 'T0FAKE001', domain: 'fake' }, channel: { id: 'C0SHORT', name: 'general' }, user: { id: 'U0BOB', name: 'bob' },
    message: { type: 'message', text: RATE_LIMIT, ts: '1700000003.000100', user: 'U0OTHER' }, ...fields,
  };
  return { responseUrl, body: interactionBody(payload) };
}

beforeAll(async () => {
  slack = await startFakeSlack();
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  app = new App({ token: slack.botToken, botId: 'B0FAKEBOT', botUserId: slack.botUserId, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: `${slack.url}/`, retryConfig: { retries: 0 } } });
  // Only U0GREEDY ever reaches the limit: everyone else asks less than three times.
  const limit = createPerUserLimit({ limit: 3, windowMs: 60_000, clock: createManualClock() });
  registerExplain(app, { explainer: { explain: (text, options) => (calls++, explainer.explain(text, options)) }, limit, logger: { info: log, warn: log } });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  await app.stop();
  await slack.close();
});
beforeEach(() => {
  slack.reset();
  logs.length = 0;
  explainer = offline;
  calls = 0;
});

describe('the message shortcut "Explain Claude error"', () => {
  it('acks, answers offline in the message’s thread at once, then updates that message with Claude’s addition', async () => {
    explainer = enriched;
    const { body } = shortcut({});
    expect((await postSigned(url, body, SECRET)).status).toBe(200);
    const { first, final } = await firstAndFinal('C0SHORT');
    expect(first.body).toMatchObject({ channel: 'C0SHORT', thread_ts: '1700000003.000100' });
    expect(wire(first)).toContain('rate_limit');
    expect(wire(first)).toContain('asking Claude for more');
    expect(wire(first)).not.toContain('From Claude');
    expect(wire(final)).toContain('From Claude');
    expect(wire(final)).not.toContain('asking Claude for more');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    for (const call of [first, final]) {
      expect(wire(call)).toContain('&lt;!channel&gt;');
      expectClean(wire(call));
    }
  });

  it('answers in the existing thread when the message is a reply', async () => {
    const { body } = shortcut({ message: { type: 'message', text: '529 overloaded_error', ts: '1700000004.000200', thread_ts: '1700000004.000001' } });
    await postSigned(url, body, SECRET);
    expect((await firstAndFinal('C0SHORT')).first.body.thread_ts).toBe('1700000004.000001');
  });

  it('answers ephemerally through response_url when the bot is not in the channel', async () => {
    slack.failNext('chat.postMessage', 1, { error: 'not_in_channel' });
    const { body, responseUrl } = shortcut({});
    await postSigned(url, body, SECRET);
    const response = await slack.waitForResponse((r) => r.url === responseUrl);
    expect(response.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(Array.isArray(response.body.blocks)).toBe(true);
    const replaced = await slack.waitForResponse((r) => r.url === responseUrl && r.body.replace_original === true);
    expect(JSON.stringify(replaced.body)).toContain('Offline answer');
    for (const r of [response, replaced]) expectClean(JSON.stringify(r.body));
  });

  it('says so when the message has no text', async () => {
    const { body, responseUrl } = shortcut({ message: { type: 'message', text: '', ts: '1.2' } });
    await postSigned(url, body, SECRET);
    expect(String((await slack.waitForResponse((r) => r.url === responseUrl)).body.text)).toContain('Paste a Claude API error');
    expect(calls).toBe(0);
  });
});

describe('@claude-status explain … in a channel', () => {
  it('replies in a thread with the mention stripped, with Claude’s enrichment escaped', async () => {
    explainer = enriched;
    await postSigned(url, mention({ text: `<@${slack.botUserId}> explain ${RATE_LIMIT}` }), SECRET);
    const { first, final } = await firstAndFinal('C0MENTION');
    expect(first.body).toMatchObject({ channel: 'C0MENTION', thread_ts: '1700000001.000100' });
    expect(wire(first)).toContain('input_tokens');
    expect(wire(final)).toContain('From Claude');
    expectClean(wire(first));
    expectClean(wire(final));
  });

  it('answers a bare mention with usage, in the thread', async () => {
    await postSigned(url, mention({ text: `<@${slack.botUserId}>`, ts: '1700000001.000900', thread_ts: '1700000001.000001' }), SECRET);
    const call = await slack.waitFor((c) => c.method === 'chat.postMessage');
    expect(call.body).toMatchObject({ thread_ts: '1700000001.000001' });
    expect(String(call.body.text)).toContain('Paste a Claude API error');
  });

  it('handles an event Slack redelivers (x-slack-retry-num) once', async () => {
    const body = mention({ text: `<@${slack.botUserId}> 529 overloaded_error`, ts: '1700000001.000500' });
    await postSigned(url, body, SECRET);
    await firstAndFinal('C0MENTION');
    const headers = { ...signSlackRequest(SECRET, body), 'content-type': 'application/json', 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(200);
    await waitForLog((entry) => entry.msg.includes('redelivered event ignored'));
    expect(posts('C0MENTION')).toHaveLength(1);
    expect(calls).toBe(1);
  });

  it('refuses kindly past the per-user limit', async () => {
    for (let i = 1; i <= 4; i++) {
      await postSigned(url, mention({ user: 'U0GREEDY', text: `<@${slack.botUserId}> 529 overloaded`, ts: `1700000009.00000${i}` }), SECRET);
      await slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === `1700000009.00000${i}`);
    }
    expect(String(posts('C0MENTION').at(-1)!.body.text)).toMatch(/try again in \d+ s/);
    // The three answered ones are finished (each updated with its final answer): waited for, not a 1 s loop that
    // went on unfinished on a loaded machine and counted the explainer before the third call.
    await vi.waitFor(() => expect(slack.callsTo('chat.update')).toHaveLength(3), { timeout: 10_000, interval: 10 });
    expect(calls).toBe(3);
  });
});

describe('a direct message to the bot', () => {
  it('replies in the DM, ignoring bot messages and edits', async () => {
    await postSigned(url, dm({ text: '529 overloaded', bot_id: 'B0OTHER', ts: '1700000002.000001' }), SECRET);
    await postSigned(url, dm({ subtype: 'message_changed', ts: '1700000002.000002', message: { text: '529' } }), SECRET);
    await postSigned(url, eventBody({ type: 'message', channel_type: 'channel', user: 'U0X', channel: 'C0PUBLIC', ts: '1700000002.000003', text: '529' }), SECRET);
    await postSigned(url, dm({ text: `explain ${RATE_LIMIT}`, ts: '1700000002.000004' }), SECRET);
    const { first: call } = await firstAndFinal('D0DIRECT');
    expect(call.body.channel).toBe('D0DIRECT');
    expect(call.body.thread_ts).toBeUndefined();
    expect(wire(call)).toContain('rate_limit');
    expectClean(wire(call));
    await postSigned(url, dm({ text: 'Error: 401 authentication_error invalid x-api-key', ts: '1700000002.000005' }), SECRET);
    await slack.waitFor((c) => c.method === 'chat.postMessage' && wire(c).includes('auth'));
    await slack.waitFor((c) => c.method === 'chat.update' && wire(c).includes('auth'));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(calls).toBe(2);
  });
});

async function waitForLog(predicate: (entry: { obj: object; msg: string }) => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (logs.some(predicate)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no matching log entry; got ${logs.map((l) => l.msg).join(', ')}`);
}
