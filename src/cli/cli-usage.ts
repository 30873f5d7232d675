/** The `claude-status` command's help texts: one for the whole command, one per subcommand (`check --help`). */
export const CLI_USAGE = `usage: claude-status <command> [options]

commands:
  check      is it us or is it Claude? runs the status checks (needs ANTHROPIC_API_KEY)
  explain    what a pasted Claude API error means and how to fix it (no key needed)
  help       this text

options for every command: --help, --version, --verbose (log lines on stderr)
exit codes: 0 operational / explained, 1 degraded or down, 2 bad usage or configuration,
            3 explain could not recognise the error
`;

export const CHECK_USAGE = `usage: claude-status check [--json] [--timeout SECONDS] [--verbose]

Runs one fresh round of checks against ANTHROPIC_BASE_URL (default https://api.anthropic.com): the key, every
model in CLAUDE_MODELS, one max_tokens=1 message, rate-limit headroom, Anthropic's status page.

  --json             the full report as JSON (verdict, checks with id, status, summary, detail, fix)
  --timeout SECONDS  how long to wait for each probe's answer (default 10)
  --verbose          log lines on stderr

exit 0 operational, 1 degraded or down, 2 bad usage or configuration
`;

export const EXPLAIN_USAGE = `usage: claude-status explain [--json] [--offline] [--timeout SECONDS] [--verbose] [FILE]

Explains a pasted Claude API error, read from FILE or stdin. The answer from the built-in knowledge base prints at
once, with no key and no network; with ANTHROPIC_API_KEY set, Claude's addition follows if it comes in time.

  --json             one JSON object (category, kind, title, cause, fixes, retryable, enrichment…)
  --offline          the knowledge base's answer only; Claude is not asked
  --timeout SECONDS  how long to wait for Claude's addition (default 5)
  --verbose          log lines on stderr

exit 0 explained, 2 no input or bad usage, 3 not recognised as a Claude API error (category unknown)
`;
