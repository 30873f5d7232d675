import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

/**
 * The real app in Socket Mode (SLACK_APP_TOKEN, no signing secret) against the fake Socket Mode server: Slack's
 * envelopes arrive over the WebSocket, answers still go to response_url over HTTP, and the ops endpoints listen on PORT.
 */
describe('Socket Mode end to end', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ socketMode: true });
    await t.socketMode!.waitForConnection(1);
  });
  afterAll(async () => t?.stop());

  /** Sends `/claude-status <text>` as an envelope and returns the ack and the report posted to response_url. */
  const command = async (text: string) => {
    const responseUrl = t.slack.responseUrl();
    const ack = await t.socketMode!.sendSlashCommand({ text, response_url: responseUrl });
    const answer = await t.slack.waitForResponse((r) => r.url === responseUrl);
    return { ack, answer };
  };

  it('connects through apps.connections.open with the app token, acks a command and delivers the report', async () => {
    expect(t.app.slack.app).toBeDefined();
    expect(t.slack.callsTo('apps.connections.open')).toHaveLength(1);
    const { ack, answer } = await command('');
    expect(ack.envelope_id).toMatch(/^env-/);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(String(answer.body.text)).toMatch(/operational/i);
    expect(JSON.stringify(answer.body)).toContain('org-test-0001');
  });

  it('reconnects after the socket drops and still answers', async () => {
    t.socketMode!.drop();
    await t.socketMode!.waitForConnection(2, 10_000);
    expect(t.slack.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(2);
    const { answer } = await command('stauts');
    expect(String(answer.body.text)).toContain('`stauts`');
  });

  it('reconnects when Slack asks it to (disconnect: refresh_requested)', async () => {
    const before = t.socketMode!.connectionCount();
    t.socketMode!.requestReconnect();
    await t.socketMode!.waitForConnection(before + 1, 10_000);
    const { answer } = await command('help');
    expect(String(answer.body.text)).toContain('/claude-status');
  });

  it('acks an Events API envelope (app_home_opened) and publishes the Home tab', async () => {
    const ack = await t.socketMode!.sendEvent({ type: 'app_home_opened', user: 'U0SOCKET1', channel: 'D0SOCKET1', tab: 'home' });
    expect(ack.envelope_id).toMatch(/^env-/);
    const publish = await t.slack.waitFor((c) => c.method === 'views.publish' && c.body.user_id === 'U0SOCKET1');
    expect((publish.body.view as { type: string }).type).toBe('home');
  });

  it('serves /healthz, /readyz and /metrics on PORT', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toContain('claude_status_breaker_state 0');
    // No HTTP events endpoint in Socket Mode: nothing unsigned can reach the listeners that way.
    expect((await fetch(`${t.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  // Last: it takes the Socket Mode server away for good.
  it('reports not ready on /readyz while the socket is down', async () => {
    await t.socketMode!.close();
    const deadline = Date.now() + 10_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      status = (await fetch(`${t.url}/readyz`)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(503);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});
