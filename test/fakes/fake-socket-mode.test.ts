import { LogLevel, SocketModeClient } from '@slack/socket-mode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { startFakeSocketMode, type FakeSocketMode } from './fake-socket-mode.js';

let slack: FakeSlack;
let socketMode: FakeSocketMode;

beforeAll(async () => {
  slack = await startFakeSlack();
  socketMode = await startFakeSocketMode(slack);
});
afterAll(async () => {
  await socketMode.close();
  await slack.close();
});

// The real client. Its reconnect delay is clientPingTimeout × consecutive failures, so a small one keeps the test fast;
// not smaller than 1 s: the client drops a socket whose last pong is older than that (real time), which a thread
// stalled on a loaded machine made it do at 50 ms (an extra reconnect, and an envelope sent meanwhile never acked).
const newClient = (appToken = 'xapp-1-A0FAKEAPP-1-fake', autoReconnectEnabled = true) =>
  new SocketModeClient({
    appToken,
    autoReconnectEnabled,
    clientPingTimeout: 1000,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: `${slack.url}/`, retryConfig: { retries: 0 } },
  });

describe('fake Socket Mode with the real @slack/socket-mode client', () => {
  it('connects through apps.connections.open, acks a slash command, and reconnects after a drop', async () => {
    const client = newClient();
    const commands: Record<string, unknown>[] = [];
    client.on('slash_commands', async ({ ack, body }: { ack: (r?: object) => Promise<void>; body: Record<string, unknown> }) => {
      commands.push(body);
      await ack({ text: `checking ${String(body.text)}` });
    });
    await client.start();
    await socketMode.waitForConnection(1);
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);

    const ack = await socketMode.sendSlashCommand({ text: 'models' });
    expect(ack.payload).toEqual({ text: 'checking models' });
    expect(commands[0]).toMatchObject({ command: '/claude-status', text: 'models' });

    socketMode.drop();
    await socketMode.waitForConnection(2);
    expect(slack.callsTo('apps.connections.open')).toHaveLength(2);
    expect((await socketMode.sendSlashCommand({ text: 'again' })).payload).toEqual({ text: 'checking again' });

    socketMode.requestReconnect();
    await socketMode.waitForConnection(3);
    // A round trip proves the client saw `hello`; disconnecting before that makes its pending start() reject unhandled.
    expect((await socketMode.sendSlashCommand({ text: 'third' })).payload).toEqual({ text: 'checking third' });
    await client.disconnect();
  });

  it('delivers events and interactions and reports a missing ack', async () => {
    const client = newClient();
    client.on('app_mention', async ({ ack }: { ack: () => Promise<void> }) => ack());
    client.on('interactive', async ({ ack, body }: { ack: () => Promise<void>; body: { type: string } }) => {
      if (body.type === 'block_actions') await ack();
    });
    const before = socketMode.connectionCount();
    await client.start();
    await socketMode.waitForConnection(before + 1);
    expect((await socketMode.sendEvent({ type: 'app_mention', text: '<@U0FAKEBOT> status' })).envelope_id).toMatch(/^env-/);
    await socketMode.sendInteraction({ type: 'block_actions', actions: [] });
    await expect(socketMode.sendInteraction({ type: 'shortcut' }, 100)).rejects.toThrow(/no ack/);
    await client.disconnect();
  });

  it('refuses apps.connections.open with a bot token, as Slack does', async () => {
    // The client counts not_allowed_token_type as recoverable and would retry for ever; only fail once here.
    const client = newClient(slack.botToken, false);
    await expect(client.start()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
  });
});
