import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { startFakeSocketMode, type FakeSocketMode } from './fake-socket-mode.js';
import { eventBody, interactionBody, postSigned, slashCommandBody } from './slack-signing.js';

// The fakes and the signing helper with the real Bolt app, in both connection modes, as the e2e tests use them.
const SECRET = 'fake-signing-secret-0123456789';
let slack: FakeSlack;

/** The same listeners for both modes: answer through response_url, post in the channel, react to mentions. */
function register(app: App): void {
  app.command('/claude-status', async ({ ack, respond, command, client }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: `checking ${command.text}` });
    await client.chat.postMessage({ channel: command.channel_id, text: 'posted by the bot' });
  });
  app.event('app_mention', async ({ event, client }) => {
    await client.reactions.add({ channel: event.channel, timestamp: event.ts, name: 'eyes' });
  });
  app.shortcut({ callback_id: 'explain_error', type: 'message_action' }, async ({ ack, respond, shortcut }) => {
    await ack();
    await respond({ text: `explaining ${shortcut.message.text ?? ''}` });
  });
}

const clientOptions = () => ({ slackApiUrl: `${slack.url}/`, retryConfig: { retries: 0 } });

beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack.close());

describe('the real Bolt app in HTTP mode against the fake Slack, with signed requests', () => {
  let app: App;
  let url: string;

  beforeAll(async () => {
    const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
    app = new App({ token: slack.botToken, receiver, clientOptions: clientOptions(), deferInitialization: true, logLevel: LogLevel.ERROR });
    await app.init();
    register(app);
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(() => app.stop());

  it('acks a signed slash command; the answer reaches the response_url and the post the channel', async () => {
    const responseUrl = slack.responseUrl();
    const res = await postSigned(url, slashCommandBody({ text: 'models', response_url: responseUrl, channel_id: 'C0HTTP' }), SECRET);
    expect(res.status).toBe(200);
    expect((await slack.waitForResponse((r) => r.url === responseUrl)).body).toMatchObject({ text: 'checking models', response_type: 'ephemeral' });
    await slack.waitFor((call) => call.method === 'chat.postMessage' && call.body.channel === 'C0HTTP');
    expect(slack.messages('C0HTTP')[0]!.text).toBe('posted by the bot');
  });

  it('refuses a forged signature and a stale timestamp with 401', async () => {
    const body = slashCommandBody();
    expect((await postSigned(url, body, SECRET, { forgedSignature: 'v0=deadbeef' })).status).toBe(401);
    expect((await postSigned(url, body, 'another-secret')).status).toBe(401);
    expect((await postSigned(url, body, SECRET, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
  });

  it('delivers a signed event and a signed message shortcut', async () => {
    expect((await postSigned(url, eventBody({ type: 'app_mention', user: 'U1', channel: 'C0EV', ts: '1700000000.000100', text: '<@U0FAKEBOT> hi' }), SECRET)).status).toBe(200);
    expect((await slack.waitFor((call) => call.method === 'reactions.add')).body).toMatchObject({ channel: 'C0EV', name: 'eyes' });
    const responseUrl = slack.responseUrl();
    const shortcut = {
      type: 'message_action', callback_id: 'explain_error', trigger_id: 't', response_url: responseUrl,
      team: { id: 'T0FAKE001' }, channel: { id: 'C0EV' }, user: { id: 'U1' }, message: { type: 'message', text: '529 overloaded', ts: '1.2' },
    };
    expect((await postSigned(url, interactionBody(shortcut), SECRET)).status).toBe(200);
    expect((await slack.waitForResponse((r) => r.url === responseUrl)).body.text).toBe('explaining 529 overloaded');
  });
});

describe('the real Bolt app in Socket Mode against the fake Socket Mode server', () => {
  let socketMode: FakeSocketMode;
  let app: App;

  beforeAll(async () => {
    socketMode = await startFakeSocketMode(slack);
    // clientPingTimeout also sets the reconnect delay (× consecutive failures): small, so a reconnect is quick. Not
    // below 1 s: the client also drops a socket whose last pong is older (real time), as a stalled thread made it at 50 ms.
    const receiver = new SocketModeReceiver({ appToken: 'xapp-1-A0FAKEAPP-1-fake', clientPingTimeout: 1000, logLevel: LogLevel.ERROR, installerOptions: { clientOptions: clientOptions() } });
    app = new App({ token: slack.botToken, receiver, clientOptions: clientOptions(), deferInitialization: true, logLevel: LogLevel.ERROR });
    await app.init();
    register(app);
    await app.start();
  });
  afterAll(async () => {
    await app.stop();
    await socketMode.close();
  });

  it('acks a slash command envelope, answers through response_url, and carries on after the socket drops', async () => {
    for (const text of ['first', 'after the drop']) {
      const responseUrl = slack.responseUrl();
      const ack = await socketMode.sendSlashCommand({ text, response_url: responseUrl });
      expect(ack.envelope_id).toMatch(/^env-/);
      expect((await slack.waitForResponse((r) => r.url === responseUrl)).body.text).toBe(`checking ${text}`);
      if (text === 'first') {
        socketMode.drop();
        await socketMode.waitForConnection(2);
      }
    }
    expect(slack.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(2);
  });

  it('acks an events_api envelope before the listener runs', async () => {
    await socketMode.sendEvent({ type: 'app_mention', user: 'U1', channel: 'C0SOCK', ts: '1700000000.000200', text: 'hi' });
    expect((await slack.waitFor((call) => call.method === 'reactions.add' && call.body.channel === 'C0SOCK')).status).toBe(200);
  });
});
