import type { CheckResult, StatusReport } from '../../../src/checks/check-result.js';
import type { LaneSnapshot } from '../../../src/ports/claude-api.js';

const lane = (over: Partial<LaneSnapshot> = {}): LaneSnapshot => ({ queued: 0, running: 0, done: 12, dropped: 0, configuredRpm: 50, effectiveRpm: 50, ...over });

/** A small, healthy report; override any part. */
export function makeReport(over: Partial<StatusReport> = {}): StatusReport {
  const checks: CheckResult[] = [
    { id: 'key_format', status: 'ok', summary: 'API key sk-ant-api03-…AbCd is well formed', detail: [] },
    { id: 'auth', status: 'ok', summary: 'Accepted by the API', detail: ['organisation org-1234'], latencyMs: 120 },
    { id: 'model', subject: 'claude-sonnet-4-5', status: 'ok', summary: 'Available', detail: [], latencyMs: 80 },
    { id: 'generation', subject: 'claude-sonnet-4-5', status: 'ok', summary: 'Answered a one-token request', detail: [], latencyMs: 400 },
    { id: 'rate_limits', status: 'ok', summary: 'Headroom fine: lowest is Messages requests at 90%', detail: [] },
    { id: 'status_page', status: 'ok', summary: 'All Systems Operational', detail: [] },
    { id: 'resilience', status: 'ok', summary: 'Breaker closed, nothing queued', detail: [] },
  ];
  return {
    verdict: 'operational',
    blame: 'none',
    headline: 'Operational: the key works, the models answer and Anthropic reports no API incident.',
    checkedAt: '2026-11-26T17:00:00.000Z',
    durationMs: 612,
    key: { masked: 'sk-ant-api03-…AbCd', organizationId: 'org-1234-abcd' },
    models: ['claude-sonnet-4-5'],
    checks,
    rateLimits: {
      messages: { requests: { limit: 50, remaining: 45, resetAt: '2026-11-26T17:01:00Z' }, inputTokens: { limit: 30_000, remaining: 29_000 } },
      free: { requests: { limit: 100, remaining: 99 } },
    },
    statusPage: { reachable: true, source: 'https://status.claude.com', indicator: 'none', description: 'All Systems Operational', incidents: [] },
    resilience: {
      limiter: { lanes: { messages: lane(), free: lane({ configuredRpm: 100, effectiveRpm: 100 }) }, rateLimited: 0 },
      breaker: { state: 'closed', failures: 0, successes: 12, timeouts: 0, rejections: 0, errorPercent: 0 },
    },
    ...over,
  };
}

const HOSTILE = '<!channel> & <@U999> <https://evil.example|click>';

/** A report far past Slack's limits: 300 failing models, 120 incidents, long hostile texts everywhere. */
export function largeReport(): StatusReport {
  const base = makeReport();
  const models = Array.from({ length: 300 }, (_, i) => `claude-model-${String(i).padStart(3, '0')}-20260101`);
  const modelChecks: CheckResult[] = models.map((model) => ({
    id: 'model', subject: model, status: 'fail', summary: `${HOSTILE} ${'not available '.repeat(40)}`,
    detail: Array.from({ length: 10 }, (_, j) => `detail ${j} ${HOSTILE} ${'x'.repeat(400)}`),
    fix: `Ask an admin ${HOSTILE} ${'y'.repeat(900)}`,
    failure: { category: 'not_found', status: 404, type: 'not_found_error', message: `${HOSTILE} ${'m'.repeat(2000)}`, requestId: 'req_011CXYZ' },
  }));
  return {
    ...base,
    verdict: 'down',
    blame: 'us',
    headline: `Down — it's us: ${HOSTILE} ${'h'.repeat(5000)}`,
    key: { masked: 'sk-ant-api03-…AbCd', organizationId: 'org-5678-efgh', workspaceId: 'wrkspc_01' },
    models,
    checks: [...base.checks.filter((c) => c.id !== 'model'), ...modelChecks],
    statusPage: {
      reachable: true, source: 'https://status.claude.com', indicator: 'major', description: `Partial outage ${HOSTILE}`,
      apiComponent: { name: 'Claude API', status: 'partial_outage' },
      incidents: Array.from({ length: 120 }, (_, i) => ({
        name: `Incident ${i} ${HOSTILE} ${'n'.repeat(300)}`, status: 'investigating', impact: 'major',
        url: `https://status.claude.com/incidents/${i}`, startedAt: '2026-11-26T16:00:00Z', affectsApi: i % 2 === 0,
      })),
    },
  };
}
