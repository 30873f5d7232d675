import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/load-config.js';
import { configuredSecrets } from '../../src/logging/configured-secrets.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { compose, type ComposedApp } from '../../src/compose.js';
import { startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi, type FakeClaudeApiOptions } from '../fakes/fake-claude-api.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFakeSocketMode, type FakeSocketMode } from '../fakes/fake-socket-mode.js';
import { startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { createManualTime, type ManualTime } from '../fakes/manual-clock.js';
import { createMonitorStepper, type MonitorStepper } from './step-monitor.js';
import { postSigned, slashCommandBody, type PostSignedOptions } from '../fakes/slack-signing.js';

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-111-222-e2eBotTokenValue';
export const APP_TOKEN = 'xapp-1-A0FAKEAPP-111-e2eAppTokenValue';

/** `round()`, `rounds(n)`, `roundsUntil()` and `deliver()` need `manualTime` and ALERT_CHANNEL (else they throw). */
export interface TestApp extends MonitorStepper {
  app: ComposedApp;
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
  /** The app's clock and monitor timers, with `manualTime`: they move only when the test says. */
  time?: ManualTime;
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
   * token and no signing secret. The client's ping timeout (its reconnect delay) is shortened to 1 s to keep tests fast.
   */
  socketMode?: boolean;
  /**
   * The app on one manual clock and manual timers (test/fakes/manual-clock.ts), starting an hour ago: no round runs and no
   * delivery is retried until the test steps time ({@link TestApp.round}, {@link TestApp.deliver}, `time.advance`).
   * Use the production interval (60 s): stepping costs nothing, and back-offs then sit well inside one interval.
   * Several apps (replicas) may share one ManualTime: one clock for the cluster, the leader's timers on it.
   */
  manualTime?: boolean | ManualTime;
  /**
   * Fakes to use instead of fresh ones (`claude` options are then ignored): several apps in one process on the same
   * fakes are replicas, each with its own limiter, Redis clients and monitor. The caller closes them.
   */
  fakes?: { claude: FakeClaudeApi; slack: FakeSlack; statusPage: FakeStatusPage };
  /** The alert client's wait for Slack (5 s in production): a slow-Slack test shortens it and the slow answer alike. */
  slackAlertTimeoutMs?: number;
  /**
   * The circuit breaker's reset (opossum runs it on real timers, not ours): with manual time, rounds follow each
   * other within milliseconds, so a recovery test sets it short (for example 100 ms) rather than wait out seconds.
   */
  breakerResetMs?: number;
}

/** How far behind real time the manual clock starts. */
export const MANUAL_CLOCK_LAG_MS = 3_600_000;


/**
 * The real app (compose, the same composition root as main.ts) against the local fakes of the Claude API, Slack and
 * the status page, all on 127.0.0.1. `env` overrides any variable.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // A full minute's burst: a healthy key's headers show plenty of headroom (tests that want pressure set limits).
  const roomy = { rpm: 100_000, burst: 100_000 };
  const claude = options.fakes?.claude ?? await startFakeClaudeApi({ limits: roomy, freeLimits: roomy, ...options.claude });
  const slack = options.fakes?.slack ?? await startFakeSlack({ botToken: BOT_TOKEN });
  const statusPage = options.fakes?.statusPage ?? await startFakeStatusPage();
  const socketMode = options.socketMode ? await startFakeSocketMode(slack) : undefined;
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'claude-status-e2e-')));
  const loaded = loadConfig({
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
  const config = options.breakerResetMs === undefined ? loaded : { ...loaded, breaker: { ...loaded.breaker, resetMs: options.breakerResetMs } };
  // An hour behind real time: the fakes stamp what they hold with real time (a Slack message's ts), and a look-up from
  // our clock (the outbox's findRoot asks for messages since its send began) must not start after them. Sixty rounds
  // of 60 s fit before it catches up.
  const time = options.manualTime === true ? createManualTime(Date.now() - MANUAL_CLOCK_LAG_MS) : options.manualTime || undefined;
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
  const start = () => compose(config, {
    logger, host: '127.0.0.1',
    // Short, as it is also the reconnect delay; not below 1 s, as the client drops a socket whose last pong is older (real
    // time): a thread stalled on a loaded machine made it reconnect at 200 ms.
    ...(socketMode ? { socketClientPingTimeoutMs: 1000 } : {}),
    // The Claude client's back-offs and pacing move the manual clock instead of waiting (ManualClock.sleep).
    ...(time ? { clock: time.clock, timers: time.timers, sleep: time.clock.sleep } : {}),
    ...(options.slackAlertTimeoutMs === undefined ? {} : { slackAlertTimeoutMs: options.slackAlertTimeoutMs }),
  });
  const unstepped = async (): Promise<never> => { throw new Error('stepping rounds needs startTestApp({ manualTime })'); };
  const stepper: MonitorStepper = time
    ? createMonitorStepper(time, () => testApp.app.monitoring, config.monitor.intervalSeconds * 1000)
    : { round: unstepped, rounds: unstepped, roundsUntil: unstepped, deliver: unstepped };

  const app = await start();
  const post = (body: string, postOptions?: PostSignedOptions) => postSigned(`${testApp.url}/slack/events`, body, SIGNING_SECRET, postOptions);
  const testApp: TestApp = {
    app, claude, slack, statusPage, socketMode, url: `http://127.0.0.1:${app.port}`, logs, rawLogs, post, time,
    ...stepper,
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
      if (!options.fakes) await Promise.all([claude.close(), slack.close(), statusPage.close()]);
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}
