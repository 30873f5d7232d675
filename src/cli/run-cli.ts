import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { loadConfig, type Config } from '../config/load-config.js';
import { ConfigError } from '../config/config-error.js';
import { createLogger } from '../logging/create-logger.js';
import { createCore } from '../create-core.js';
import { renderReportText, toJsonReport } from './render-report-text.js';
import { runExplainCommand } from './run-explain-command.js';
import { explainOffline } from '../explain/explain-offline.js';

export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  readStdin: () => Promise<string>;
  fetch?: typeof fetch;
}

export const CLI_USAGE = `usage: claude-status <command> [options]

  check [--json]                       run the status checks (needs only ANTHROPIC_API_KEY)
                                       exit 0 operational, 1 degraded or down, 2 bad usage or configuration
  explain [--json] [--offline] [FILE]  explain a pasted Claude API error (reads stdin without FILE)
  help                                 this text
`;

/** Exit codes: 0 operational / explained, 1 degraded or down, 2 bad usage or configuration. */
export async function runCli(io: CliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(CLI_USAGE);
    return command ? 0 : 2;
  }
  let args: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; args: string[] }>>;
  try {
    args = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true });
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${CLI_USAGE}`);
    return 2;
  }
  if (command !== 'check' && command !== 'explain') {
    io.stderr.write(`unknown command "${command.slice(0, 40)}"\n\n${CLI_USAGE}`);
    return 2;
  }
  loadDotenv({ quiet: true, processEnv: io.env as Record<string, string> });
  let config: Config;
  try {
    // `explain --offline` needs no key at all; everything else needs ANTHROPIC_API_KEY.
    const env = command === 'explain' && args.values.offline ? { ANTHROPIC_API_KEY: 'offline', ...io.env } : io.env;
    config = loadConfig(env, 'cli');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`${err.message}\n`);
    return 2;
  }
  const logger = createLogger(
    { level: io.env.LOG_LEVEL ? config.logLevel : 'warn', secrets: [config.anthropic.apiKey] },
    io.stderr,
  );
  if (command === 'explain') {
    const file = args.positionals[0];
    const text = file ? await readFile(file, 'utf8').catch(() => undefined) : await io.readStdin();
    if (text === undefined) {
      io.stderr.write(`cannot read ${file}\n`);
      return 2;
    }
    // Offline, nothing is called: no Claude client is built at all.
    const explain = args.values.offline ? explainOffline : createCore({ config, logger, fetch: io.fetch }).explainer.explain;
    return runExplainCommand({ text, json: Boolean(args.values.json), explain, stdout: io.stdout, stderr: io.stderr });
  }
  // One-shot: a fresh round, generation probe included; the single-flight cache of the long-running app has no use here.
  const report = await createCore({ config, logger, fetch: io.fetch }).probe({ generation: true, priority: 'interactive' });
  io.stdout.write(
    args.values.json
      ? `${JSON.stringify(toJsonReport(report), null, 2)}\n`
      : `${renderReportText(report, { colour: Boolean(io.stdout.isTTY) && !config.noColor })}\n`,
  );
  return report.verdict === 'operational' ? 0 : 1;
}

const OPTIONS = {
  json: { type: 'boolean' },
  offline: { type: 'boolean' },
} as const;
