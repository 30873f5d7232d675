import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerAppHome, RECENT_VIEWER_MS, type AppHome } from '../../../src/slack/home/register-app-home.js';
import type { HomeData } from '../../../src/slack/home/render-home.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { eventBody, postSigned } from '../../fakes/slack-signing.js';
import { makeReport } from '../report/report-fixture.js';
import { createManualClock } from '../../fakes/manual-clock.js';

const SECRET = 'home-signing-secret-0123456789';
let slack: FakeSlack;
let app: App;
let url: string;
let home: AppHome;
const clock = createManualClock();
let data: HomeData;

beforeAll(async () => {
  slack = await startFakeSlack();
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  app = new App({ token: slack.botToken, botId: 'B0FAKEBOT', botUserId: slack.botUserId, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: `${slack.url}/`, retryConfig: { retries: 0 } } });
  data = { report: makeReport(), incidents: [], history: [], monitor: { on: true, channel: 'C0ALERTS', intervalSeconds: 60 } };
  home = registerAppHome(app, { load: async () => data, clock, logger: pino({ level: 'silent' }) });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  await app.stop();
  await slack.close();
});

const publishes = (user: string) => slack.callsTo('views.publish').filter((c) => c.body.user_id === user).length;

it('re-publishes after a round only to recent viewers, and only when what they would see changed', async () => {
  await postSigned(url, eventBody({ type: 'app_home_opened', user: 'U0EARLY', channel: 'D0H1', tab: 'home' }), SECRET);
  await slack.waitFor((c) => c.method === 'views.publish' && c.body.user_id === 'U0EARLY');
  clock.advance(RECENT_VIEWER_MS - 60_000);
  await postSigned(url, eventBody({ type: 'app_home_opened', user: 'U0RECENT', channel: 'D0H2', tab: 'home' }), SECRET);
  await slack.waitFor((c) => c.method === 'views.publish' && c.body.user_id === 'U0RECENT');

  // A new round with the same content (only the check time moved): nobody is re-published.
  data = { ...data, report: { ...data.report!, checkedAt: '2026-11-26T17:01:00.000Z', durationMs: 700 } };
  await home.refresh();
  expect([publishes('U0EARLY'), publishes('U0RECENT')]).toEqual([1, 1]);

  // Something a person would notice: both recent viewers get it, once.
  data = { ...data, incidents: [{ title: 'Authentication fails', severity: 'critical', since: '2026-11-26T17:00:00Z' }] };
  await home.refresh();
  await home.refresh();
  expect([publishes('U0EARLY'), publishes('U0RECENT')]).toEqual([2, 2]);

  // Past the window, the early viewer is no longer refreshed (they get a fresh view when they open the tab again).
  clock.advance(2 * 60_000);
  data = { ...data, incidents: [] };
  await home.refresh();
  expect([publishes('U0EARLY'), publishes('U0RECENT')]).toEqual([2, 3]);
});
