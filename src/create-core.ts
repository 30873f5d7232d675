import type { Config } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import type { ClaudeApi } from './ports/claude-api.js';
import { systemClock, type Clock } from './ports/clock.js';
import { createClaudeApi } from './claude/create-claude-api.js';
import { fetchStatusPage } from './checks/fetch-status-page.js';
import { createStatusService } from './checks/create-status-service.js';
import { runChecks } from './checks/run-checks.js';
import type { StatusReport } from './checks/check-result.js';
import type { Priority } from './ports/claude-api.js';
import { createExplainer } from './explain/enrich-explanation.js';

export interface CoreDeps {
  config: Config;
  logger: Logger;
  fetch?: typeof fetch;
  clock?: Clock;
}

export type StatusService = ReturnType<typeof createStatusService>;
export type Explainer = ReturnType<typeof createExplainer>;

/** What every surface (Slack, CLI, monitor) uses: one guarded Claude client, one status service, one explainer. */
export interface Core {
  claude: ClaudeApi;
  status: StatusService;
  explainer: Explainer;
  /** One uncached probe round with its own options: the monitor's background rounds, generation at its cadence. */
  probe(options: { generation: boolean; priority: Priority }): Promise<StatusReport>;
  /**
   * Stops the guarded client: its queues, opossum's timers and (with REDIS_URL) the limiter's Redis connections.
   * Whoever built the core calls it last, after everything that may still call Claude has stopped.
   */
  close(): Promise<void>;
}

/**
 * count_tokens and /v1/models have their own bucket at the API (count_tokens: 100 RPM at the lowest tier), so the
 * probes are not held to the Messages ceiling; the API's own headers lower this if the key has less.
 */
export const FREE_ENDPOINTS_RPM = 100;

/** Seconds a status report is served from memory: forty people asking during an incident cost one probe round. */
export const STATUS_FRESH_MS = 15_000;

/** Builds the core from a validated configuration; the only place the guarded client is created. */
export function createCore(deps: CoreDeps): Core {
  const { config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const claude = createClaudeApi({
    apiKey: config.anthropic.apiKey,
    baseURL: config.anthropic.baseURL,
    limits: { rpm: config.claude.rpm, maxConcurrent: config.claude.maxConcurrent, freeRpm: Math.max(config.claude.rpm, FREE_ENDPOINTS_RPM) },
    breaker: config.breaker,
    logger, // the adapter names itself (component claude-api): a child here would put `component` on each line twice
    clock,
    fetch: fetchImpl,
    redisUrl: config.redisUrl,
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
  // On demand, the paid generation probe runs: it alone reveals an exhausted balance or a spend cap.
  const status = createStatusService({ ...checks, generation: true, freshMs: STATUS_FRESH_MS });
  // A person is waiting: past 10 s the offline answer goes out alone (marked so) rather than keep them waiting.
  const explainer = createExplainer({ claude, model: config.claude.model, deadlineMs: 10_000, logger: logger.child({ component: 'explain' }) });
  return { claude, status, explainer, probe: (options) => runChecks({ ...checks, ...options }), close: () => claude.close() };
}
