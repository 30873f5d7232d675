import type { StatusReport } from '../checks/check-result.js';
import type { Priority } from '../ports/claude-api.js';
import { renderReportText, toJsonReport } from './render-report-text.js';
import { showProgress } from './show-progress.js';

/** How long `check` waits for each probe's answer unless `--timeout` says otherwise. */
export const CHECK_TIMEOUT_SECONDS = 10;

export interface CheckCommand {
  /** One uncached round from the core (its breaker's per-attempt timeout already set to `timeoutSeconds`). */
  probe(options: { generation: boolean; priority: Priority }): Promise<StatusReport>;
  baseURL: string;
  /** How many models CLAUDE_MODELS lists, for the progress line. */
  models: number;
  json: boolean;
  timeoutSeconds: number;
  colour: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** `claude-status check`: one fresh round (generation probe included). Exit 0 operational, 1 degraded or down. */
export async function runCheckCommand(command: CheckCommand): Promise<number> {
  const { baseURL, models, timeoutSeconds } = command;
  const progress = showProgress(command.stderr, `checking the key, ${models === 1 ? 'the model' : `${models} models`}, headroom and the status page at ${baseURL}…`);
  try {
    // One-shot: the single-flight cache of the long-running app has no use here.
    const report = await command.probe({ generation: true, priority: 'interactive' });
    progress.stop();
    command.stdout.write(
      command.json
        ? `${JSON.stringify(toJsonReport(report), null, 2)}\n`
        : `${renderReportText(report, { colour: command.colour, baseURL, timeoutSeconds })}\n`,
    );
    return report.verdict === 'operational' ? 0 : 1;
  } finally {
    progress.stop();
  }
}
