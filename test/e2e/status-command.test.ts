import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApiKey } from '../fakes/fake-claude-api.js';
import { slashCommandBody } from '../fakes/slack-signing.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('/claude-status end to end (HTTP mode, signed requests, real SDK against the fakes)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CLAUDE_MODELS: 'claude-haiku-4-5,claude-sonnet-4-5' } });
  });
  afterAll(async () => t?.stop());

  it('acks a signed command at once and delivers the full report to response_url', async () => {
    const { response, responseUrl } = await t.command('');
    expect(response.status).toBe(200);
    const answer = await t.slack.waitForResponse((r) => r.url === responseUrl);
    expect(answer.body.response_type).toBe('ephemeral');
    const everything = JSON.stringify(answer.body);
    expect(answer.body.text).toMatch(/operational/i);
    expect(everything).toContain('org-test-0001');
    expect(everything).toContain('claude-haiku-4-5');
    expect(everything).toContain('claude-sonnet-4-5');
    expect(everything).not.toContain(t.claude.requests[0]?.headers['authorization']?.slice(7) ?? 'no-key');
    expect((answer.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    // The probes really ran against the API: models, count_tokens per model, one max_tokens=1 message.
    const paths = t.claude.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /v1/models', 'POST /v1/messages/count_tokens', 'POST /v1/messages']));
  });

  it('posts to the channel with `public`, and answers help for an unknown word', async () => {
    const pub = await t.command('public');
    expect((await t.slack.waitForResponse((r) => r.url === pub.responseUrl)).body.response_type).toBe('in_channel');
    const typo = await t.command('stauts');
    const help = await t.slack.waitForResponse((r) => r.url === typo.responseUrl);
    expect(help.body.text).toContain('`stauts`');
    expect(help.body.text).toContain('/claude-status models');
  });

  it('answers a person past 10 fresh rounds a minute kindly, without probing for them; help and cached reports are free', async () => {
    for (let i = 0; i < 12; i++) {
      const help = await t.command('help', { user_id: 'U0EAGER' });
      expect((await t.slack.waitForResponse((r) => r.url === help.responseUrl)).body.text).not.toMatch(/try again/);
    }
    const cached = await t.command('', { user_id: 'U0EAGER' });
    await t.slack.waitForResponse((r) => r.url === cached.responseUrl);
    for (let i = 0; i < 12; i++) {
      const again = await t.command('', { user_id: 'U0EAGER' });
      expect((await t.slack.waitForResponse((r) => r.url === again.responseUrl)).body.text).not.toMatch(/try again/);
    }
    const urls: string[] = [];
    for (let i = 0; i < 11; i++) urls.push((await t.command('refresh', { user_id: 'U0EAGER' })).responseUrl);
    const last = await t.slack.waitForResponse((r) => r.url === urls[10]);
    expect(last.body.text).toMatch(/try again in \d+ s/);
    const other = await t.command('', { user_id: 'U0PATIENT' });
    expect((await t.slack.waitForResponse((r) => r.url === other.responseUrl)).body.text).not.toMatch(/try again/);
  });

  it('refuses a forged signature and a request older than five minutes with 401, running nothing', async () => {
    const before = t.claude.requests.length;
    const forged = await t.post(slashCommandBody({ response_url: t.slack.responseUrl() }), { forgedSignature: `v0=${'0'.repeat(64)}` });
    expect(forged.status).toBe(401);
    const stale = await t.post(slashCommandBody({ response_url: t.slack.responseUrl() }), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.claude.requests.length).toBe(before);
  });

  it('serves /healthz, /readyz and Prometheus /metrics beside /slack/events', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toContain('claude_status_breaker_state 0');
    expect(metrics).toContain('claude_status_limiter_queued_calls{lane="messages"}');
  });
});

describe('/claude-status with a key the API rejects', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ANTHROPIC_API_KEY: makeApiKey('revoked') } });
  });
  afterAll(async () => t?.stop());

  it('says the key is rejected, with the API message and request id, and never shows the key', async () => {
    const { responseUrl } = await t.command('key');
    const answer = await t.slack.waitForResponse((r) => r.url === responseUrl);
    const everything = JSON.stringify(answer.body);
    expect(everything).toMatch(/rejected|invalid x-api-key/i);
    expect(everything).toMatch(/req_/);
    expect(everything).not.toContain(makeApiKey('revoked'));
    expect(t.rawLogs.join('\n')).not.toContain(makeApiKey('revoked'));
  });
});
