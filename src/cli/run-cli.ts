import { readFile } from 'node:fs/promises';
import { config as loadDotenv } from 'dotenv';
import { loadConfig, type Config } from '../config/load-config.js';
import { ConfigError } from '../config/config-error.js';
import { findConfigWarnings } from '../config/find-config-warnings.js';
import { configuredSecrets } from '../logging/configured-secrets.js';
import { createLogger, type Logger } from '../logging/create-logger.js';
import type { StatusReport } from '../checks/check-result.js';
import type { EnrichedExplanation, Explainer } from '../explain/create-explainer.js';
import type { Priority } from '../ports/claude-api.js';
import { explainReading, readPaste, type PasteReading } from '../explain/explain-offline.js';
import { CHECK_USAGE, CLI_USAGE, EXPLAIN_USAGE } from './cli-usage.js';
import { inTerminalWords } from './in-terminal-words.js';
import { parseCliArgs, type CliArgs, type CliCommand } from './parse-cli-args.js';
import { CHECK_TIMEOUT_SECONDS, runCheckCommand } from './run-check-command.js';
import { runExplainCommand } from './run-explain-command.js';

export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readStdin: () => Promise<string>;
  /** The .env file as written, for the configuration warnings of `check`. */
  dotenvText?: string;
  /** The package's version, for `--version`. */
  version?: string;
  /**
   * Builds what a command needs from a validated configuration: `cli.ts` passes the composition root's
   * `compose(config, { parts: 'core' })`. The command closes it (`stop()`) before it returns.
   */
  compose: (config: Config, logger: Logger) => Promise<CliParts>;
}

/** The core's parts a command uses, and the one `stop()` that closes them (the limiter, the breaker, Redis). */
export interface CliParts {
  core: {
    probe(options: { generation: boolean; priority: Priority }): Promise<StatusReport>;
    explainer: Explainer;
  };
  stop(): Promise<void>;
}

const USAGE: Record<CliCommand, string> = { check: CHECK_USAGE, explain: EXPLAIN_USAGE };

/** Exit codes: 0 operational / explained, 1 degraded or down, 2 bad usage or configuration, 3 unknown error text. */
export async function runCli(io: CliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  if (command === '--version' || command === '-V' || command === 'version') return version(io);
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    (command ? io.stdout : io.stderr).write(CLI_USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'check' && command !== 'explain') {
    io.stderr.write(`claude-status: unknown command "${command.slice(0, 40)}"\n\n${CLI_USAGE}`);
    return 2;
  }
  const parsed = parseCliArgs(command, rest);
  if (!parsed.ok) {
    io.stderr.write(`claude-status ${command}: ${parsed.problem}\n\n${USAGE[command]}`);
    return 2;
  }
  const args = parsed.args;
  if (args.help) return void io.stdout.write(USAGE[command]), 0;
  if (args.version) return version(io);
  loadDotenv({ quiet: true, processEnv: io.env as Record<string, string> });
  return command === 'explain' ? explain(io, args) : check(io, args);
}

function version(io: CliIo): number {
  io.stdout.write(`claude-status ${io.version ?? 'unknown version'}\n`);
  return 0;
}

/** Log lines only with --verbose (at LOG_LEVEL, else debug); a command's output is its stdout, not a log. */
function loggerFor(io: CliIo, args: CliArgs, config: Config | undefined) {
  const level = args.verbose ? (io.env.LOG_LEVEL && config ? config.logLevel : 'debug') : 'silent';
  // Every configured secret, as the app's logger has (main.ts): a signing secret has no shape a pattern could catch.
  return createLogger({ level, secrets: config ? configuredSecrets(config) : [] }, io.stderr);
}

async function check(io: CliIo, args: CliArgs): Promise<number> {
  for (const warning of findConfigWarnings({ env: io.env, dotenvText: io.dotenvText })) io.stderr.write(`claude-status: warning: ${warning.message}\n`);
  let config: Config;
  try {
    config = loadConfig(io.env, 'cli');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`${err.message}\n`);
    return 2;
  }
  const timeoutSeconds = args.timeoutSeconds ?? CHECK_TIMEOUT_SECONDS;
  // Each attempt is cut at the timeout (the breaker's per-attempt timeout is what ends a call that hangs).
  const parts = await io.compose({ ...config, breaker: { ...config.breaker, timeoutMs: Math.round(timeoutSeconds * 1000) } }, loggerFor(io, args, config));
  try {
    return await runCheckCommand({
      probe: parts.core.probe, baseURL: config.anthropic.baseURL, models: config.claude.models.length, json: args.json, timeoutSeconds,
      colour: Boolean(io.stdout.isTTY) && !config.noColor, stdout: io.stdout, stderr: io.stderr,
    });
  } finally {
    // The process need not exit to end: with REDIS_URL the limiter's and the shared client's connections close here.
    await parts.stop();
  }
}

async function explain(io: CliIo, args: CliArgs): Promise<number> {
  const file = args.positionals[0];
  const text = file ? await readFile(file, 'utf8').catch(() => undefined) : await io.readStdin();
  if (text === undefined) {
    io.stderr.write(`claude-status explain: cannot read ${file}\n`);
    return 2;
  }
  // Read (cut, scrubbed, parsed) once: the offline answer and Claude's addition share it.
  let reading: PasteReading | undefined;
  const read = (t: string): PasteReading => (reading ??= readPaste(t));
  // In the CLI's words: the core's answers name the Slack command (`/claude-status`).
  const offline = (t: string) => inTerminalWords(explainReading(read(t)));
  // The offline answer needs no key and no configuration; Claude's addition needs both.
  let enrich: ((text: string) => Promise<EnrichedExplanation>) | undefined;
  let noEnrichment: string | undefined;
  let parts: CliParts | undefined;
  // --offline: the knowledge base's answer alone, and nothing said about Claude.
  if (!args.offline && !io.env.ANTHROPIC_API_KEY?.trim()) noEnrichment = 'set ANTHROPIC_API_KEY for Claude’s addition';
  else if (!args.offline) {
    let config: Config | undefined;
    try {
      config = loadConfig(io.env, 'cli');
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      noEnrichment = `the configuration has problems (${err.problems.map((p) => p.variable).join(', ')}); run \`claude-status check\` to see them`;
    }
    if (config) {
      const { core } = (parts = await io.compose(config, loggerFor(io, args, config)));
      enrich = (t) =>
        core.explainer.explain(t, { priority: 'interactive', reading: read(t) }).then(inTerminalWords, () => ({ ...offline(t), enrichmentSkipped: 'the Claude call failed' }));
    }
  }
  try {
    return await runExplainCommand({ text, json: args.json, offline, enrich, noEnrichment, timeoutSeconds: args.timeoutSeconds, stdout: io.stdout, stderr: io.stderr });
  } finally {
    // A Claude call still out past the wait is aborted here (the breaker aborts what is in flight), so the process ends.
    await parts?.stop();
  }
}
