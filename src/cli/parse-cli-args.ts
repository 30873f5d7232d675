import { parseArgs } from 'node:util';

export type CliCommand = 'check' | 'explain';

export interface CliArgs {
  json: boolean;
  offline: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
  /** Seconds, when given. */
  timeoutSeconds?: number;
  positionals: string[];
}

const OPTIONS = {
  json: { type: 'boolean' },
  offline: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  timeout: { type: 'string' },
} as const;

const ALLOWED: Record<CliCommand, ReadonlySet<string>> = {
  check: new Set(['json', 'verbose', 'help', 'version', 'timeout']),
  explain: new Set(['json', 'offline', 'verbose', 'help', 'version', 'timeout']),
};

export type ParsedCli = { ok: true; args: CliArgs } | { ok: false; problem: string };

/**
 * The options of one subcommand, with node's own parser; its errors (which suggest `--` tricks) become one plain
 * sentence naming the option, for the usage text to follow.
 */
export function parseCliArgs(command: CliCommand, argv: string[]): ParsedCli {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; tokens: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, tokens: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const option = /'(-{1,2}[^'\s]+)/.exec((err as Error).message)?.[1] ?? 'an option';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return { ok: false, problem: `${option} needs a value, e.g. --timeout 10` };
    return { ok: false, problem: `unknown option ${option.slice(0, 40)} for ${command}` };
  }
  const unknown = parsed.tokens.find((t) => t.kind === 'option' && !ALLOWED[command].has(t.name));
  if (unknown && unknown.kind === 'option') return { ok: false, problem: `${unknown.rawName} is not an option of ${command}` };
  const v = parsed.values;
  let timeoutSeconds: number | undefined;
  if (v.timeout !== undefined) {
    timeoutSeconds = Number(v.timeout);
    if (!/^\d+(\.\d+)?$/.test(v.timeout.trim()) || timeoutSeconds <= 0 || timeoutSeconds > 600) {
      return { ok: false, problem: `--timeout takes seconds from 0.1 to 600 (got ${JSON.stringify(v.timeout.slice(0, 20))})` };
    }
  }
  if (command === 'check' && parsed.positionals.length > 0) return { ok: false, problem: `check takes no arguments (got ${JSON.stringify(parsed.positionals[0]!.slice(0, 40))})` };
  if (parsed.positionals.length > 1) return { ok: false, problem: 'explain takes at most one FILE' };
  return {
    ok: true,
    args: {
      json: Boolean(v.json), offline: Boolean(v.offline), verbose: Boolean(v.verbose), help: Boolean(v.help), version: Boolean(v.version),
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}), positionals: parsed.positionals,
    },
  };
}
