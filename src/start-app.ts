import type { Config } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import { systemClock, type Clock } from './ports/clock.js';
import { createCore, type Core } from './create-core.js';
import { createOpsRoutes } from './http/ops-routes.js';
import { createMetrics } from './http/metrics.js';
import { startSlackApp, type RunningSlackApp } from './slack/start-slack-app.js';
import { registerStatusCommand } from './slack/status/register-status-command.js';
import { createPerUserLimit } from './slack/per-user-limit.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  /** Bind address; tests use 127.0.0.1. */
  host?: string;
  /** For the status page reader (the Claude client and Slack use their own). */
  fetch?: typeof fetch;
  clock?: Clock;
}

export interface RunningApp {
  port: number;
  slack: RunningSlackApp;
  core: Core;
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
  const metrics = createMetrics({
    resilience: () => core.claude.resilience(),
    onResilienceEvent: (listener) => void core.claude.onEvent(listener),
  });
  const ready = { slack: false };
  const routes = createOpsRoutes({ readiness: () => ({ ...ready }), metrics: () => metrics.expose() });
  const limit = createPerUserLimit({ ...PER_USER_LIMIT, clock });
  const slack = await startSlackApp({
    slack: config.slack,
    port: config.port,
    host: deps.host,
    logger,
    routes,
    register: (app) => {
      registerStatusCommand(app, { status: core.status, limit, logger: logger.child({ component: 'slack' }) });
    },
  });
  ready.slack = true;
  return {
    port: slack.port,
    slack,
    core,
    async stop() {
      ready.slack = false;
      await slack.stop();
    },
  };
}
