import type { CheckResult, StatusReport } from '../../src/checks/check-result.js';
import type { ApiFailure, LaneSnapshot } from '../../src/ports/claude-api.js';

const lane = (over: Partial<LaneSnapshot> = {}): LaneSnapshot => ({
  queued: 0, running: 0, done: 0, dropped: 0, configuredRpm: 50, effectiveRpm: 50, ...over,
});

export const failure = (category: ApiFailure['category'], status?: number, over: Partial<ApiFailure> = {}): ApiFailure => ({
  category, status, type: `${category}_error`, message: `${category} happened`, requestId: 'req_011CTest', ...over,
});

export const ok = (id: CheckResult['id'], subject?: string): CheckResult => ({ id, subject, status: 'ok', summary: `${id} ok`, detail: [] });
export const fail = (id: CheckResult['id'], f: ApiFailure, subject?: string): CheckResult => ({
  id, subject, status: 'fail', summary: `${id}${subject ? ` ${subject}` : ''} failed`, detail: [], failure: f,
});

/** A healthy report; `over` replaces parts, `checks` replaces the probe results. */
export function report(checks: CheckResult[] = [ok('auth'), ok('model', 'claude-sonnet-4-5'), ok('generation')], over: Partial<StatusReport> = {}): StatusReport {
  return {
    verdict: 'operational', blame: 'none', headline: 'ok', checkedAt: '2026-11-26T12:00:00.000Z', durationMs: 10,
    key: { masked: 'sk-ant-…abcd' }, models: ['claude-sonnet-4-5'], checks, rateLimits: {},
    statusPage: { reachable: true, source: 'test', indicator: 'none', description: 'All good', incidents: [] },
    resilience: {
      limiter: { lanes: { messages: lane(), free: lane() }, rateLimited: 0 },
      breaker: { state: 'closed', failures: 0, successes: 0, timeouts: 0, rejections: 0, errorPercent: 0 },
    },
    ...over,
  };
}

export { lane };
