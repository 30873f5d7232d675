import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody } from '../fakes/slack-signing.js';
import { SECRET_PASTES } from '../secrets/paste-table.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

/** Every string inside a JSON value, joined: what a reader of it sees, escapes undone (a `\u002d` secret stays one). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(textOf).join('\n');
  return '';
}

/** No secret, nor any 12-character piece of a long one. */
function leaks(text: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    const pieces = secret.length <= 12 ? [secret] : Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));
    for (const piece of pieces) if (text.includes(piece)) found.push(piece);
  }
  return found;
}

/**
 * Issue 12: one paste per form a secret comes in, explained through `/claude-status explain` by the real app. Nothing
 * of a secret may reach the Slack echo (response_url, at the fake Slack), the prompt sent to Claude (at the fake
 * Claude API) or the app's logs.
 */
describe('secrets pasted in every form, end to end (real app, real SDK, fakes)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.stop());

  SECRET_PASTES.forEach(({ name, paste, secrets }, i) => {
    it(`${name}: not in Slack, not in the prompt, not in the logs`, async () => {
      const before = t.claude.requests.length;
      // One user per paste: the per-user limit (10 a minute) is not what this test is about.
      const { response, responseUrl } = await t.command(`explain ${paste}`, { user_id: `U0PASTE${i}` });
      expect(response.status).toBe(200);
      const answer = await t.slack.waitForResponse((r) => r.url === responseUrl, 15_000);
      const sent = () => t.claude.requests.slice(before).filter((r) => r.path === '/v1/messages' && textOf(r.body).includes('[redacted]'));
      for (let waited = 0; sent().length === 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      const prompts = sent().map((r) => textOf(r.body));
      expect(prompts.length, 'the paste went to Claude for an enrichment').toBeGreaterThan(0);
      expect(prompts.join('\n'), 'the prompt carries the scrubbed paste').toContain('[redacted]');
      expect(leaks(textOf(answer.body), secrets), 'Slack').toEqual([]);
      expect(leaks(prompts.join('\n'), secrets), 'the prompt to Claude').toEqual([]);
      expect(leaks(t.logs.map(textOf).join('\n'), secrets), 'the logs').toEqual([]);
      expect(leaks(t.rawLogs.join('\n'), secrets), 'the raw log lines').toEqual([]);
    });
  });

  it('every form at once, in a DM to the bot: not in the reply, not in the prompt, not in the logs', async () => {
    const before = t.claude.requests.length;
    const paste = SECRET_PASTES.map((p) => p.paste).join('\n');
    const dm = eventBody({ type: 'message', channel_type: 'im', channel: 'D0PASTE', user: 'U0PASTEDM', ts: '1700000002.000300', text: paste });
    expect((await t.post(dm)).status).toBe(200);
    const reply = await t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0PASTE', 15_000);
    const sent = () => t.claude.requests.slice(before).filter((r) => r.path === '/v1/messages' && textOf(r.body).includes('[redacted]'));
    for (let waited = 0; sent().length === 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const secrets = SECRET_PASTES.flatMap((p) => p.secrets);
    const replies = t.slack.calls.filter((c) => c.body.channel === 'D0PASTE').map((c) => textOf(c.body));
    expect(replies.length).toBeGreaterThan(0);
    expect(textOf(reply.body)).not.toBe('');
    expect(leaks(replies.join('\n'), secrets), 'the DM reply').toEqual([]);
    expect(sent().length, 'the paste went to Claude').toBeGreaterThan(0);
    expect(leaks(sent().map((r) => textOf(r.body)).join('\n'), secrets), 'the prompt to Claude').toEqual([]);
    expect(leaks(t.rawLogs.join('\n'), secrets), 'the logs').toEqual([]);
  });
});
