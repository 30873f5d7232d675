import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { startApp, type RunningApp } from '../../src/start-app.js';
import { startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi, type FakeClaudeApiOptions } from '../fakes/fake-claude-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { postSigned, slashCommandBody, type PostSignedOptions } from '../fakes/slack-signing.js';

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-111-222-e2eBotTokenValue';

export interface TestApp {
  app: RunningApp;
  claude: FakeClaudeApi;
  slack: FakeSlack;
  statusPage: FakeStatusPage;
  /** http://127.0.0.1:PORT */
  url: string;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  /** Posts a signed `/claude-status <text>` whose response_url points at the fake Slack; returns the HTTP answer. */
  command(text: string, fields?: Record<string, string>, options?: PostSignedOptions): Promise<{ response: Response; responseUrl: string }>;
  /** Posts a signed body (form or JSON) to /slack/events. */
  post(body: string, options?: PostSignedOptions): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The real app (startApp, the same composition as main.ts) against the local fakes of the Claude API, Slack and
 * the status page, all on 127.0.0.1. `env` overrides any variable.
 */
export async function startTestApp(options: { env?: Record<string, string>; claude?: FakeClaudeApiOptions } = {}): Promise<TestApp> {
  // A full minute's burst: a healthy key's headers show plenty of headroom (tests that want pressure set limits).
  const roomy = { rpm: 100_000, burst: 100_000 };
  const claude = await startFakeClaudeApi({ limits: roomy, freeLimits: roomy, ...options.claude });
  const slack = await startFakeSlack({ botToken: BOT_TOKEN });
  const statusPage = await startFakeStatusPage();
  const dataDir = await mkdtemp(join(tmpdir(), 'claude-status-e2e-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    PORT: '0',
    ANTHROPIC_API_KEY: TEST_API_KEY,
    ANTHROPIC_BASE_URL: claude.url,
    CLAUDE_RPM: '600',
    STATUS_PAGE_URL: statusPage.url,
    STATUS_PAGE_FALLBACK_URL: statusPage.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    NODE_ENV: 'test',
    ...options.env,
  });
  const rawLogs: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        rawLogs.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  const logger = createLogger(
    { level: config.logLevel, secrets: [config.slack.botToken, config.slack.signingSecret, config.anthropic.apiKey] },
    sink,
  );
  const app = await startApp({ config, logger, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${app.port}`;
  const post = (body: string, postOptions?: PostSignedOptions) => postSigned(`${url}/slack/events`, body, SIGNING_SECRET, postOptions);
  return {
    app, claude, slack, statusPage, url, logs, rawLogs, post,
    async command(text, fields = {}, postOptions) {
      const responseUrl = slack.responseUrl();
      const response = await post(slashCommandBody({ text, response_url: responseUrl, ...fields }), postOptions);
      return { response, responseUrl };
    },
    async stop() {
      await app.stop();
      await Promise.all([claude.close(), slack.close(), statusPage.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
