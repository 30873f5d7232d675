/** One bad environment variable: which, and what is expected of it. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Start-up refused: lists every bad variable at once. `code` is stable for callers. */
export class ConfigError extends Error {
  readonly code = 'ECONFIG';
  constructor(readonly problems: ConfigProblem[]) {
    super(
      'claude-status cannot start: fix these environment variables (see .env.example):\n' +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}
