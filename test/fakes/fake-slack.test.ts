import { createHmac } from 'node:crypto';
import { LogLevel, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { eventBody, interactionBody, signSlackRequest, slashCommandBody } from './slack-signing.js';

let slack: FakeSlack;
// The real client, as Bolt builds it (slackApiUrl with a trailing slash), with retries tiny enough for a test.
const client = (token = slack.botToken, retries = 0) =>
  new WebClient(token, { slackApiUrl: `${slack.url}/`, retryConfig: { retries, minTimeout: 1, maxTimeout: 5 }, logLevel: LogLevel.ERROR });

beforeAll(async () => {
  slack = await startFakeSlack({ botUserId: 'U0BOT', teamId: 'T0TEAM' });
});
afterAll(() => slack.close());
afterEach(() => slack.reset());

describe('fake Slack Web API with the real @slack/web-api WebClient', () => {
  it('answers auth.test for the bot token and invalid_auth for any other', async () => {
    const auth = await client().auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: 'U0BOT', team_id: 'T0TEAM' });
    const error = await client('xoxb-wrong').auth.test().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIPlatformError);
    expect((error as WebAPIPlatformError).data.error).toBe('invalid_auth');
  });

  it('posts, updates and threads messages and keeps them as they stand', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*checking*' } }];
    const posted = await client().chat.postMessage({ channel: 'C1', text: 'checking', blocks });
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    expect(posted.channel).toBe('C1');
    await client().chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: posted.ts! });
    await client().chat.update({ channel: 'C1', ts: posted.ts!, text: 'done' });
    const [first, reply] = slack.messages('C1');
    expect(first).toMatchObject({ text: 'done', updates: 1, blocks: undefined });
    expect(reply).toMatchObject({ text: 'reply', thread_ts: posted.ts });
    expect(slack.callsTo('chat.postMessage')[0]!.body.blocks).toEqual(blocks);
  });

  it('answers the other methods the app uses', async () => {
    const web = client();
    expect((await web.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' })).message_ts).toBeTruthy();
    expect(slack.messages('C1')[0]).toMatchObject({ ephemeralTo: 'U1', text: 'only you' });
    expect((await web.chat.getPermalink({ channel: 'C1', message_ts: '1.000001' })).permalink).toContain('/archives/C1/p1000001');
    await web.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(slack.homeView('U1')).toMatchObject({ type: 'home' });
    expect((await web.views.open({ trigger_id: 't', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } })).ok).toBe(true);
    expect((await web.conversations.info({ channel: 'C1' })).channel?.id).toBe('C1');
    expect((await web.users.info({ user: 'U1' })).user?.id).toBe('U1');
    expect((await web.reactions.add({ channel: 'C1', timestamp: '1.1', name: 'eyes' })).ok).toBe(true);
  });

  it('refuses messages beyond Block Kit limits, as Slack does', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const error = await client().chat.postMessage({ channel: 'C1', text: 'x', blocks }).catch((e: unknown) => e);
    expect((error as WebAPIPlatformError).data.error).toBe('invalid_blocks');
  });

  it('answers 429 with Retry-After, which the real client waits out and retries', async () => {
    slack.failNext('chat.postMessage', 2, { status: 429, retryAfterSeconds: 0 });
    const posted = await client(slack.botToken, 3).chat.postMessage({ channel: 'C1', text: 'eventually' });
    expect(posted.ok).toBe(true);
    expect(slack.callsTo('chat.postMessage').map((call) => call.status)).toEqual([429, 429, 200]);
  });

  it('fails with the client\'s own error classes for 429 (when rejecting), 500, ok:false and down', async () => {
    slack.failNext('auth.test', 1, { status: 429, retryAfterSeconds: 7 });
    const rejecting = new WebClient(slack.botToken, { slackApiUrl: `${slack.url}/`, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
    const limited = await rejecting.auth.test().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(WebAPIRateLimitedError);
    expect((limited as WebAPIRateLimitedError).retryAfter).toBe(7);
    slack.failNext('auth.test', 1, { status: 500 });
    expect(await client().auth.test().catch((e: unknown) => e)).toBeInstanceOf(WebAPIHTTPError);
    slack.failNext('chat.postMessage', 1, { error: 'ratelimited' });
    const platform = await client().chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    expect((platform as WebAPIPlatformError).data.error).toBe('ratelimited');
    slack.setDown(true);
    expect(((await client().auth.test().catch((e: unknown) => e)) as WebAPIHTTPError).statusCode).toBe(503);
  });

  it('lists a channel\'s top-level messages newest first, after `oldest`, paged, with metadata only when asked', async () => {
    const web = client();
    const metadata = { event_type: 'claude_status_alert', event_payload: { idempotency_key: 'k1' } };
    const first = await web.chat.postMessage({ channel: 'C1', text: 'first', metadata });
    await web.chat.postMessage({ channel: 'C1', text: 'in thread', thread_ts: first.ts! });
    const second = await web.chat.postMessage({ channel: 'C1', text: 'second' });
    await web.chat.postMessage({ channel: 'C2', text: 'elsewhere' });
    const all = await web.conversations.history({ channel: 'C1' });
    expect(all.messages?.map((m) => m.text)).toEqual(['second', 'first']);
    expect(all.messages?.[1]).not.toHaveProperty('metadata');
    const withMeta = await web.conversations.history({ channel: 'C1', include_all_metadata: true, limit: 1 });
    expect(withMeta).toMatchObject({ has_more: true, messages: [{ text: 'second', bot_id: 'B0FAKEBOT' }] });
    const next = await web.conversations.history({ channel: 'C1', include_all_metadata: true, limit: 1, cursor: withMeta.response_metadata!.next_cursor! });
    expect(next).toMatchObject({ has_more: false, messages: [{ text: 'first', metadata }] });
    expect((await web.conversations.history({ channel: 'C1', oldest: first.ts! })).messages?.map((m) => m.text)).toEqual(['second']);
    expect((await web.conversations.history({ channel: 'C1', oldest: first.ts!, inclusive: true })).messages).toHaveLength(2);
    expect(second.ts! > first.ts!).toBe(true);
    const named = await web.conversations.history({ channel: '#ops' }).catch((e: unknown) => e);
    expect((named as WebAPIPlatformError).data.error).toBe('channel_not_found');
  });

  it('a slow answer still posts: the client times out, the message is in the channel', async () => {
    // The client's timeout (real time) leaves the request room to reach the fake on a loaded machine (200 ms did not
    // always: aborted on its way, it was never recorded); the answer comes well after it.
    slack.failNext('chat.postMessage', 1, { delayMs: 5000 });
    const impatient = new WebClient(slack.botToken, { slackApiUrl: `${slack.url}/`, retryConfig: { retries: 0 }, timeout: 1000, logLevel: LogLevel.ERROR });
    await expect(impatient.chat.postMessage({ channel: 'C1', text: 'slow' })).rejects.toThrow();
    // The request reached the fake (not aborted on its way on a slow machine) before the test ends.
    await slack.waitFor((c) => c.method === 'chat.postMessage');
    expect(slack.messages('C1').map((m) => m.text)).toEqual(['slow']);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('answers other HTTP errors (400, 403, 404, 410, 413) as injected', async () => {
    slack.failNext('chat.postMessage', 1, { status: 403 });
    expect(((await client().chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e)) as WebAPIHTTPError).statusCode).toBe(403);
  });

  it('records response_url posts, allows five uses, and waits for calls', async () => {
    const url = slack.responseUrl();
    const waited = slack.waitFor((call) => call.method === 'chat.postMessage' && call.body.channel === 'C9');
    for (let i = 0; i < 6; i += 1) await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `r${i}` }) });
    expect(slack.responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 404]);
    expect(slack.responses[0]).toMatchObject({ url, body: { text: 'r0' } });
    await client().chat.postMessage({ channel: 'C9', text: 'hi' });
    expect((await waited).body.text).toBe('hi');
    await expect(slack.waitFor((call) => call.method === 'nothing', 20)).rejects.toThrow(/nothing matched/);
  });
});

describe('signing helper', () => {
  it('signs v0:timestamp:body with HMAC-SHA256, as Slack documents', () => {
    const body = slashCommandBody({ text: 'models' });
    const headers = signSlackRequest('secret', body, 1_700_000_000);
    const expected = createHmac('sha256', 'secret').update(`v0:1700000000:${body}`).digest('hex');
    expect(headers).toEqual({ 'x-slack-request-timestamp': '1700000000', 'x-slack-signature': `v0=${expected}` });
    expect(new URLSearchParams(body).get('command')).toBe('/claude-status');
    expect(JSON.parse(new URLSearchParams(interactionBody({ type: 'message_action' })).get('payload')!)).toEqual({ type: 'message_action' });
    expect(JSON.parse(eventBody({ type: 'app_mention' })).event.type).toBe('app_mention');
  });
});
