import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../fakes/fake-slack.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
// The fake Slack's users.info directory: U0WSADMIN… workspace admins, U0WSOWNER… owners, U0GONE… unknown.
const MEMBER = 'U0MEMBER1';
const WORKSPACE_ADMIN = 'U0WSADMIN1';
const WORKSPACE_OWNER = 'U0WSOWNER1';
const UNKNOWN = 'U0GONE1';
const LISTED = 'U0LISTED1';

async function ask(t: TestApp, text: string, userId: string): Promise<string> {
  const { responseUrl } = await t.command(text, { user_id: userId });
  return String((await t.slack.waitForResponse((r) => r.url === responseUrl, 10_000)).body.text);
}

const announcements = (t: TestApp) => t.slack.calls.filter((c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && /the monitor/.test(String(c.body.text)));

/** Issue 12: anyone could pause all alerting, silently. Now: who may, and everyone sees it. */
describe('pause and resume with ADMIN_USER_IDS empty: workspace admins and owners only, announced and logged', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ALERT_CHANNEL: ALERTS, ADMIN_USER_IDS: '' } });
  });
  afterAll(async () => t?.stop());

  it('refuses a plain member, says why, logs it, and pauses nothing', async () => {
    expect(await ask(t, 'pause', MEMBER)).toMatch(/only workspace admins and owners may pause/);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(false);
    expect(t.logs).toContainEqual(expect.objectContaining({ msg: 'monitor pause refused', userId: MEMBER, reason: 'not a workspace admin' }));
    expect(announcements(t)).toEqual([]);
  });

  it('refuses when Slack cannot say who the user is (fails closed)', async () => {
    expect(await ask(t, 'pause', UNKNOWN)).toMatch(/could not tell me whether you are a workspace admin/);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(false);
    expect(t.logs).toContainEqual(expect.objectContaining({ msg: 'monitor pause refused', userId: UNKNOWN, reason: 'role unknown' }));
  });

  it('lets a workspace admin pause and an owner resume, each announced in the alert channel with who and when, and logged', async () => {
    expect(await ask(t, 'pause', WORKSPACE_ADMIN)).toMatch(/Monitor paused by <@U0WSADMIN1>.*alert channel has been told/);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(true);
    const paused = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && /paused the monitor/.test(String(c.body.text)), 10_000);
    expect(String(paused.body.text)).toMatch(/<@U0WSADMIN1> paused the monitor <!date\^\d+\^.*until someone runs `\/claude-status resume`/);
    expect(t.logs).toContainEqual(expect.objectContaining({ msg: 'monitor paused', userId: WORKSPACE_ADMIN, as: 'workspace admin', at: expect.any(String) }));

    expect(await ask(t, 'resume', WORKSPACE_OWNER)).toMatch(/Monitor resumed by <@U0WSOWNER1>/);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(false);
    const resumed = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && /resumed the monitor/.test(String(c.body.text)), 10_000);
    expect(String(resumed.body.text)).toMatch(/<@U0WSOWNER1> resumed the monitor <!date\^\d+\^/);
    expect(t.logs).toContainEqual(expect.objectContaining({ msg: 'monitor resumed', userId: WORKSPACE_OWNER, as: 'workspace owner' }));
  });
});

describe('pause with ADMIN_USER_IDS set: the listed users only, even over workspace admins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ALERT_CHANNEL: ALERTS, ADMIN_USER_IDS: LISTED } });
  });
  afterAll(async () => t?.stop());

  it('refuses a non-admin and a workspace admin who is not listed; lets the listed user, announced', async () => {
    expect(await ask(t, 'pause', MEMBER)).toMatch(/only the admins of this bot may pause the monitor \(ADMIN_USER_IDS\)\. Ask one of <@U0LISTED1>/);
    expect(await ask(t, 'pause', WORKSPACE_ADMIN)).toMatch(/only the admins of this bot/);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(false);
    expect(t.logs.filter((e) => e.msg === 'monitor pause refused' && e.reason === 'not listed')).toHaveLength(2);
    expect(announcements(t)).toEqual([]);
    expect(await ask(t, 'pause', LISTED)).toMatch(/Monitor paused by <@U0LISTED1>/);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(true);
    await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && /<@U0LISTED1> paused the monitor/.test(String(c.body.text)), 10_000);
    expect(t.logs).toContainEqual(expect.objectContaining({ msg: 'monitor paused', userId: LISTED, as: 'listed admin' }));
  });
});
