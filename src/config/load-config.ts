import { envSchema } from './config-schema.js';
import { ConfigError, type ConfigProblem } from './config-error.js';

/** The validated configuration; the only shape the rest of the app sees (never `process.env`). */
export interface Config {
  slack: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl: string;
    /** Socket Mode when an app-level token is given, else HTTP (Events API request URLs). */
    mode: 'socket' | 'http';
  };
  port: number;
  /** Bind address of `port`; every interface when unset. */
  host?: string;
  /** A separate port for /metrics, /readyz and /healthz (METRICS_PORT); on `port` when unset. */
  metrics?: { port: number; host?: string };
  anthropic: { apiKey: string; baseURL: string };
  claude: { model: string; models: string[]; rpm: number; maxConcurrent: number };
  breaker: { timeoutMs: number; errorPercent: number; resetMs: number };
  statusPage: { urls: string[] };
  monitor: {
    alertChannel?: string;
    /** ALERT_MENTION: prepended to critical alerts' root post (a user group and/or users, Slack's own syntax). */
    alertMention?: string;
    intervalSeconds: number;
    /** 0 turns the paid generation probe off in the monitor. */
    generationIntervalSeconds: number;
    failureThreshold: number;
    recoveryThreshold: number;
  };
  dataDir: string;
  redisUrl?: string;
  adminUserIds: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Human-readable logs (pino-pretty) outside production. */
  prettyLogs: boolean;
  /** NO_COLOR is set: no ANSI colour in terminal output. */
  noColor: boolean;
}

/** What is being started: the Slack app needs Slack's tokens, the `check`/`explain` CLI only the API key. */
export type ConfigPurpose = 'app' | 'cli';

const PLACEHOLDER_BOT_TOKEN = 'xoxb-not-configured';
const SECRET_VARIABLES = new Set(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'ANTHROPIC_API_KEY', 'REDIS_URL']);
const blank = (value: string | undefined) => value === undefined || value.trim() === '';

/**
 * Validates the environment once, at start-up. Throws a {@link ConfigError} that lists every bad variable at
 * once (name, what is wrong, what is expected), so that an operator fixes them in one go.
 */
export function loadConfig(env: Record<string, string | undefined>, purpose: ConfigPurpose = 'app'): Config {
  const input: Record<string, string | undefined> = purpose === 'cli' ? { SLACK_BOT_TOKEN: PLACEHOLDER_BOT_TOKEN, ...env } : env;
  const parsed = envSchema.safeParse(input);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '(environment)');
        const given = input[variable];
        // Echo what was given for plain settings (it helps spot the typo), never for a secret.
        const echo = given !== undefined && !SECRET_VARIABLES.has(variable) ? ` (got ${JSON.stringify(given.slice(0, 80))})` : '';
        return { variable, message: `${issue.message}${echo}` };
      });
  if (purpose === 'app' && blank(input.SLACK_APP_TOKEN) && blank(input.SLACK_SIGNING_SECRET)) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      message: 'required in HTTP mode (Basic Information → Signing Secret); or set SLACK_APP_TOKEN for Socket Mode',
    });
  }
  if (parsed.success && parsed.data.METRICS_PORT !== undefined && parsed.data.METRICS_PORT !== 0 && parsed.data.METRICS_PORT === parsed.data.PORT) {
    // Else the second listen fails as "already in use: another process listens there", and it is the app's own port.
    problems.push({
      variable: 'METRICS_PORT',
      message: `is PORT's port (${parsed.data.PORT}): leave it unset to serve /metrics, /readyz and /healthz on PORT, or choose another port`,
    });
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    },
    port: e.PORT,
    host: e.HOST,
    metrics: e.METRICS_PORT === undefined ? undefined : { port: e.METRICS_PORT, host: e.METRICS_HOST ?? e.HOST },
    anthropic: { apiKey: e.ANTHROPIC_API_KEY, baseURL: e.ANTHROPIC_BASE_URL },
    claude: {
      model: e.CLAUDE_MODEL,
      models: e.CLAUDE_MODELS && e.CLAUDE_MODELS.length > 0 ? e.CLAUDE_MODELS : [e.CLAUDE_MODEL],
      rpm: e.CLAUDE_RPM,
      maxConcurrent: e.CLAUDE_MAX_CONCURRENT,
    },
    breaker: {
      timeoutMs: e.BREAKER_TIMEOUT_SECONDS * 1000,
      errorPercent: e.BREAKER_ERROR_PERCENT,
      resetMs: e.BREAKER_RESET_SECONDS * 1000,
    },
    statusPage: { urls: [...new Set([e.STATUS_PAGE_URL, e.STATUS_PAGE_FALLBACK_URL])] },
    monitor: {
      alertChannel: e.ALERT_CHANNEL?.replace(/^#/, ''),
      alertMention: e.ALERT_MENTION?.join(' '),
      intervalSeconds: e.MONITOR_INTERVAL_SECONDS,
      generationIntervalSeconds: e.MONITOR_GENERATION_INTERVAL_SECONDS,
      failureThreshold: e.ALERT_FAILURE_THRESHOLD,
      recoveryThreshold: e.ALERT_RECOVERY_THRESHOLD,
    },
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    adminUserIds: e.ADMIN_USER_IDS,
    logLevel: e.LOG_LEVEL,
    prettyLogs: e.NODE_ENV !== 'production' && e.NODE_ENV !== 'test' && Boolean(process.stdout.isTTY),
    noColor: Boolean(e.NO_COLOR),
  };
}
