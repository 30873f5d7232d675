import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerAlertActions, type AlertActionEvent, type AlertActionsDeps, type AlertActionsMonitor } from '../../../src/slack/alerts/register-alert-actions.js';
import { createPerUserLimit } from '../../../src/slack/per-user-limit.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { interactionBody, postSigned } from '../../fakes/slack-signing.js';
import { createManualClock } from '../../fakes/manual-clock.js';

const SECRET = 'alert-actions-signing-secret';
const NOW_MS = Date.parse('2026-11-26T16:05:00.000Z');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The monitor as the buttons see it, recording every call; `open` is what is open now. */
function stubMonitor() {
  const calls: string[] = [];
  const open: { key: string; alertId: string; acknowledgedBy?: string; acknowledgedAt?: string }[] = [
    { key: 'auth', alertId: 'auth@1' }, { key: 'model:a', alertId: 'grp@1' }, { key: 'model:b', alertId: 'grp@1' },
    { key: 'taken', alertId: 'taken@1', acknowledgedBy: 'U0FIRST', acknowledgedAt: '2026-11-26T16:01:00.000Z' },
  ];
  let paused = false;
  // As the real monitor answers: a key gives its record or undefined, an alert gives its open records.
  const found = (target: string | { alertId: string }) => (typeof target === 'string'
    ? open.find((r) => r.key === target)
    : open.filter((r) => r.alertId === target.alertId));
  const name = (target: string | { alertId: string }) => (typeof target === 'string' ? target : `alert ${target.alertId}`);
  const monitor: AlertActionsMonitor = {
    acknowledge: async (target, userId) => (calls.push(`ack ${name(target)} ${userId}`), found(target)),
    snooze: async (target, userId, untilMs) => (calls.push(`snooze ${name(target)} ${userId} ${untilMs}`), found(target)),
    resolve: async (target, userId) => (calls.push(`resolve ${name(target)} ${userId}`), found(target)),
    isPaused: async () => paused,
    runOnce: async () => (calls.push('runOnce'), {
      report: { verdict: 'degraded', headline: 'Degraded <!channel>: the key works but claude-b fails.' },
      decisions: [{ type: 'resolve', incident: { key: 'auth', title: 'Authentication fails' } }],
    }),
  };
  return { monitor, calls, pause: (p: boolean) => { paused = p; } };
}

let slack: FakeSlack;
const apps: App[] = [];

async function startApp(adminUserIds: string[], extra: Partial<AlertActionsDeps> = {}) {
  const stub = stubMonitor();
  const events: AlertActionEvent[] = [];
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({
    token: slack.botToken, botId: 'B0FAKEBOT', botUserId: 'U0FAKEBOT', receiver, logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: `${slack.url}/`, retryConfig: { retries: 0 } },
  });
  registerAlertActions(app, { monitor: stub.monitor, adminUserIds, clock: createManualClock(NOW_MS), logger: silent, onAction: (e) => void events.push(e), ...extra });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  apps.push(app);
  return { ...stub, events, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events` };
}

/** Presses an alert button as Slack would: a signed block_actions payload whose answers go to a fake response_url. */
async function press(url: string, actionId: string, value: string, userId: string, kind: 'button' | 'static_select' = 'button') {
  const responseUrl = slack.responseUrl();
  const payload = {
    type: 'block_actions', api_app_id: 'A0FAKEAPP', token: 'x', trigger_id: '1.2.3', response_url: responseUrl,
    team: { id: 'T0FAKE001', domain: 'fake' }, user: { id: userId, username: 'someone', team_id: 'T0FAKE001' },
    channel: { id: 'C0ALERTS', name: 'alerts' }, container: { type: 'message', message_ts: '1.000100', channel_id: 'C0ALERTS' },
    message: { type: 'message', ts: '1.000100', text: 'CRITICAL: Authentication fails' },
    actions: [kind === 'button'
      ? { type: 'button', action_id: actionId, block_id: 'alert_actions', value, action_ts: '1.2', text: { type: 'plain_text', text: 'x' } }
      : { type: 'static_select', action_id: actionId, block_id: 'alert_actions', action_ts: '1.2', selected_option: { text: { type: 'plain_text', text: 'x' }, value } }],
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
  guarded.events.length = 0;
  guarded.pause(false);
  open.calls.length = 0;
});

describe('registerAlertActions through the real Bolt app', () => {
  it('lets an admin acknowledge and snooze for one hour, answering only them', async () => {
    expect(await press(guarded.url, 'alert_ack', 'auth', 'U0ADMIN')).toContain('You acknowledged the incident');
    expect(await press(guarded.url, 'alert_snooze', 'auth', 'U0ADMIN')).toContain('muted until <!date^');
    expect(guarded.calls).toEqual(['ack auth U0ADMIN', `snooze auth U0ADMIN ${NOW_MS + 3_600_000}`]);
  });

  it('snoozes from the menu for 1 h, 4 h or until tomorrow morning', async () => {
    await press(guarded.url, 'alert_snooze', '4h|auth', 'U0ADMIN', 'static_select');
    await press(guarded.url, 'alert_snooze', 'tomorrow|alert:grp@1', 'U0ADMIN', 'static_select');
    const tomorrow = new Date(NOW_MS);
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(9, 0, 0, 0);
    expect(guarded.calls).toEqual([`snooze auth U0ADMIN ${NOW_MS + 4 * 3_600_000}`, `snooze alert grp@1 U0ADMIN ${tomorrow.getTime()}`]);
    expect(guarded.events.map((e) => [e.action, e.until])).toEqual([['snooze', new Date(NOW_MS + 4 * 3_600_000).toISOString()], ['snooze', tomorrow.toISOString()]]);
  });

  it('tells a second person who already acknowledged, and records nothing new', async () => {
    const text = await press(guarded.url, 'alert_ack', 'taken', 'U0ADMIN');
    expect(text).toMatch(/^:eyes: Already acknowledged by <@U0FIRST> <!date\^1795708860\^[^>]+>: they are on it\.$/);
    expect(guarded.events).toEqual([]);
  });

  it('resolves by hand, for admins, and hands every recorded action to the announcement hook', async () => {
    expect(await press(guarded.url, 'alert_resolve', 'auth', 'U0ADMIN')).toContain('You resolved the incident');
    expect(await press(guarded.url, 'alert_resolve', 'auth', 'U0BOB')).toContain('can resolve alerts');
    expect(guarded.calls).toEqual(['resolve auth U0ADMIN']);
    expect(guarded.events).toEqual([{ action: 'resolve', userId: 'U0ADMIN', target: { kind: 'incident', key: 'auth' }, incidents: ['auth'], at: new Date(NOW_MS).toISOString() }]);
  });

  it('runs no round while the monitor is paused, and says so', async () => {
    guarded.pause(true);
    expect(await press(guarded.url, 'alert_recheck', 'auth', 'U0BOB')).toMatch(/monitor is paused, so Re-check runs no round/);
    expect(guarded.calls).toEqual([]);
  });

  it('counts Re-check against the per-user limit', async () => {
    const limited = await startApp([], { limit: createPerUserLimit({ limit: 2, windowMs: 60_000, clock: createManualClock(NOW_MS) }) });
    await press(limited.url, 'alert_recheck', 'auth', 'U0BOB');
    await press(limited.url, 'alert_recheck', 'auth', 'U0BOB');
    expect(await press(limited.url, 'alert_recheck', 'auth', 'U0BOB')).toMatch(/try again in 60 s/);
    expect(await press(limited.url, 'alert_recheck', 'auth', 'U0CAROL')).toMatch(/Re-checked/);
    expect(limited.calls).toEqual(['runOnce', 'runOnce', 'runOnce']);
  });

  it('on a replica that does not run the monitor, says it changed no incident instead of listing changes it never stored', async () => {
    const follower = await startApp([], { leads: () => false });
    const text = await press(follower.url, 'alert_recheck', 'auth', 'U0BOB');
    expect(text).toContain('Re-checked: Degraded');
    expect(text).toContain('This replica does not run the monitor, so it changed no incident');
    expect(text).not.toContain('• resolved');
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
    expect(text).toContain('Re-checked: Degraded &lt;!channel&gt;');
    expect(text).toContain('• resolved: Authentication fails');
  });

  it('runs nothing for a request with a forged signature', async () => {
    const body = interactionBody({ type: 'block_actions', user: { id: 'U0ADMIN' }, actions: [{ type: 'button', action_id: 'alert_ack', value: 'auth' }] });
    expect((await postSigned(guarded.url, body, SECRET, { forgedSignature: 'v0=deadbeef' })).status).toBe(401);
    expect(guarded.calls).toEqual([]);
  });
});
