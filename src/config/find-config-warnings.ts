import { envSchema } from './config-schema.js';
import { closest } from '../text/edit-distance.js';

/** A setting that is valid but almost certainly not what the operator meant: said at start-up, never fatal. */
export interface ConfigWarning {
  variable: string;
  message: string;
}

export const KNOWN_VARIABLES: readonly string[] = Object.keys(envSchema.shape);
// Prefixes only claude-status's own variables use in a .env written for it.
const OUR_PREFIXES = ['SLACK_', 'ANTHROPIC_', 'CLAUDE_', 'ALERT_', 'MONITOR_', 'BREAKER_', 'STATUS_PAGE_'];
// A shell's own short names (PATH, HOME, TERM) sit within two edits of short ones of ours: look only at longer ones.
const MIN_LOOKALIKE_LENGTH = 8;
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/**
 * The traps that turn a feature off without an error: a value dotenv read as empty (an unquoted `#` starts a comment,
 * so `ALERT_CHANNEL=#ops-alerts` is no channel at all), and a variable we do not read that looks like one we do
 * (`ALERT_CHANEL`). `dotenvText` is the .env file as written; `env` is what the process ended up with.
 */
export function findConfigWarnings(input: { env: Record<string, string | undefined>; dotenvText?: string }): ConfigWarning[] {
  const known = new Set(KNOWN_VARIABLES);
  const warnings: ConfigWarning[] = [];
  const inFile = new Set<string>();
  for (const line of (input.dotenvText ?? '').split(/\r?\n/)) {
    const match = ASSIGNMENT.exec(line);
    if (!match) continue;
    const [, name, raw] = match as unknown as [string, string, string];
    inFile.add(name);
    if (!known.has(name) || raw.trim() === '' || (input.env[name] ?? '').trim() !== '') continue;
    warnings.push({
      variable: name,
      message: raw.trim().startsWith('#')
        ? `${name}=${raw.trim().slice(0, 40)} in .env came out empty: dotenv reads an unquoted # as the start of a comment. Write ${name}="${raw.trim().slice(0, 40).replace(/"/g, '')}" (quoted), or a channel id such as C0123ABCD.`
        : `${name} has a value in .env (${raw.trim().slice(0, 20)}…) but it came out empty; check its quotes and any # in it.`,
    });
  }
  for (const name of new Set([...inFile, ...Object.keys(input.env)])) {
    if (known.has(name)) continue;
    const fromFile = inFile.has(name);
    const meant = fromFile || name.length >= MIN_LOOKALIKE_LENGTH ? closest(name, KNOWN_VARIABLES, 2) : undefined;
    if (meant) warnings.push({ variable: name, message: `${name} is not a variable claude-status reads; did you mean ${meant}?` });
    else if (fromFile && OUR_PREFIXES.some((p) => name.startsWith(p))) warnings.push({ variable: name, message: `${name} in .env is not a variable claude-status reads (see .env.example); it is ignored.` });
  }
  return warnings;
}
