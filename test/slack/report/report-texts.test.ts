import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody } from '../../fakes/slack-signing.js';
import { startTestApp, type TestApp } from '../../support/start-test-app.js';

// A port nothing listens on, behind a gateway-like path: every Claude call is refused at once.
const GATEWAY = 'http://127.0.0.1:1/gateway';
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

async function openHome(t: TestApp, user: string) {
  const before = t.slack.callsTo('views.publish').length;
  expect((await t.post(eventBody({ type: 'app_home_opened', user, channel: 'D0HOME001', tab: 'home' }))).status).toBe(200);
  const call = await t.slack.waitFor((c) => c.method === 'views.publish' && c.body.user_id === user && t.slack.callsTo('views.publish').indexOf(c) >= before, 10_000);
  return JSON.stringify((call.body.view as { blocks: unknown[] }).blocks);
}

/**
 * User run findings 7a and 15 in the Slack report and the App Home (the real app over signed HTTP, the fake Slack):
 * fixes name the ANTHROPIC_BASE_URL configured, not api.anthropic.com; times are `<!date>` tokens, not raw ISO; an
 * open breaker is not described by the error rate of the window after it opened.
 */
describe('Slack report texts with ANTHROPIC_BASE_URL at a gateway that refuses connections', () => {
  let t: TestApp;
  let blocks: string;
  let text: string;
  beforeAll(async () => {
    // A breaker that opens on the first round's failures: its "until" time is shown.
    t = await startTestApp({ env: { ANTHROPIC_BASE_URL: GATEWAY, BREAKER_ERROR_PERCENT: '1' } });
    // Twice: the first round's refusals open the breaker, the second report shows it open.
    for (let i = 0; i < 2; i += 1) {
      const { responseUrl } = await t.command('refresh');
      const answer = await t.slack.waitForResponse((r) => r.url === responseUrl, 20_000);
      blocks = JSON.stringify(answer.body.blocks);
      text = String(answer.body.text);
    }
  });
  afterAll(async () => t?.stop());

  it('names the configured base URL in the fix, never api.anthropic.com (7a)', () => {
    expect(blocks).toMatch(/curl -sS http:\/\/127\.0\.0\.1:1\/gateway\/v1\/models/);
    expect(blocks + text).not.toMatch(/api\.anthropic\.com/);
  });

  it('shows the breaker’s "until" as a Slack date, not a raw ISO time; the fallback text as plain UTC (15)', () => {
    expect(blocks).toMatch(/refuses Claude calls until <!date\^\d+\^/);
    expect(blocks).not.toMatch(ISO);
    expect(text).not.toMatch(ISO);
    expect(text).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it('the App Home: the fix names the base URL; an open breaker says until when, not "0% errors" (7a, 15)', async () => {
    const home = await openHome(t, 'U0HOMEUSR');
    expect(home).not.toMatch(/api\.anthropic\.com/);
    expect(home).not.toMatch(ISO);
    expect(home).toMatch(/circuit breaker open until <!date\^\d+\^/);
    expect(home).not.toMatch(/breaker open \(\d+% errors\)/);
  });
});

describe('Slack report numbers (16)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CLAUDE_RPM: '99999' } });
  });
  afterAll(async () => t?.stop());

  it('paces "99,999 of 99,999 requests a minute" in the App Home, with separators', async () => {
    const { responseUrl } = await t.command('');
    await t.slack.waitForResponse((r) => r.url === responseUrl, 20_000);
    const home = await openHome(t, 'U0HOMENUM');
    expect(home).toMatch(/pacing 99,999 of 99,999 requests a minute/);
  });
});
