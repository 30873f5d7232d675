import type { Server } from 'node:http';
import type { Config } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import type { ClaudeApi, Priority } from './ports/claude-api.js';
import { systemClock, type Clock } from './ports/clock.js';
import type { Timers } from './monitor/scheduler.js';
import { checkKey, type StatusReport } from './checks/check-result.js';
import { createStatusService, type StatusService } from './checks/create-status-service.js';
import { fetchStatusPage } from './checks/fetch-status-page.js';
import { runChecks } from './checks/run-checks.js';
import { createExplainer, type Explainer } from './explain/create-explainer.js';
import { createClaudeApi } from './claude/create-claude-api.js';
import { checkRedisCredentials } from './start-up/check-redis.js';
import { openRedis } from './start-up/open-redis.js';
import { listenFailure, slackFailure, storeFailure } from './start-up/start-failure.js';
import { createMetrics } from './http/metrics.js';
import { createOpsRoutes } from './http/ops-routes.js';
import { startOpsServer } from './http/start-ops-server.js';
import { startSlackApp, type RunningSlackApp } from './slack/start-slack-app.js';
import { registerListeners } from './slack/register-listeners.js';
import { renderHistory } from './slack/status/render-history.js';
import type { AppHome } from './slack/home/register-app-home.js';
import { loadHomeData } from './slack/home/load-home-data.js';
import { createPerUserLimit } from './slack/per-user-limit.js';
import { composeMonitor, type MonitorParts } from './compose-monitor.js';

export interface ComposeDeps {
  logger: Logger;
  /** 'core': the Claude client, status service and explainer only (the CLI); 'app' (the default): everything. */
  parts?: 'core' | 'app';
  /** Bind address; tests use 127.0.0.1. */
  host?: string;
  /** For the status page reader and the Claude client (Slack uses its own). */
  fetch?: typeof fetch;
  clock?: Clock;
  /** The monitor's timers (its rounds and delivery retries): tests pass manual ones and step rounds. */
  timers?: Timers;
  /** Socket Mode: the client's pong wait, also its reconnect delay (@slack/socket-mode's 5 s when unset). */
  socketClientPingTimeoutMs?: number;
  /** How long the alert client waits for Slack before it gives up on a call (5 s when unset); tests shorten it. */
  slackAlertTimeoutMs?: number;
  /** The Claude client's waits (retry back-offs, pacing); tests on a manual clock pass one that moves it. */
  sleep?: (ms: number) => Promise<void>;
}

/** What every surface (Slack, CLI, monitor) uses: one guarded Claude client, one status service, one explainer. */
export interface Core {
  claude: ClaudeApi;
  status: StatusService;
  explainer: Explainer;
  /** One uncached probe round with its own options: the monitor's background rounds, the CLI's `check`. */
  probe(options: { generation: boolean; priority: Priority }): Promise<StatusReport>;
}

export interface ComposedCore {
  core: Core;
  /** Closes everything compose built, in order; whatever was started is closed once. */
  stop(): Promise<void>;
}

export interface ComposedApp extends ComposedCore {
  port: number;
  /** The port of /metrics and /readyz when METRICS_PORT is set (they are then not served on `port`). */
  metricsPort?: number;
  slack: RunningSlackApp;
  monitoring?: MonitorParts;
}

/**
 * count_tokens and /v1/models have their own bucket at the API (count_tokens: 100 RPM at the lowest tier), so the
 * probes are not held to the Messages ceiling; the API's own headers lower this if the key has less.
 */
export const FREE_ENDPOINTS_RPM = 100;

/** Slash commands and explanations a person may ask for in a minute (abuse protection; probes are shared anyway). */
export const PER_USER_LIMIT = { limit: 10, windowMs: 60_000 };

/**
 * The composition root: builds every part once from a validated configuration (the one Redis client, the guarded
 * Claude client, the core; for the app also metrics, the monitor and its store, Bolt and the ops servers) and returns
 * them with one `stop()`. `main.ts`, the CLI and the end-to-end tests call it. A start-up failure with a known cause
 * (a port in use, an unwritable DATA_DIR, Redis refusing the credentials, Slack refusing a token) is thrown as a
 * StartupError naming it, after whatever was already started is stopped.
 */
export async function compose(config: Config, deps: ComposeDeps & { parts: 'core' }): Promise<ComposedCore>;
export async function compose(config: Config, deps: ComposeDeps): Promise<ComposedApp>;
export async function compose(config: Config, deps: ComposeDeps): Promise<ComposedCore | ComposedApp> {
  const { logger } = deps;
  const clock = deps.clock ?? systemClock;
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const app = deps.parts !== 'core';
  // The app's start stops here on refused credentials, before anything is opened; an unreachable Redis does not.
  if (app && config.redisUrl) await checkRedisCredentials(config.redisUrl);
  const redis = config.redisUrl ? openRedis(config.redisUrl, logger.child({ component: 'redis' })) : undefined;
  const claude = createClaudeApi({
    apiKey: config.anthropic.apiKey,
    baseURL: config.anthropic.baseURL,
    limits: { rpm: config.claude.rpm, maxConcurrent: config.claude.maxConcurrent, freeRpm: Math.max(config.claude.rpm, FREE_ENDPOINTS_RPM) },
    breaker: config.breaker,
    logger, // the adapter names itself (component claude-api)
    clock,
    fetch: fetchImpl,
    redis,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const checks = {
    claude,
    apiKey: config.anthropic.apiKey,
    models: config.claude.models,
    model: config.claude.model,
    statusPage: () => fetchStatusPage({ fetch: fetchImpl, urls: config.statusPage.urls }),
    clock,
    // A check that throws is logged here and reported as its own internal error, never a failed round.
    logger: logger.child({ component: 'checks' }),
  };
  const core: Core = {
    claude,
    // On demand, the paid generation probe runs: it alone reveals an exhausted balance or a spend cap.
    status: createStatusService({ ...checks, generation: true }),
    // A person is waiting: past 10 s the offline answer goes out alone (marked so) rather than keep them waiting.
    explainer: createExplainer({ claude, model: config.claude.model, deadlineMs: 10_000, clock, logger: logger.child({ component: 'explain' }) }),
    probe: (options) => runChecks({ ...checks, ...options }),
  };
  // Last, once nothing can call Claude: queued calls, opossum's timers, then the Redis client and bottleneck's subscriber.
  let coreStopped: Promise<void> | undefined;
  const stopCore = () => (coreStopped ??= (async () => {
    await claude.close();
    await redis?.close();
  })());
  if (!app) return { core, stop: stopCore };

  const metrics = createMetrics({ resilience: () => claude.resilience(), onResilienceEvent: (listener) => void claude.onEvent(listener) });
  const telemetry = metrics.telemetry;
  // Probe results and latencies for /metrics, once per report: a cached report served again is not a new probe.
  const counted = new WeakSet<StatusReport>();
  const recordProbes = (report: StatusReport) => {
    if (counted.has(report)) return;
    counted.add(report);
    for (const check of report.checks) telemetry.probe(checkKey(check), check.status, check.latencyMs);
  };
  // The open-incidents gauge follows the store without a read per scrape: after every commit (this replica's rounds
  // and buttons) and once an interval (with Redis, the rounds of another replica holding the monitor lease).
  const countOpenIncidents = () => void monitoring?.monitor.openIncidents().then((open) => metrics.setOpenIncidents(open.length), () => undefined);
  let monitoring: MonitorParts | undefined;
  try {
    monitoring = composeMonitor({
      config, redis: redis?.client, logger, clock, timers: deps.timers, alertTimeoutMs: deps.slackAlertTimeoutMs, telemetry, onCommit: countOpenIncidents,
      runRound: ({ generation }) => core.probe({ generation, priority: 'background' }),
    });
  } catch (err) {
    await stopCore().catch(() => undefined);
    throw config.redisUrl ? err : storeFailure(err, config.dataDir);
  }
  let home: AppHome | undefined;
  let latestRound: StatusReport | undefined;
  // "Round committed" (decisions and probes stored): the latest report, /metrics, the dashboards of recent viewers.
  monitoring?.monitor.onRoundCommitted(({ report }) => {
    latestRound = report;
    recordProbes(report);
    void home?.refresh();
  });
  countOpenIncidents();
  const recount = monitoring ? setInterval(countOpenIncidents, config.monitor.intervalSeconds * 1000).unref() : undefined;

  const ready = { slack: false };
  // The store is ready when it answers a read (a Redis outage or a closed store shows here); without the monitor there is none.
  const storeAnswers = async () => (monitoring ? monitoring.store.isPaused().then(() => true, () => false) : true);
  const opsRoutes = createOpsRoutes({ readiness: async () => ({ slack: ready.slack, store: await storeAnswers() }), metrics: () => metrics.expose() });
  // What has started so far: a failed start stops exactly these.
  const started: { slack?: RunningSlackApp; metricsServer?: Server } = {};
  const stopApp = async () => {
    ready.slack = false;
    clearInterval(recount);
    // The monitor first (no new rounds), then Slack and the ops server, then the outbox and the store, then the core.
    await monitoring?.release();
    await started.slack?.stop();
    const { metricsServer } = started;
    if (metricsServer) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
    await monitoring?.stop();
    await stopCore();
  };
  const abandon = async (err: unknown): Promise<never> => {
    await stopApp().catch(() => undefined);
    throw err;
  };
  let metricsPort: number | undefined;
  if (config.metrics) {
    const { port, host } = config.metrics;
    const ops = await startOpsServer(opsRoutes, port, host ?? deps.host).catch((err: unknown) => abandon(listenFailure(err, 'METRICS_PORT', port, host) ?? err));
    [started.metricsServer, metricsPort] = [ops.server, ops.port];
  }

  const limit = createPerUserLimit({ ...PER_USER_LIMIT, clock });
  const slackLogger = logger.child({ component: 'slack' });
  const host = deps.host ?? config.host;
  const monitor = monitoring?.monitor;
  const slack = await startSlackApp({
    slack: config.slack,
    port: config.port,
    host,
    socketClientPingTimeoutMs: deps.socketClientPingTimeoutMs,
    onConnectionChange: (connected) => (ready.slack = connected),
    logger,
    // With METRICS_PORT, /metrics and /readyz leave the public port, which keeps /healthz (the load balancer's probe).
    routes: config.metrics ? opsRoutes.filter((r) => r.path === '/healthz') : opsRoutes,
    register: (bolt) => {
      ({ home } = registerListeners(bolt, {
        status: {
          status: { report: (options) => core.status.report(options).then((report) => (recordProbes(report), report)), latest: () => core.status.latest() },
          limit,
          logger: slackLogger,
          // Tests on manual time step the interim note's delay and the response_url retry back-offs.
          timers: deps.timers,
          history: monitor ? async () => renderHistory(await monitor.history()) : undefined,
          monitor,
          adminUserIds: config.adminUserIds,
          alertChannel: config.monitor.alertChannel,
          baseURL: config.anthropic.baseURL,
        },
        explain: {
          explainer: {
            explain: async (...args: Parameters<Explainer['explain']>) => {
              const answer = await core.explainer.explain(...args);
              telemetry.explanation(answer.category, answer.enrichment !== undefined);
              return answer;
            },
          },
          limit,
          logger: slackLogger,
        },
        home: {
          load: () => loadHomeData({ reports: () => [core.status.latest(), latestRound], monitor, alertChannel: config.monitor.alertChannel, intervalSeconds: config.monitor.intervalSeconds, baseURL: config.anthropic.baseURL }),
          clock,
          logger: slackLogger,
        },
        alerts: monitoring
          ? { monitor: monitoring.monitor, adminUserIds: config.adminUserIds, clock, logger: logger.child({ component: 'alerts' }), limit, leads: monitoring.leads }
          : undefined,
      }));
    },
  }).catch((err: unknown) => abandon(listenFailure(err, 'PORT', config.port, host) ?? slackFailure(err, config.slack.mode) ?? err));
  started.slack = slack;
  ready.slack = true;
  monitoring?.start();
  let stopping: Promise<void> | undefined;
  return { core, port: slack.port, metricsPort, slack, monitoring, stop: () => (stopping ??= stopApp()) };
}
