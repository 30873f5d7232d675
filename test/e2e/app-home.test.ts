import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody } from '../fakes/slack-signing.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const USER = 'U0HOMEUSR';

/** Opens the Home tab as Slack reports it (a signed `app_home_opened` event) and returns the view published for the user. */
async function openHome(t: TestApp, user: string, tab = 'home') {
  const before = t.slack.callsTo('views.publish').length;
  const res = await t.post(eventBody({ type: 'app_home_opened', user, channel: 'D0HOME001', tab }));
  expect(res.status).toBe(200);
  return t.slack.waitFor((c) => c.method === 'views.publish' && c.body.user_id === user && t.slack.callsTo('views.publish').indexOf(c) >= before);
}

describe('App Home and metrics end to end (HTTP mode, monitor off)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CLAUDE_MODELS: 'claude-haiku-4-5,claude-sonnet-4-5' } });
  });
  afterAll(async () => t?.stop());

  it('publishes the dashboard with the verdict of the latest /claude-status round to the user who opened it', async () => {
    const { responseUrl } = await t.command('');
    await t.slack.waitForResponse((r) => r.url === responseUrl);
    const publish = await openHome(t, USER);
    const view = publish.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toMatch(/operational/i);
    expect(text).toContain('claude-haiku-4-5');
    expect(text).toMatch(/breaker/i);
    expect(text).toMatch(/monitor/i);
    expect(text).not.toMatch(/key_format|rate_limits|\? input tokens|\[critical\]|\d{4}-\d\d-\d\dT\d\d:/);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(t.slack.homeView(USER)).toBeDefined();
  });

  it('publishes nothing for the Messages tab', async () => {
    const user = 'U0OTHER01';
    expect((await t.post(eventBody({ type: 'app_home_opened', user, channel: 'D0HOME002', tab: 'messages' }))).status).toBe(200);
    // Then the Home tab: whichever order the two are handled in, only this one publishes.
    await openHome(t, user);
    expect(t.slack.callsTo('views.publish').filter((c) => c.body.user_id === user)).toHaveLength(1);
  });

  it('shows probe, limiter and breaker series in /metrics after a round', async () => {
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/claude_status_probe_results_total\{check="auth",status="ok"\} [1-9]/);
    expect(metrics).toMatch(/claude_status_probe_results_total\{check="model:claude-haiku-4-5",status="ok"\} [1-9]/);
    expect(metrics).toMatch(/claude_status_probe_latency_seconds_count\{check="auth"\} [1-9]/);
    expect(metrics).toContain('claude_status_limiter_queued_calls{lane="messages"}');
    expect(metrics).toContain('claude_status_limiter_running_calls{lane="messages"}');
    expect(metrics).toMatch(/claude_status_ratelimit_remaining_requests\{lane="\w+"\} \d+/);
    expect(metrics).toContain('claude_status_breaker_state 0');
    expect(metrics).toContain('claude_status_open_incidents 0');
    expect(metrics).toContain('claude_status_process_cpu_seconds_total');
  });
});

describe('App Home with the monitor on', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { ALERT_CHANNEL: 'C0ALERTS', MONITOR_INTERVAL_SECONDS: '1', MONITOR_GENERATION_INTERVAL_SECONDS: '0', CLAUDE_MODELS: 'claude-haiku-4-5' },
      manualTime: true,
    });
  });
  afterAll(async () => t?.stop());

  it('is refreshed after monitor rounds for a recent viewer, with uptime, incidents and the monitor line', async () => {
    const first = await openHome(t, USER);
    const count = () => t.slack.callsTo('views.publish').filter((c) => c.body.user_id === USER).length;
    const opened = count();
    // No second app_home_opened: later publishes for this user are the refreshes after monitor rounds.
    await t.round();
    const refreshed = await t.slack.waitFor((c) => c.method === 'views.publish' && c.body.user_id === USER && count() > opened && c !== first);
    const text = JSON.stringify((refreshed.body.view as { blocks: unknown[] }).blocks);
    expect(text).toMatch(/operational/i);
    expect(text).toContain('*Open incidents:* none');
    expect(text).toMatch(/\*Last 24 h\*: \d+\.\d{2}% up/);
    expect(text).toMatch(/`uptime {2}[▁▂▃▄▅▆▇█·]{24}`/);
    expect(text).toContain('Monitor on: every 1 s, alerts to');
    expect(t.slack.callsTo('views.publish').every((c) => c.body.user_id === USER)).toBe(true);
  });
});
