import type { CheckResult, StatusReport } from '../checks/check-result.js';
import { carryPaidResult } from '../checks/carry-paid-result.js';

/** How soon a failed paid probe is confirmed by the next one: not the whole generation interval. */
export const CONFIRM_PAID_FAILURE_MS = 60_000;

export interface PaidProbeCadence {
  /** Whether the round starting now runs the paid probe (a `max_tokens: 1` Messages call). */
  due(nowMs: number): boolean;
  /** Remembers a paid result the round produced, or carries the last one into a round that skipped it. */
  settle(report: StatusReport): StatusReport;
}

/**
 * When the monitor spends money: the paid probe every `intervalMs` (MONITOR_GENERATION_INTERVAL_SECONDS; 0 = never),
 * but while its last result failed, again within `confirmMs` (a refused Messages call costs nothing, and credit,
 * spend cap or an outage only the paid probe sees must not wait 15 minutes for its confirmation). Between two paid
 * probes the last paid result stands in the report.
 */
export function createPaidProbeCadence(intervalMs: number, confirmMs = CONFIRM_PAID_FAILURE_MS): PaidProbeCadence {
  let lastAtMs = Number.NEGATIVE_INFINITY;
  let last: (CheckResult & { carriedFrom: string }) | undefined;
  return {
    due(nowMs) {
      if (intervalMs <= 0) return false;
      const failing = last !== undefined && last.status !== 'ok';
      const due = nowMs - lastAtMs >= (failing ? Math.min(confirmMs, intervalMs) : intervalMs);
      if (due) lastAtMs = nowMs;
      return due;
    },
    settle(report) {
      const paid = report.checks.find((c) => c.id === 'generation');
      if (!paid) return report;
      if (paid.status !== 'skip' || paid.failure) {
        last = { ...paid, carriedFrom: report.checkedAt };
        return report;
      }
      return last && intervalMs > 0 ? carryPaidResult(report, last) : report;
    },
  };
}
