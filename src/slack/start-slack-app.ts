import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { OpsRoute } from '../http/ops-routes.js';
import { startOpsServer } from '../http/start-ops-server.js';
import { sameWorkspaceOnly } from './authz/same-workspace-only.js';
import { createBoltLogger } from './bolt-logger.js';

export interface SlackAppOptions {
  slack: Config['slack'];
  port: number;
  logger: Logger;
  /** /healthz, /readyz, /metrics: beside /slack/events in HTTP mode, on their own server in Socket Mode. */
  routes: OpsRoute[];
  /** Adds the listeners (commands, shortcuts, events, actions) to the app. */
  register: (app: App) => void;
  /** Host to bind (tests use 127.0.0.1). */
  host?: string;
  /** Socket Mode client ping timeout, also its reconnect delay; the library default (5 s) when unset. */
  socketClientPingTimeoutMs?: number;
  /** Told when the connection to Slack comes and goes (Socket Mode drops and reconnects; HTTP mode is up once listening). */
  onConnectionChange?: (connected: boolean) => void;
}

export interface RunningSlackApp {
  app: App;
  /** The port /healthz (and in HTTP mode /slack/events) listen on. */
  port: number;
  botUserId?: string;
  stop(): Promise<void>;
}

// Web API calls: a few quick retries here; alert delivery has its own outbox for longer outages.
const RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000 };

/**
 * Starts the Bolt app in Socket Mode (when an app-level token is configured) or HTTP mode, checks the bot token
 * with `auth.test` (a clear, catchable error instead of Bolt's unhandled rejection), and serves the ops routes.
 */
export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { slack, logger } = options;
  const boltLogger = createBoltLogger(logger);
  const clientOptions = { slackApiUrl: `${slack.apiUrl}/`, retryConfig: RETRY_CONFIG };
  const receiver: Receiver =
    slack.mode === 'socket'
      ? new SocketModeReceiver({
          appToken: slack.appToken!,
          logger: boltLogger,
          clientPingTimeout: options.socketClientPingTimeoutMs,
          installerOptions: { clientOptions },
        })
      : new HTTPReceiver({
          signingSecret: slack.signingSecret!,
          endpoints: '/slack/events',
          customRoutes: options.routes,
          processBeforeResponse: false,
          logger: boltLogger,
        });
  const app = new App({
    token: slack.botToken,
    receiver,
    logger: boltLogger,
    clientOptions,
    deferInitialization: true,
  });
  await app.init();
  const auth = await app.client.auth.test();
  // Before any listener: a request from another workspace or enterprise never reaches one (issue 12).
  app.use(sameWorkspaceOnly({ teamId: auth.team_id, enterpriseId: auth.enterprise_id, orgWide: auth.is_enterprise_install }, logger.child({ component: 'slack' })));
  options.register(app);
  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'slack listener failed');
  });

  if (receiver instanceof SocketModeReceiver) {
    // Readiness follows the socket: a dropped connection is "not ready" until the client has reconnected.
    receiver.client.on('connected', () => options.onConnectionChange?.(true));
    receiver.client.on('disconnected', () => options.onConnectionChange?.(false));
    receiver.client.on('reconnecting', () => options.onConnectionChange?.(false));
  }
  let opsServer: Server | undefined;
  let port: number;
  if (slack.mode === 'socket') {
    await app.start();
    const ops = await startOpsServer(options.routes, options.port, options.host);
    opsServer = ops.server;
    port = ops.port;
  } else {
    const server = (await app.start({ port: options.port, host: options.host })) as Server;
    port = (server.address() as AddressInfo).port;
  }
  return {
    app,
    port,
    botUserId: auth.user_id,
    async stop() {
      await app.stop();
      if (opsServer) await new Promise<void>((resolve) => opsServer!.close(() => resolve()));
    },
  };
}
