import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionBody } from '../fakes/slack-signing.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
const OWN_TEAM = 'T0FAKE001'; // the fake Slack's auth.test answers this team (and no enterprise)
const WORKSPACE_ADMIN = 'U0WSADMIN7';

const refusals = (t: TestApp) => t.logs.filter((e) => e.msg === 'refused a request from another workspace');

/**
 * Issue 12: a payload from another team id was accepted. Every request is checked against auth.test's team and
 * enterprise by one global middleware: refused (acked, nothing runs, nothing answered) and logged.
 */
describe('requests from another workspace or enterprise (real app, signed requests)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ALERT_CHANNEL: ALERTS } });
  });
  afterAll(async () => t?.stop());

  /** Posts a signed alert-button press from `teamId` and returns its response_url. */
  const press = async (teamId: string, actionId: string) => {
    const responseUrl = t.slack.responseUrl();
    const res = await t.post(interactionBody({
      type: 'block_actions', api_app_id: 'A0FAKEAPP', token: 'x', trigger_id: '1.2.3', response_url: responseUrl,
      team: { id: teamId, domain: 'other' }, user: { id: WORKSPACE_ADMIN, username: 'someone', team_id: teamId },
      channel: { id: ALERTS, name: 'alerts' }, container: { type: 'message', message_ts: '1.000001', channel_id: ALERTS },
      message: { type: 'message', ts: '1.000001', text: 'alert' },
      actions: [{ type: 'button', action_id: actionId, block_id: 'alert_actions', value: 'auth', action_ts: '1.2', text: { type: 'plain_text', text: 'x' } }],
    }));
    expect(res.status).toBe(200); // acked, so Slack does not retry it
    return responseUrl;
  };

  it('refuses a slash command from another team: nothing paused, nothing answered, logged', async () => {
    const { response, responseUrl } = await t.command('pause', { team_id: 'T0OTHER99', user_id: WORKSPACE_ADMIN });
    expect(response.status).toBe(200);
    // The same command from our own team is answered: by then the refused one would have been too.
    const own = await t.command('help', { team_id: OWN_TEAM });
    await t.slack.waitForResponse((r) => r.url === own.responseUrl, 10_000);
    expect(t.slack.responses.filter((r) => r.url === responseUrl)).toEqual([]);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(false);
    expect(refusals(t)).toContainEqual(expect.objectContaining({ teamId: 'T0OTHER99', ownTeamId: OWN_TEAM, level: 40 }));
  });

  it('refuses our own team id with another enterprise id', async () => {
    const before = refusals(t).length;
    const { responseUrl } = await t.command('pause', { team_id: OWN_TEAM, enterprise_id: 'E0OTHER99', user_id: WORKSPACE_ADMIN });
    const own = await t.command('help');
    await t.slack.waitForResponse((r) => r.url === own.responseUrl, 10_000);
    expect(t.slack.responses.filter((r) => r.url === responseUrl)).toEqual([]);
    expect(await t.app.monitoring!.monitor.isPaused()).toBe(false);
    expect(refusals(t).slice(before)).toContainEqual(expect.objectContaining({ teamId: OWN_TEAM, enterpriseId: 'E0OTHER99' }));
  });

  it('refuses an alert button pressed from another team, and answers the same press from ours', async () => {
    const before = refusals(t).length;
    const foreign = await press('T0OTHER99', 'alert_recheck');
    const ours = await press(OWN_TEAM, 'alert_recheck');
    expect(String((await t.slack.waitForResponse((r) => r.url === ours, 20_000)).body.text)).toMatch(/Re-checked/);
    expect(t.slack.responses.filter((r) => r.url === foreign)).toEqual([]);
    expect(refusals(t).slice(before)).toEqual([expect.objectContaining({ teamId: 'T0OTHER99', kind: 'block_actions' })]);
  });
});
