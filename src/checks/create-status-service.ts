import type { StatusReport } from './check-result.js';
import { runChecks, type RunChecksDeps } from './run-checks.js';

/** How long a report is served from memory: forty people asking during an incident cost one probe round. */
export const DEFAULT_FRESH_MS = 15_000;

export interface StatusService {
  /**
   * The current report: the one in flight if a round is running (even with `force`: a second round at once
   * would tell nothing new), the last one if it is fresh, else a new round.
   */
  report(options?: { force?: boolean }): Promise<StatusReport>;
  /** The last finished report, without probing. */
  latest(): StatusReport | undefined;
}

/** Single-flight, briefly cached status checks shared by Slack, the CLI and the monitor. */
export function createStatusService(deps: RunChecksDeps & { freshMs?: number }): StatusService {
  const freshMs = deps.freshMs ?? DEFAULT_FRESH_MS;
  let last: { report: StatusReport; at: number } | undefined;
  let inFlight: Promise<StatusReport> | undefined;

  const startRound = (): Promise<StatusReport> => {
    const round = runChecks(deps)
      .then((report) => {
        last = { report, at: deps.clock.now() };
        return report;
      })
      .finally(() => {
        // Cleared whether the round succeeded or threw, so a fault does not stick for every later asker.
        inFlight = undefined;
      });
    inFlight = round;
    return round;
  };

  return {
    report(options) {
      if (inFlight) return inFlight;
      if (!options?.force && last && deps.clock.now() - last.at < freshMs) return Promise.resolve(last.report);
      return startRound();
    },
    latest: () => last?.report,
  };
}
