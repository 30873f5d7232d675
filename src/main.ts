#!/usr/bin/env node
import { config as loadDotenv } from 'dotenv';
import { loadConfig } from './config/load-config.js';
import { ConfigError } from './config/config-error.js';
import { createLogger, type Logger } from './logging/create-logger.js';
import { createOpsRoutes } from './http/ops-routes.js';
import { startSlackApp, type RunningSlackApp } from './slack/start-slack-app.js';
import { registerStatusCommand } from './slack/register-status-command.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

/** The composition root: the only place that reads the environment and builds the real parts. */
async function main(): Promise<void> {
  loadDotenv({ quiet: true }); // .env when present; real environment variables win
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.prettyLogs,
    secrets: [config.slack.botToken, config.slack.signingSecret, config.slack.appToken, config.anthropic.apiKey],
  });

  let slack: RunningSlackApp | undefined;
  const routes = createOpsRoutes({ readiness: () => ({ slack: slack !== undefined }) });
  try {
    slack = await startSlackApp({
      slack: config.slack,
      port: config.port,
      logger,
      routes,
      register: (app) => registerStatusCommand(app, { logger }),
    });
  } catch (err) {
    logger.fatal({ err }, 'could not start: Slack refused the connection (check SLACK_BOT_TOKEN / SLACK_APP_TOKEN / SLACK_API_URL)');
    process.exitCode = 1;
    return;
  }
  logger.info(
    { mode: config.slack.mode, port: slack.port, models: config.claude.models, monitor: config.monitor.alertChannel ? 'on' : 'off' },
    `claude-status running in ${config.slack.mode === 'socket' ? 'Socket Mode' : 'HTTP mode'} on port ${slack.port}`,
  );
  installShutdown(logger, async () => {
    await slack?.stop();
  });
}

function installShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((err: unknown) => {
  process.stderr.write(`claude-status crashed during start-up: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
