import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainOffline } from '../../../src/explain/explain-offline.js';
import { createPerUserLimit } from '../../../src/slack/per-user-limit.js';
import { registerExplain } from '../../../src/slack/explain/register-explain.js';
import { fromSlackText } from '../../../src/slack/explain/from-slack-text.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { eventBody, postSigned } from '../../fakes/slack-signing.js';
import { createManualClock } from '../../fakes/manual-clock.js';

/**
 * Seen running the built app: Slack delivers a typed `>` as `&gt;` and a URL as `<https://…|label>`; the explainer got
 * them so, the echo ("You pasted:") showed `&gt;` (escaped a second time) and the prompt to Claude carried `&gt;`.
 */
const SECRET = 'escaping-signing-secret-0123456789';
let slack: FakeSlack;
let app: App;
let url: string;
const received: string[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  app = new App({ token: slack.botToken, botId: 'B0FAKEBOT', botUserId: slack.botUserId, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: `${slack.url}/`, retryConfig: { retries: 0 } } });
  const limit = createPerUserLimit({ limit: 10, windowMs: 60_000, clock: createManualClock() });
  const log = () => undefined;
  registerExplain(app, { explainer: { explain: async (text) => (received.push(text), explainOffline(text)) }, limit, logger: { info: log, warn: log } });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  await app.stop();
  await slack.close();
});

describe('a paste as Slack delivers it', () => {
  it('reaches the explainer as typed, and its echo is escaped once', async () => {
    const asDelivered = 'Error: 400 prompt is too long: 215000 tokens &gt; 200000 maximum (R&amp;D agent, see <https://docs.claude.com/en/api/errors|docs.claude.com/en/api/errors>)';
    await postSigned(url, eventBody({ type: 'message', channel_type: 'im', user: 'U0DMUSER', channel: 'D0ESCAPE', ts: '1700000009.000100', text: asDelivered }), SECRET);
    const post = await slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'D0ESCAPE');
    await slack.waitFor((c) => c.method === 'chat.update' && c.body.channel === 'D0ESCAPE');
    expect(received).toEqual(['Error: 400 prompt is too long: 215000 tokens > 200000 maximum (R&D agent, see docs.claude.com/en/api/errors)']);
    const wire = JSON.stringify(post.body);
    expect(wire).toContain('215000 tokens &gt; 200000');
    expect(wire).not.toContain('&amp;gt;');
    expect(wire).not.toContain('&amp;amp;');
  });
});

describe('fromSlackText', () => {
  it('undoes link markup and the three escapes, and leaves mentions for the renderer to escape', () => {
    expect(fromSlackText('<http://api.anthropic.com|api.anthropic.com> &lt;html&gt; a &amp;lt; b <https://x.test/a?b=1&amp;c=2>')).toBe('api.anthropic.com <html> a &lt; b https://x.test/a?b=1&c=2');
    expect(fromSlackText('<mailto:ops@example.com|ops@example.com> <@U0BOSS> <!channel>')).toBe('ops@example.com <@U0BOSS> <!channel>');
  });
});
