import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/load-config.js';
import { configuredSecrets } from '../../src/logging/configured-secrets.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { startApp, type RunningApp } from '../../src/start-app.js';
import { startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi, type FakeClaudeApiOptions } from '../fakes/fake-claude-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFakeSocketMode, type FakeSocketMode } from '../fakes/fake-socket-mode.js';
import { startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { postSigned, slashCommandBody, type PostSignedOptions } from '../fakes/slack-signing.js';

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-111-222-e2eBotTokenValue';
export const APP_TOKEN = 'xapp-1-A0FAKEAPP-111-e2eAppTokenValue';

export interface TestApp {
  app: RunningApp;
  claude: FakeClaudeApi;
  slack: FakeSlack;
  statusPage: FakeStatusPage;
  /** The fake Socket Mode server, when started with `socketMode: true`. */
  socketMode?: FakeSocketMode;
  /** http://127.0.0.1:PORT */
  url: string;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  /** Posts a signed `/claude-status <text>` whose response_url points at the fake Slack; returns the HTTP answer. */
  command(text: string, fields?: Record<string, string>, options?: PostSignedOptions): Promise<{ response: Response; responseUrl: string }>;
  /** Posts a signed body (form or JSON) to /slack/events. */
  post(body: string, options?: PostSignedOptions): Promise<Response>;
  /**
   * Stops the app (as SIGTERM would) and starts a new one with the same configuration, DATA_DIR and fakes, as a
   * redeploy does; `app` and `url` then refer to the new one.
   */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  claude?: FakeClaudeApiOptions;
  /**
   * DATA_DIR to use (a restart test passes the same one twice); the caller owns it and removes it. Without it a
   * fresh temporary directory is made and removed on stop().
   */
  dataDir?: string;
  /**
   * Socket Mode instead of HTTP: a fake Socket Mode server behind the fake Slack's apps.connections.open, an app-level
   * token and no signing secret. The client's ping timeout (its reconnect delay) is shortened to keep tests fast.
   */
  socketMode?: boolean;
}

/**
 * The real app (startApp, the same composition as main.ts) against the local fakes of the Claude API, Slack and
 * the status page, all on 127.0.0.1. `env` overrides any variable.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // A full minute's burst: a healthy key's headers show plenty of headroom (tests that want pressure set limits).
  const roomy = { rpm: 100_000, burst: 100_000 };
  const claude = await startFakeClaudeApi({ limits: roomy, freeLimits: roomy, ...options.claude });
  const slack = await startFakeSlack({ botToken: BOT_TOKEN });
  const statusPage = await startFakeStatusPage();
  const socketMode = options.socketMode ? await startFakeSocketMode(slack) : undefined;
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'claude-status-e2e-')));
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
    ...(socketMode ? { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' } : {}),
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
  // The same secrets main.ts configures, so a test sees what production would log.
  const logger = createLogger({ level: config.logLevel, secrets: configuredSecrets(config) }, sink);
  const start = () => startApp({ config, logger, host: '127.0.0.1', ...(socketMode ? { socketClientPingTimeoutMs: 200 } : {}) });
  const app = await start();
  const post = (body: string, postOptions?: PostSignedOptions) => postSigned(`${testApp.url}/slack/events`, body, SIGNING_SECRET, postOptions);
  const testApp: TestApp = {
    app, claude, slack, statusPage, socketMode, url: `http://127.0.0.1:${app.port}`, logs, rawLogs, post,
    async command(text, fields = {}, postOptions) {
      const responseUrl = slack.responseUrl();
      const response = await post(slashCommandBody({ text, response_url: responseUrl, ...fields }), postOptions);
      return { response, responseUrl };
    },
    async restart() {
      await testApp.app.stop();
      testApp.app = await start();
      testApp.url = `http://127.0.0.1:${testApp.app.port}`;
    },
    async stop() {
      await testApp.app.stop();
      await socketMode?.close();
      await Promise.all([claude.close(), slack.close(), statusPage.close()]);
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}
