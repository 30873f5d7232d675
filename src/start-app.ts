import type { Config } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import { createOpsRoutes } from './http/ops-routes.js';
import { startSlackApp, type RunningSlackApp } from './slack/start-slack-app.js';
import { registerStatusCommand } from './slack/register-status-command.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  /** Bind address; tests use 127.0.0.1. */
  host?: string;
}

export interface RunningApp {
  port: number;
  slack: RunningSlackApp;
  stop(): Promise<void>;
}

/**
 * Builds every part from a validated configuration and starts them: the composition used by `main.ts` and, with
 * the same code path, by the end-to-end tests against the local fakes.
 */
export async function startApp(deps: AppDeps): Promise<RunningApp> {
  const { config, logger } = deps;
  const ready = { slack: false };
  const routes = createOpsRoutes({ readiness: () => ({ ...ready }) });
  const slack = await startSlackApp({
    slack: config.slack,
    port: config.port,
    host: deps.host,
    logger,
    routes,
    register: (app) => registerStatusCommand(app, { logger }),
  });
  ready.slack = true;
  const running = slack;
  return {
    port: running.port,
    slack: running,
    async stop() {
      await running.stop();
    },
  };
}
