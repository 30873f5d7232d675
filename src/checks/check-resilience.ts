import type { ResilienceSnapshot } from '../ports/claude-api.js';
import type { CheckResult } from './check-result.js';

/** At or above this share of failed calls in the window, a closed breaker warns (BREAKER_ERROR_PERCENT's default). */
export const HIGH_ERROR_PERCENT = 50;

/**
 * The bot's own guard: an open breaker means it is refusing Claude calls (fail), a half-open one is testing
 * whether the API is back, dropped or paused lanes mean people's requests wait or are refused, and a closed breaker
 * with most recent calls failing is one about to open (warn).
 */
export function checkResilience(snapshot: ResilienceSnapshot): CheckResult {
  const { breaker, limiter } = snapshot;
  const detail = [
    `breaker ${breaker.state}: ${breaker.errorPercent}% errors in the window, ${breaker.failures} failures, ${breaker.timeouts} timeouts, ${breaker.rejections} refused`,
    ...(breaker.openedAt ? [`opened at ${breaker.openedAt}`] : []),
    ...(breaker.nextAttemptAt ? [`next attempt at ${breaker.nextAttemptAt}`] : []),
    ...Object.entries(limiter.lanes).map(
      ([name, lane]) => `${name} lane: ${lane.queued} queued, ${lane.running} running, ${lane.done} done, ${lane.dropped} dropped`,
    ),
  ];
  if (breaker.state === 'open') {
    return {
      id: 'resilience', status: 'fail', detail,
      summary: `The bot's circuit breaker is open: it refuses Claude calls${breaker.nextAttemptAt ? ` until ${breaker.nextAttemptAt}` : ''}`,
      fix: 'It closes by itself when a probe succeeds; the other checks show what failed.',
    };
  }
  const warnings = [
    ...(breaker.state === 'half-open' ? ['the circuit breaker is half-open (testing whether the API is back)'] : []),
    ...Object.entries(limiter.lanes).flatMap(([name, lane]) => [
      ...(lane.dropped > 0 ? [`the ${name} lane dropped ${lane.dropped} calls (queue full)`] : []),
      ...(lane.pausedUntil ? [`the ${name} lane is paused after a 429 until ${lane.pausedUntil}`] : []),
    ]),
  ];
  if (warnings.length > 0) {
    const summary = warnings.join('; ');
    return {
      id: 'resilience', status: 'warn', detail,
      summary: summary.charAt(0).toUpperCase() + summary.slice(1),
      fix: 'Usually passes on its own; if calls keep being dropped, the bot is asked more than CLAUDE_RPM allows.',
    };
  }
  // opossum counts a timeout as a failure too, and the error rate is failures over failures plus successes.
  const failed = breaker.failures;
  if (breaker.errorPercent >= HIGH_ERROR_PERCENT && failed > 0) {
    // Closed only because the window holds too few calls to trip it, or it is about to: not a healthy green tick.
    const of = failed + breaker.successes;
    return {
      id: 'resilience', status: 'warn', detail,
      summary: `Breaker closed, but ${failed} of the last ${of} Claude calls failed (${breaker.errorPercent}%)`,
      fix: 'The other checks show what failed; the breaker opens by itself if the failures go on.',
    };
  }
  const errors = failed === 0 ? 'no recent errors' : `${breaker.errorPercent}% of recent calls failed`;
  return { id: 'resilience', status: 'ok', summary: `Breaker closed, ${errors}`, detail };
}
