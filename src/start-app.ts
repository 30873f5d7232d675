import type { Config } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import { systemClock, type Clock } from './ports/clock.js';
import { createCore, type Core } from './create-core.js';
import { createMonitoring, type MonitorParts } from './start-monitor.js';
import { createOpsRoutes } from './http/ops-routes.js';
import { createMetrics } from './http/metrics.js';
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
  /**
   * Socket Mode: how long the client waits for a pong, which is also its reconnect delay after a drop
   * (@slack/socket-mode's default, 5 s, when unset). Tests shorten it.
   */
  socketClientPingTimeoutMs?: number;
}

export interface RunningApp {
  port: number;
  slack: RunningSlackApp;
  core: Core;
  monitoring?: MonitorParts;
  stop(): Promise<void>;
}

/** Slash commands and explanations a person may ask for in a minute (abuse protection; probes are shared anyway). */
export const PER_USER_LIMIT = { limit: 10, windowMs: 60_000 };

/**
 * Builds every part from a validated configuration and starts them: the composition used by `main.ts` and, with
 * the same code path, by the end-to-end tests against the local fakes.
 */
export async function startApp(deps: AppDeps): Promise<RunningApp> {
  const { config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const core = createCore({ config, logger, fetch: deps.fetch, clock });
  let home: AppHome | undefined;
  let latestRound: StatusReport | undefined;
  const metrics = createMetrics({
    resilience: () => core.claude.resilience(),
    onResilienceEvent: (listener) => void core.claude.onEvent(listener),
    openIncidents: async () => (monitoring ? (await monitoring.monitor.openIncidents()).length : 0),
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
  // Declared after the metrics it feeds; the metrics read it only at scrape time.
  const monitoring = createMonitoring({
    config, core, logger, clock, telemetry,
    onRound: (report) => {
      latestRound = report;
      recordProbes(report);
      // After the round's decisions are stored: refresh the dashboards of recent viewers.
      setImmediate(() => void home?.refresh());
    },
  });
  const ready = { slack: false };
  // The store is ready when it answers a read (a Redis outage or a closed store shows here); without the monitor there is none.
  const storeAnswers = async () => (monitoring ? monitoring.store.isPaused().then(() => true, () => false) : true);
  const routes = createOpsRoutes({ readiness: async () => ({ slack: ready.slack, store: await storeAnswers() }), metrics: () => metrics.expose() });
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
      history: history.map((h) => ({ window: h.label, uptimePercent: h.uptimePercent, p50LatencyMs: h.latencyP50Ms, p95LatencyMs: h.latencyP95Ms, rounds: h.rounds })),
      monitor: { on: Boolean(monitoring), channel: config.monitor.alertChannel, intervalSeconds: config.monitor.intervalSeconds, paused: monitoring ? await monitoring.monitor.isPaused() : undefined },
    };
  };

  const slack = await startSlackApp({
    slack: config.slack,
    port: config.port,
    host: deps.host,
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
        },
        explain: { explainer, limit, logger: slackLogger },
        home: { load: loadHome, clock, logger: slackLogger },
        alerts: monitoring
          ? { monitor: monitoring.monitor, adminUserIds: config.adminUserIds, clock, logger: logger.child({ component: 'alerts' }) }
          : undefined,
      }));
    },
  });
  ready.slack = true;
  monitoring?.start();
  return {
    port: slack.port,
    slack,
    core,
    monitoring,
    async stop() {
      ready.slack = false;
      // The monitor first (no new rounds, outbox drained as far as Slack allows), then Slack, then the store.
      await monitoring?.release();
      await slack.stop();
      await monitoring?.stop();
    },
  };
}
