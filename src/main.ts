#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { loadConfig, type Config } from './config/load-config.js';
import { ConfigError } from './config/config-error.js';
import { findConfigWarnings } from './config/find-config-warnings.js';
import { configuredSecrets } from './logging/configured-secrets.js';
import { createLogger, type Logger } from './logging/create-logger.js';
import { compose, type ComposedApp } from './compose.js';
import { StartupError } from './start-up/start-failure.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

/** The entry point: the only place that reads the environment; it validates it, then starts the app. */
async function main(): Promise<void> {
  loadDotenv({ quiet: true }); // .env when present; real environment variables win
  const dotenvText = readDotenv();
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.prettyLogs,
    secrets: configuredSecrets(config),
  });

  // Valid but almost surely not meant (an unquoted # in .env, a misspelt name): said before anything starts.
  for (const warning of findConfigWarnings({ env: process.env, dotenvText })) logger.warn({ variable: warning.variable }, warning.message);

  let app: ComposedApp;
  try {
    app = await compose(config, { logger });
  } catch (err) {
    // A known cause is named with what to change; anything else is logged whole (scrubbed) rather than guessed at.
    if (err instanceof StartupError) logger.fatal({ code: err.code }, `could not start: ${err.message}`);
    else logger.fatal({ err }, 'could not start: unexpected error (details in err)');
    process.exit(1);
  }
  logger.info(
    {
      mode: config.slack.mode,
      port: app.port,
      monitor: config.monitor.alertChannel
        ? `on, #${config.monitor.alertChannel} every ${config.monitor.intervalSeconds}s${config.redisUrl ? ' on the replica holding the lease' : ''}`
        : 'off (set ALERT_CHANNEL to a channel id, or a quoted name in .env: ALERT_CHANNEL="#ops-alerts")',
      models: config.claude.models,
      store: config.redisUrl ? 'redis' : `sqlite in ${config.dataDir}`,
    },
    `claude-status running in ${config.slack.mode === 'socket' ? 'Socket Mode' : 'HTTP mode'} on port ${app.port}`,
  );
  installShutdown(logger, () => app.stop());
}

/** The .env file as written (dotenv has already applied it), for the start-up warnings; undefined when there is none. */
function readDotenv(): string | undefined {
  try {
    return readFileSync('.env', 'utf8');
  } catch {
    return undefined;
  }
}

function installShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Unref'd: it fires only while something still holds the process after stop() (a hang, or a handle left open).
    setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    stop().then(
      () => {
        // No process.exit: stop() closed everything, so the process ends by itself (exit code 0).
        logger.info('stopped');
      },
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
