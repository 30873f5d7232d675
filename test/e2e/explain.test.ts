import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY } from '../fakes/fake-claude-api.js';
import { eventBody, interactionBody } from '../fakes/slack-signing.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const OVERLOADED = `Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CXyZ"} <!channel> key=${TEST_API_KEY}`;

describe('explain this error, end to end (real app, real SDK, fakes)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.stop());

  it('/claude-status explain: category, fix, Claude enrichment; no secret, no ping, nothing secret sent to Claude', async () => {
    const { response, responseUrl } = await t.command(`explain ${OVERLOADED}`);
    expect(response.status).toBe(200);
    // The offline answer first, then the same message replaced with Claude's addition.
    const first = await t.slack.waitForResponse((r) => r.url === responseUrl, 10_000);
    expect(first.body.replace_original).toBeUndefined();
    expect(JSON.stringify(first.body)).toMatch(/overload/i);
    expect(JSON.stringify(first.body)).toContain('asking Claude for more');
    const answer = await t.slack.waitForResponse((r) => r.url === responseUrl && r.body.replace_original === true, 10_000);
    const everything = JSON.stringify(answer.body);
    expect(JSON.stringify(first.body)).not.toContain(TEST_API_KEY);
    expect(everything).toMatch(/overload/i);
    expect(everything).toContain('req_011CXyZ');
    expect(everything).toContain('From Claude');
    expect(everything).not.toContain(TEST_API_KEY);
    expect(everything).not.toContain('<!channel>');
    const prompts = t.claude.requests.filter((r) => r.path === '/v1/messages').map((r) => JSON.stringify(r.body));
    expect(prompts.length).toBeGreaterThan(0);
    for (const prompt of prompts) expect(prompt).not.toContain(TEST_API_KEY);
  });

  it('the message shortcut answers in the message thread', async () => {
    const body = interactionBody({
      type: 'message_action', callback_id: 'explain_claude_error', trigger_id: '1.2.3', response_url: t.slack.responseUrl(),
      team: { id: 'T0FAKE001' }, user: { id: 'U0ALICE', name: 'alice' }, channel: { id: 'C0DEV', name: 'dev' },
      message: { type: 'message', user: 'U0BOB', ts: '1700000000.000100', text: 'anthropic.RateLimitError: Error code: 429 - {\'type\': \'error\', \'error\': {\'type\': \'rate_limit_error\', \'message\': \'Number of requests has exceeded your per-minute rate limit\'}}' },
    });
    expect((await t.post(body)).status).toBe(200);
    const reply = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0DEV', 10_000);
    expect(reply.body.thread_ts).toBe('1700000000.000100');
    expect(JSON.stringify(reply.body)).toMatch(/rate.?limit/i);
    const update = await t.slack.waitFor((c) => c.method === 'chat.update' && c.body.channel === 'C0DEV', 10_000);
    expect(JSON.stringify(update.body)).toContain('From Claude');
  });

  it('a DM to the bot is answered offline, marked as such, when the API is down', async () => {
    t.claude.setFaults([{ fault: { kind: 'status', status: 529 }, endpoint: 'messages' }]);
    try {
      const dm = eventBody({ type: 'message', channel_type: 'im', channel: 'D0ALICE', user: 'U0ALICE', ts: '1700000001.000200', text: 'Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}' });
      expect((await t.post(dm)).status).toBe(200);
      const reply = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0ALICE', 15_000);
      expect(JSON.stringify(reply.body)).toMatch(/authentication|api key/i);
      const update = await t.slack.waitFor((c) => c.method === 'chat.update' && c.body.channel === 'D0ALICE', 15_000);
      const text = JSON.stringify(update.body);
      expect(text).toMatch(/authentication|api key/i);
      expect(text).toMatch(/offline answer/i);
      expect(text).not.toContain('asking Claude for more');
    } finally {
      t.claude.clearFaults();
    }
  });

  it('counts the explanations served in /metrics', async () => {
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/claude_status_explanations_total\{category="overloaded",enriched="true"\} 1/);
    expect(metrics).toMatch(/claude_status_explanations_total\{category="auth",enriched="false"\} 1/);
  });
});
