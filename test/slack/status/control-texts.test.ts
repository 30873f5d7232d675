import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
const ADMIN = 'U0LISTED1';

/**
 * User run finding 13: `/claude-status pause` on a paused monitor posted a second "paused the monitor" notice to the
 * alert channel, and `resume` on a running one a "resumed". A control that changes nothing says so to the person and
 * posts nothing. The real app over signed HTTP, the fake Slack.
 */
describe('/claude-status pause and resume that change nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ALERT_CHANNEL: ALERTS, ADMIN_USER_IDS: ADMIN } });
  });
  afterAll(async () => t?.stop());

  const ask = async (text: string): Promise<string> => {
    const { responseUrl } = await t.command(text, { user_id: ADMIN });
    return String((await t.slack.waitForResponse((r) => r.url === responseUrl, 10_000)).body.text);
  };
  const notices = () => t.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && /the monitor/.test(String(c.body.text)));

  it('resume on a running monitor: "already running", nothing posted to the alert channel', async () => {
    expect(await ask('resume')).toMatch(/already running/);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(false);
    expect(notices()).toEqual([]);
  });

  it('pause twice: one notice; the second answer says "already paused" and posts nothing', async () => {
    expect(await ask('pause')).toMatch(/Monitor paused by/);
    await t.slack.waitFor((c) => c.method === 'chat.postMessage' && /paused the monitor/.test(String(c.body.text)), 10_000);
    expect(await ask('pause')).toMatch(/already paused/);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(true);
    expect(notices()).toHaveLength(1);
    expect(t.logs.filter((l) => l.msg === 'monitor paused')).toHaveLength(1);
  });

  it('resume after the pause is announced once; a second resume says "already running"', async () => {
    expect(await ask('resume')).toMatch(/Monitor resumed by/);
    await t.slack.waitFor((c) => c.method === 'chat.postMessage' && /resumed the monitor/.test(String(c.body.text)), 10_000);
    expect(await ask('resume')).toMatch(/already running/);
    expect(notices()).toHaveLength(2);
  });
});
