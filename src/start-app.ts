import type { Config } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import { systemClock, type Clock } from './ports/clock.js';
import type { Timers } from './monitor/scheduler.js';
import { createCore, type Core } from './create-core.js';
import { createMonitoring, type MonitorParts } from './start-monitor.js';
import type { Server } from 'node:http';
import { createOpsRoutes } from './http/ops-routes.js';
import { createMetrics } from './http/metrics.js';
import { startOpsServer } from './http/start-ops-server.js';
import { checkRedisCredentials } from './start-up/check-redis.js';
import { listenFailure, slackFailure, storeFailure } from './start-up/start-failure.js';
import { startSlackApp, type RunningSlackApp } from './slack/start-slack-app.js';
import { registerListeners } from './slack/register-listeners.js';
import { renderHistory } from './slack/status/render-history.js';
import type { AppHome } from './slack/home/register-app-home.js';
import type { HomeData } from './slack/home/render-home.js';
import { createPerUserLimit } from './slack/per-user-limit.js';
import { checkKey, type StatusReport } from './checks/check-result.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  /** Bind address; tests use 127.0.0.1. */
  host?: string;
  /** For the status page reader (the Claude client and Slack use their own). */
  fetch?: typeof fetch;
  clock?: Clock;
  /** The monitor's timers (its rounds and delivery retries): tests pass manual ones and step rounds. */
  timers?: Timers;
  /**
   * Socket Mode: how long the client waits for a pong, which is also its reconnect delay after a drop
   * (@slack/socket-mode's default, 5 s, when unset). Tests shorten it.
   */
  socketClientPingTimeoutMs?: number;
}

export interface RunningApp {
  port: number;
  /** The port of /metrics and /readyz when METRICS_PORT is set (they are then not served on `port`). */
  metricsPort?: number;
  slack: RunningSlackApp;
  core: Core;
  monitoring?: MonitorParts;
  stop(): Promise<void>;
}

/** Slash commands and explanations a person may ask for in a minute (abuse protection; probes are shared anyway). */
export const PER_USER_LIMIT = { limit: 10, windowMs: 60_000 };

/**
 * Builds every part from a validated configuration and starts them: the composition used by `main.ts` and, with
 * the same code path, by the end-to-end tests against the local fakes. A failure with a known cause (a port in use,
 * an unwritable DATA_DIR, Redis refusing the credentials, Slack refusing a token) is thrown as a StartupError naming
 * it; whatever was already started is stopped first.
 */
export async function startApp(deps: AppDeps): Promise<RunningApp> {
  const { config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  // Refused credentials stop the start here, before anything else is opened; an unreachable Redis does not.
  if (config.redisUrl) await checkRedisCredentials(config.redisUrl);
  const core = createCore({ config, logger, fetch: deps.fetch, clock });
  let home: AppHome | undefined;
  let latestRound: StatusReport | undefined;
  const metrics = createMetrics({
    resilience: () => core.claude.resilience(),
    onResilienceEvent: (listener) => void core.claude.onEvent(listener),
  });
  const telemetry = metrics.telemetry;
  // Probe results and latencies for /metrics, once per report: a cached report served again is not a new probe.
  const counted = new WeakSet<StatusReport>();
  function recordProbes(report: StatusReport): void {
    if (counted.has(report)) return;
    counted.add(report);
    for (const check of report.checks) telemetry.probe(checkKey(check), check.status, check.latencyMs);
  }
  const status: Core['status'] = {
    report: (options) => core.status.report(options).then((report) => (recordProbes(report), report)),
    latest: () => core.status.latest(),
  };
  const explainer = {
    explain: async (...args: Parameters<Core['explainer']['explain']>) => {
      const answer = await core.explainer.explain(...args);
      telemetry.explanation(answer.category, answer.enrichment !== undefined);
      return answer;
    },
  };
  // The open-incidents gauge follows the store without a read per scrape: after every commit (this replica's rounds
  // and buttons) and once an interval (with Redis, the rounds of another replica holding the monitor lease).
  const countOpenIncidents = () => {
    if (!monitoring) return;
    monitoring.monitor.openIncidents().then((open) => metrics.setOpenIncidents(open.length), () => undefined);
  };
  let monitoring: MonitorParts | undefined;
  try {
    monitoring = createMonitoring({
      config, core, logger, clock, timers: deps.timers, telemetry,
      onCommit: countOpenIncidents,
    });
  } catch (err) {
    throw config.redisUrl ? err : storeFailure(err, config.dataDir);
  }
  // Once a round is stored (decisions, probes): the latest report, /metrics, and the dashboards of recent viewers.
  monitoring?.monitor.onRoundCommitted(({ report }) => {
    latestRound = report;
    recordProbes(report);
    void home?.refresh();
  });
  countOpenIncidents();
  const recount = monitoring ? setInterval(countOpenIncidents, config.monitor.intervalSeconds * 1000) : undefined;
  recount?.unref();
  const ready = { slack: false };
  // The store is ready when it answers a read (a Redis outage or a closed store shows here); without the monitor there is none.
  const storeAnswers = async () => (monitoring ? monitoring.store.isPaused().then(() => true, () => false) : true);
  const opsRoutes = createOpsRoutes({ readiness: async () => ({ slack: ready.slack, store: await storeAnswers() }), metrics: () => metrics.expose() });
  // With METRICS_PORT, /metrics and /readyz leave the public port, which keeps /healthz (the load balancer's probe).
  const routes = config.metrics ? opsRoutes.filter((r) => r.path === '/healthz') : opsRoutes;
  const started: { close(): Promise<void> }[] = [];
  const abandon = async (err: unknown): Promise<never> => {
    clearInterval(recount);
    for (const part of [...started].reverse()) await part.close().catch(() => undefined);
    await monitoring?.stop().catch(() => undefined);
    await core.close().catch(() => undefined);
    throw err;
  };
  let metricsServer: { server: Server; port: number } | undefined;
  if (config.metrics) {
    const { port, host } = config.metrics;
    metricsServer = await startOpsServer(opsRoutes, port, host ?? deps.host).catch((err: unknown) => abandon(listenFailure(err, 'METRICS_PORT', port, host) ?? err));
    const server = metricsServer.server;
    started.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  }
  const limit = createPerUserLimit({ ...PER_USER_LIMIT, clock });
  const slackLogger = logger.child({ component: 'slack' });

  const loadHome = async (): Promise<HomeData> => {
    const cached = core.status.latest();
    const report = [cached, latestRound].filter((r): r is StatusReport => Boolean(r)).sort((a, b) => b.checkedAt.localeCompare(a.checkedAt))[0];
    const incidents = monitoring ? await monitoring.monitor.openIncidents() : [];
    const history = monitoring ? await monitoring.monitor.history() : [];
    return {
      report,
      incidents: incidents.map((i) => ({
        title: i.title, severity: i.severity, since: i.since, acknowledgedBy: i.acknowledgedBy,
        mutedUntil: i.mutedUntilMs ? new Date(i.mutedUntilMs).toISOString() : undefined,
      })),
      history,
      monitor: { on: Boolean(monitoring), channel: config.monitor.alertChannel, intervalSeconds: config.monitor.intervalSeconds, paused: monitoring ? await monitoring.monitor.isPaused() : undefined,
        // Alert messages given up lately (Slack refused them or they ran out of retries): one line on the dashboard.
        undelivered: monitoring ? (await monitoring.monitor.health()).undelivered : undefined },
    };
  };

  const host = deps.host ?? config.host;
  const slack = await startSlackApp({
    slack: config.slack,
    port: config.port,
    host,
    socketClientPingTimeoutMs: deps.socketClientPingTimeoutMs,
    onConnectionChange: (connected) => (ready.slack = connected),
    logger,
    routes,
    register: (app) => {
      ({ home } = registerListeners(app, {
        status: {
          status,
          limit,
          logger: slackLogger,
          history: monitoring ? async () => renderHistory(await monitoring.monitor.history()) : undefined,
          monitor: monitoring?.monitor,
          adminUserIds: config.adminUserIds,
          alertChannel: config.monitor.alertChannel,
        },
        explain: { explainer, limit, logger: slackLogger },
        home: { load: loadHome, clock, logger: slackLogger },
        alerts: monitoring
          ? { monitor: monitoring.monitor, adminUserIds: config.adminUserIds, clock, logger: logger.child({ component: 'alerts' }), limit, leads: monitoring.leads }
          : undefined,
      }));
    },
  }).catch((err: unknown) => abandon(listenFailure(err, 'PORT', config.port, host) ?? slackFailure(err, config.slack.mode) ?? err));
  ready.slack = true;
  monitoring?.start();
  return {
    port: slack.port,
    metricsPort: metricsServer?.port,
    slack,
    core,
    monitoring,
    async stop() {
      ready.slack = false;
      clearInterval(recount);
      // The monitor first (no new rounds, outbox drained as far as Slack allows), then Slack, then the store.
      await monitoring?.release();
      await slack.stop();
      for (const part of [...started].reverse()) await part.close();
      await monitoring?.stop();
      // Last, once nothing can call Claude: the limiter's Redis connections and opossum's timers end here.
      await core.close();
    },
  };
}
