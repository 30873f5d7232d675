import { z } from 'zod';

/** Accepts "60", " 60 " and rejects "soon", "", "1.5" where an integer is wanted. */
const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `expected at least ${min}` }).max(max, { message: `expected at most ${max}` }));

const url = (what: string) =>
  z
    .string()
    .trim()
    .url({ message: `expected an absolute http(s) URL (${what})` })
    .refine((u) => /^https?:\/\//.test(u), { message: 'expected an http:// or https:// URL' })
    .transform((u) => u.replace(/\/+$/, ''));

const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/**
 * Every environment variable claude-status reads, with its default. This is the contract that the README,
 * `.env.example` and the tests rely on: change all four together.
 */
export const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string({ message: 'required: the Bot User OAuth Token (xoxb-…) from OAuth & Permissions' }).trim().regex(/^xoxb-/, { message: 'expected a bot token starting with xoxb-' }),
  SLACK_SIGNING_SECRET: optional(z.string().trim().min(8, { message: 'expected the signing secret from Basic Information' })),
  SLACK_APP_TOKEN: optional(z.string().trim().regex(/^xapp-/, { message: 'expected an app-level token starting with xapp-' })),
  SLACK_API_URL: z.preprocess((v) => v || 'https://slack.com/api', url('Slack Web API base, e.g. https://slack.com/api')),
  PORT: z.preprocess((v) => v || '3000', int(0, 65535)),
  HOST: optional(z.string().trim().min(1)),
  METRICS_PORT: optional(int(0, 65535)),
  METRICS_HOST: optional(z.string().trim().min(1)),
  ANTHROPIC_API_KEY: z.string({ message: 'required: the Claude API key to check (sk-ant-api03-…)' }).min(1, { message: 'required: the Claude API key to check (sk-ant-api03-…)' }),
  ANTHROPIC_BASE_URL: z.preprocess((v) => v || 'https://api.anthropic.com', url('Claude API base')),
  CLAUDE_MODEL: z.preprocess((v) => v || 'claude-haiku-4-5', z.string().trim().min(1)),
  CLAUDE_MODELS: optional(list),
  CLAUDE_RPM: z.preprocess((v) => v || '50', int(1, 1_000_000)),
  CLAUDE_MAX_CONCURRENT: z.preprocess((v) => v || '4', int(1, 1000)),
  BREAKER_TIMEOUT_SECONDS: z.preprocess((v) => v || '30', int(1, 3600)),
  BREAKER_ERROR_PERCENT: z.preprocess((v) => v || '50', int(1, 100)),
  BREAKER_RESET_SECONDS: z.preprocess((v) => v || '30', int(1, 3600)),
  STATUS_PAGE_URL: z.preprocess((v) => v || 'https://status.claude.com', url('Statuspage base')),
  STATUS_PAGE_FALLBACK_URL: z.preprocess((v) => v || 'https://anthropic.statuspage.io', url('Statuspage fallback base')),
  ALERT_CHANNEL: optional(z.string().trim().regex(/^[CGD][A-Z0-9]+$|^#?[a-z0-9][a-z0-9._-]*$/, { message: 'expected a channel id (C0123ABCD) or a channel name; in .env quote a name written with #: ALERT_CHANNEL="#ops-alerts"' })),
  // Who critical alerts page: a user group (<!subteam^S0123ABCD>) and/or users (<@U0123ABCD>), as Slack writes them.
  ALERT_MENTION: optional(list.pipe(z.array(z.string().regex(/^<!subteam\^[A-Z0-9]+(\|[^<>]*)?>$|^<@[UW][A-Z0-9]+>$/, {
    message: 'expected a user group <!subteam^S0123ABCD> or users <@U0123ABCD>, comma-separated (quote the value in .env)',
  })).min(1))),
  MONITOR_INTERVAL_SECONDS: z.preprocess((v) => v || '60', int(1, 86_400)),
  MONITOR_GENERATION_INTERVAL_SECONDS: z.preprocess((v) => v || '900', int(0, 604_800)),
  ALERT_FAILURE_THRESHOLD: z.preprocess((v) => v || '3', int(1, 100)),
  ALERT_RECOVERY_THRESHOLD: z.preprocess((v) => v || '2', int(1, 100)),
  DATA_DIR: z.preprocess((v) => v || './data', z.string().trim().min(1)),
  REDIS_URL: optional(z.string().trim().regex(/^rediss?:\/\//, { message: 'expected redis://host:port or rediss://…' })),
  ADMIN_USER_IDS: z.preprocess((v) => v ?? '', list.pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, { message: 'expected Slack user ids like U0123ABCD, comma-separated' })))),
  LOG_LEVEL: z.preprocess((v) => v || 'info', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  NODE_ENV: optional(z.string()),
  // https://no-color.org: any non-empty value turns ANSI colour off in `claude-status check`.
  NO_COLOR: optional(z.string()),
});

export type Env = z.infer<typeof envSchema>;
