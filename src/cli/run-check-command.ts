import type { Config } from '../config/load-config.js';
import { createCore } from '../create-core.js';
import type { Logger } from '../logging/create-logger.js';
import { renderReportText, toJsonReport } from './render-report-text.js';
import { showProgress } from './show-progress.js';

/** How long `check` waits for each probe's answer unless `--timeout` says otherwise. */
export const CHECK_TIMEOUT_SECONDS = 10;

export interface CheckCommand {
  config: Config;
  logger: Logger;
  json: boolean;
  timeoutSeconds?: number;
  colour: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  fetch?: typeof fetch;
}

/** `claude-status check`: one fresh round (generation probe included). Exit 0 operational, 1 degraded or down. */
export async function runCheckCommand(command: CheckCommand): Promise<number> {
  const timeoutSeconds = command.timeoutSeconds ?? CHECK_TIMEOUT_SECONDS;
  // Each attempt is cut at the timeout (the breaker's per-attempt timeout is what ends a call that hangs).
  const config: Config = { ...command.config, breaker: { ...command.config.breaker, timeoutMs: Math.round(timeoutSeconds * 1000) } };
  const { baseURL } = config.anthropic;
  const models = config.claude.models.length;
  const progress = showProgress(command.stderr, `checking the key, ${models === 1 ? 'the model' : `${models} models`}, headroom and the status page at ${baseURL}…`);
  const core = createCore({ config, logger: command.logger, fetch: command.fetch });
  try {
    // One-shot: the single-flight cache of the long-running app has no use here.
    const report = await core.probe({ generation: true, priority: 'interactive' });
    progress.stop();
    command.stdout.write(
      command.json
        ? `${JSON.stringify(toJsonReport(report), null, 2)}\n`
        : `${renderReportText(report, { colour: command.colour, baseURL, timeoutSeconds })}\n`,
    );
    return report.verdict === 'operational' ? 0 : 1;
  } finally {
    progress.stop();
    // The process need not exit to end: with REDIS_URL the limiter's connections close here.
    await core.close();
  }
}
