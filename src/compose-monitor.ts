import type { Redis } from 'ioredis';
import type { Config } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import type { StatusReport } from './checks/check-result.js';
import type { Clock } from './ports/clock.js';
import type { Telemetry } from './ports/telemetry.js';
import type { Timers } from './monitor/scheduler.js';
import type { Store } from './monitor/store.js';
import { createMonitor, type Monitor } from './monitor/create-monitor.js';
import { openSqliteStore, sqliteStorePath } from './store/sqlite-store.js';
import { openReplicas } from './store/redis-replicas.js';
import { createAlertClient, createSlackAlertSink } from './slack/alerts/create-slack-alert-sink.js';
import { createBoltLogger } from './slack/bolt-logger.js';
import { countGiveUps, withDeliveryTelemetry } from './slack/alerts/with-delivery-telemetry.js';

export interface MonitorParts {
  monitor: Monitor;
  store: Store;
  /** Starts the schedule; with REDIS_URL, campaigns for the lease and runs the schedule only while holding it. */
  start(): void;
  /** Stops the schedule (and releases the lease); the store stays open for Slack's last requests. */
  release(): Promise<void>;
  /** Stops the schedule, lets the outbox finish what it can, closes the store (the shared Redis client is the root's). */
  stop(): Promise<void>;
  /** Whether this replica runs the monitor now: always without Redis, only the lease holder with it. */
  leads(): boolean;
}

/**
 * The monitor with its store and Slack delivery, when ALERT_CHANNEL is set: SQLite in DATA_DIR for one replica, or
 * the shared client's Redis store with a lease so one replica of several runs it. Rounds are background probes (a
 * person in Slack goes first); the paid generation probe runs at MONITOR_GENERATION_INTERVAL_SECONDS.
 */
export function composeMonitor(deps: {
  config: Config;
  runRound: (options: { generation: boolean }) => Promise<StatusReport>;
  redis?: Redis;
  logger: Logger;
  clock: Clock;
  timers?: Timers;
  /** The alert client's wait for Slack (createAlertClient's default when unset). */
  alertTimeoutMs?: number;
  telemetry: Telemetry;
  /** Told after every write the monitor commits (a round's decisions, a button's change): the open-incidents gauge. */
  onCommit: () => void;
}): MonitorParts | undefined {
  const { config, clock, telemetry } = deps;
  const channel = config.monitor.alertChannel;
  if (!channel) return undefined;
  const logger = deps.logger.child({ component: 'monitor' });
  const replicas = deps.redis ? openReplicas({ redis: deps.redis, intervalSeconds: config.monitor.intervalSeconds, logger }) : undefined;
  const store = replicas?.store ?? openSqliteStore({ path: sqliteStorePath(config.dataDir) });
  const sink = createSlackAlertSink({ client: createAlertClient(config.slack.botToken, config.slack.apiUrl, createBoltLogger(logger), { timeoutMs: deps.alertTimeoutMs }), channel, logger, mention: config.monitor.alertMention });
  const monitor = createMonitor({
    runRound: deps.runRound,
    generationIntervalSeconds: config.monitor.generationIntervalSeconds,
    sink: withDeliveryTelemetry(sink, telemetry),
    // A message that runs out of retries is counted as failed, like one Slack refused.
    outbox: { onGiveUp: countGiveUps(telemetry) },
    store: observeCommits(store, deps.onCommit),
    clock,
    timers: deps.timers,
    logger,
    intervalSeconds: config.monitor.intervalSeconds,
    failureThreshold: config.monitor.failureThreshold,
    recoveryThreshold: config.monitor.recoveryThreshold,
    // No `explain`: every failing check already carries the knowledge base's cause and fix (checks/decide-verdict).
  });
  const release = async () => {
    await replicas?.release();
    await monitor.stop();
  };
  return {
    monitor,
    store,
    leads: () => replicas?.isLeader() ?? true,
    start: () => (replicas ? replicas.start(monitor) : monitor.start()),
    release,
    async stop() {
      await release();
      await store.close();
    },
  };
}

/** The same store, calling `onCommit` after each successful commit. */
function observeCommits(store: Store, onCommit: () => void): Store {
  return {
    ...store,
    commit: async (write, nowMs) => {
      await store.commit(write, nowMs);
      onCommit();
    },
  };
}
