import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerAlertActions, type AlertActionsMonitor } from '../../../src/slack/alerts/register-alert-actions.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { interactionBody, postSigned } from '../../fakes/slack-signing.js';

const SECRET = 'alert-actions-signing-secret';
const NOW_MS = Date.parse('2026-11-26T16:05:00.000Z');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The monitor as the buttons see it, recording every call; `open` is what is open now. */
function stubMonitor() {
  const calls: string[] = [];
  const open = [{ key: 'auth', alertId: 'auth@1' }, { key: 'model:a', alertId: 'grp@1' }, { key: 'model:b', alertId: 'grp@1' }];
  // As the real monitor answers: a key gives its record or undefined, an alert gives its open records.
  const found = (target: string | { alertId: string }) => (typeof target === 'string'
    ? open.find((r) => r.key === target)
    : open.filter((r) => r.alertId === target.alertId));
  const name = (target: string | { alertId: string }) => (typeof target === 'string' ? target : `alert ${target.alertId}`);
  const monitor: AlertActionsMonitor = {
    acknowledge: async (target, userId) => (calls.push(`ack ${name(target)} ${userId}`), found(target)),
    snooze: async (target, userId, untilMs) => (calls.push(`snooze ${name(target)} ${userId} ${untilMs}`), found(target)),
    runOnce: async () => (calls.push('runOnce'), {
      report: { verdict: 'degraded', headline: 'Degraded <!channel>: the key works but claude-b fails.' },
      decisions: [{ type: 'resolve', incident: { key: 'auth', title: 'Authentication fails' } }],
    }),
  };
  return { monitor, calls };
}

let slack: FakeSlack;
const apps: App[] = [];

async function startApp(adminUserIds: string[]) {
  const stub = stubMonitor();
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({
    token: slack.botToken, botId: 'B0FAKEBOT', botUserId: 'U0FAKEBOT', receiver, logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: `${slack.url}/`, retryConfig: { retries: 0 } },
  });
  registerAlertActions(app, { monitor: stub.monitor, adminUserIds, clock: { now: () => NOW_MS }, logger: silent });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  apps.push(app);
  return { ...stub, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events` };
}

/** Presses an alert button as Slack would: a signed block_actions payload whose answers go to a fake response_url. */
async function press(url: string, actionId: string, value: string, userId: string) {
  const responseUrl = slack.responseUrl();
  const payload = {
    type: 'block_actions', api_app_id: 'A0FAKEAPP', token: 'x', trigger_id: '1.2.3', response_url: responseUrl,
    team: { id: 'T0FAKE001', domain: 'fake' }, user: { id: userId, username: 'someone', team_id: 'T0FAKE001' },
    channel: { id: 'C0ALERTS', name: 'alerts' }, container: { type: 'message', message_ts: '1.000100', channel_id: 'C0ALERTS' },
    message: { type: 'message', ts: '1.000100', text: 'CRITICAL: Authentication fails' },
    actions: [{ type: 'button', action_id: actionId, block_id: 'alert_actions', value, action_ts: '1.2', text: { type: 'plain_text', text: 'x' } }],
  };
  const res = await postSigned(url, interactionBody(payload), SECRET);
  expect(res.status).toBe(200);
  const answer = await slack.waitForResponse((r) => r.url === responseUrl);
  expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  return String(answer.body.text);
}

let guarded: Awaited<ReturnType<typeof startApp>>;
let open: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  slack = await startFakeSlack();
  guarded = await startApp(['U0ADMIN']);
  open = await startApp([]);
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await slack.close();
});
beforeEach(() => {
  guarded.calls.length = 0;
  open.calls.length = 0;
});

describe('registerAlertActions through the real Bolt app', () => {
  it('lets an admin acknowledge and snooze for one hour, answering only them', async () => {
    expect(await press(guarded.url, 'alert_ack', 'auth', 'U0ADMIN')).toContain('You acknowledged the incident');
    expect(await press(guarded.url, 'alert_snooze', 'auth', 'U0ADMIN')).toContain('muted until <!date^');
    expect(guarded.calls).toEqual(['ack auth U0ADMIN', `snooze auth U0ADMIN ${NOW_MS + 3_600_000}`]);
  });

  it('refuses others politely and records nothing', async () => {
    const ack = await press(guarded.url, 'alert_ack', 'auth', 'U0BOB');
    expect(ack).toBe('Sorry <@U0BOB>, only the admins listed in ADMIN_USER_IDS can acknowledge alerts. Please ask <@U0ADMIN>.');
    expect(await press(guarded.url, 'alert_snooze', 'auth', 'U0BOB')).toContain('can snooze alerts');
    expect(guarded.calls).toEqual([]);
  });

  it('lets everyone act when ADMIN_USER_IDS is empty', async () => {
    expect(await press(open.url, 'alert_ack', 'auth', 'U0BOB')).toContain('You acknowledged');
    expect(open.calls).toEqual(['ack auth U0BOB']);
  });

  it('acts on every open incident of a grouped alert in one call (one thread note, not one per incident)', async () => {
    expect(await press(guarded.url, 'alert_ack', 'alert:grp@1', 'U0ADMIN')).toContain('You acknowledged 2 incidents');
    expect(await press(guarded.url, 'alert_snooze', 'alert:grp@1', 'U0ADMIN')).toContain('Reminders for 2 incidents are muted');
    expect(await press(guarded.url, 'alert_ack', 'alert:gone@1', 'U0ADMIN')).toContain('already resolved');
    expect(guarded.calls).toEqual(['ack alert grp@1 U0ADMIN', `snooze alert grp@1 U0ADMIN ${NOW_MS + 3_600_000}`, 'ack alert gone@1 U0ADMIN']);
  });

  it('says so when the incident has already resolved', async () => {
    expect(await press(guarded.url, 'alert_ack', 'model:gone', 'U0ADMIN')).toContain('already resolved');
  });

  it('re-checks for anyone and answers with the result, escaped', async () => {
    const text = await press(guarded.url, 'alert_recheck', 'auth', 'U0BOB');
    expect(guarded.calls).toEqual(['runOnce']);
    expect(text).toContain('Re-checked: *degraded* — Degraded &lt;!channel&gt;');
    expect(text).toContain('• resolved: Authentication fails');
  });

  it('runs nothing for a request with a forged signature', async () => {
    const body = interactionBody({ type: 'block_actions', user: { id: 'U0ADMIN' }, actions: [{ type: 'button', action_id: 'alert_ack', value: 'auth' }] });
    expect((await postSigned(guarded.url, body, SECRET, { forgedSignature: 'v0=deadbeef' })).status).toBe(401);
    expect(guarded.calls).toEqual([]);
  });
});
