import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/checks/check-result.js';
import { decideIncidents } from '../../src/monitor/decide-incidents.js';
import { defaultPolicy, emptyPolicyState, type IncidentDecision, type PolicyState } from '../../src/monitor/incident.js';
import { fail, failure, lane, ok, report } from './report-fixture.js';

const policy = defaultPolicy(3, 2);
const T0 = Date.parse('2026-11-26T12:00:00Z');

/** Runs rounds one minute apart and collects every decision. */
function run(reports: StatusReport[], start: PolicyState = emptyPolicyState()) {
  let state = start;
  const all: IncidentDecision[] = [];
  reports.forEach((r, i) => {
    const out = decideIncidents(state, r, policy, T0 + i * 60_000);
    state = out.state;
    all.push(...out.decisions);
  });
  return { state, all, types: all.map((d) => `${d.type}:${d.incident.key}`) };
}

const down = report([ok('auth'), fail('generation', failure('overloaded', 529))]);
const healthy = report();

describe('decideIncidents', () => {
  it('stays silent while healthy', () => {
    expect(run([healthy, healthy, healthy]).all).toEqual([]);
  });

  it('opens once after the failure threshold, with the API error and since the first failure', () => {
    const { all, state } = run([down, down, down, down, down]);
    expect(all.map((d) => d.type)).toEqual(['open']);
    const inc = all[0]!.incident;
    expect(inc).toMatchObject({ key: 'generation', severity: 'critical', failureClass: 'overload', acknowledgedByAnthropic: false });
    expect(inc.since).toBe(new Date(T0).toISOString());
    expect(inc.lastFailure).toMatchObject({ status: 529, type: 'overloaded_error', requestId: 'req_011CTest' });
    expect(state.open.generation?.failures).toBe(5);
  });

  it('resolves after the recovery streak with the duration', () => {
    const { all, state } = run([down, down, down, healthy, healthy]);
    expect(all.map((d) => d.type)).toEqual(['open', 'resolve']);
    expect(all[1]).toMatchObject({ type: 'resolve', durationMs: 4 * 60_000 });
    expect(state.open).toEqual({});
  });

  it('opens at once on a rejected key (401) and on a vanished model (404)', () => {
    const r = report([fail('auth', failure('auth', 401)), fail('model', failure('not_found', 404), 'claude-x')]);
    const { types, all } = run([r]);
    expect(types).toEqual(['open:auth', 'open:model:claude-x']);
    expect(all[0]!.incident.failureClass).toBe('auth');
    expect(all[1]!.incident.failureClass).toBe('model_access');
  });

  it('ignores flapping inside the thresholds, catches k of n as a minor incident', () => {
    expect(run([down, healthy, healthy, down, healthy, healthy, down, healthy, healthy]).all).toEqual([]);
    const { all } = run([down, healthy, down, healthy, down]);
    expect(all.map((d) => [d.type, d.incident.kind, d.incident.severity])).toEqual([['open', 'flapping', 'minor']]);
  });

  it('escalates a flapping incident to a streak in place, without reopening', () => {
    const { all } = run([down, healthy, down, healthy, down, down, down]);
    expect(all.map((d) => `${d.type}:${d.type === 'update' ? d.reason : d.incident.kind}`)).toEqual(['open:flapping', 'update:escalated']);
  });

  it('does not call a 429 caused by our own queue an outage', () => {
    const ours = report([fail('generation', failure('rate_limit', 429))], {
      resilience: { ...healthy.resilience, limiter: { lanes: { messages: lane({ queued: 4 }), free: lane() }, rateLimited: 1 } },
    });
    const local = report([fail('generation', failure('rate_limit', undefined))]);
    const waited = report([fail('generation', failure('timeout', undefined, { type: undefined }))], {
      resilience: { ...healthy.resilience, limiter: { lanes: { messages: lane({ pausedUntil: '2026-11-26T12:01:00Z' }), free: lane() }, rateLimited: 1 } },
    });
    expect(run([ours, ours, local, local, ours, waited, waited]).all).toEqual([]);
    const sdkTimeout = report([fail('generation', failure('timeout', undefined, { sdkClass: 'APIConnectionTimeoutError' }))], { resilience: waited.resilience });
    expect(run([sdkTimeout, sdkTimeout, sdkTimeout]).all[0]?.incident.failureClass).toBe('timeout');
    const theirs = report([fail('generation', failure('rate_limit', 429))]);
    expect(run([theirs, theirs, theirs]).all[0]?.incident.failureClass).toBe('rate_limit');
  });

  it('raises the signals: breaker open, low headroom, deprecated model', () => {
    const r = report([ok('auth'), { ...ok('model', 'claude-old'), status: 'warn', summary: 'deprecated' }], {
      resilience: { ...healthy.resilience, breaker: { ...healthy.resilience.breaker, state: 'open' } },
      rateLimits: { messages: { requests: { limit: 100, remaining: 5 } }, free: { requests: { limit: 100, remaining: 50 } } },
    });
    expect(run([r]).types).toEqual(['open:breaker', 'open:headroom:messages', 'open:deprecated:claude-old']);
  });

  it('does not call a burst bucket mid-refill low headroom (full again within seconds)', () => {
    const base = report([ok('auth')]);
    const soon = new Date(Date.parse(base.checkedAt) + 1_000).toISOString();
    const later = new Date(Date.parse(base.checkedAt) + 40_000).toISOString();
    const refilling = report([ok('auth')], { rateLimits: { messages: { requests: { limit: 6_000, remaining: 90, resetAt: soon } } } });
    expect(run([refilling]).types).toEqual([]);
    const exhausted = report([ok('auth')], { rateLimits: { messages: { requests: { limit: 6_000, remaining: 90, resetAt: later } } } });
    expect(run([exhausted]).types).toEqual(['open:headroom:messages']);
  });

  it('marks incidents acknowledged by Anthropic and tells open ones when that changes', () => {
    const page: StatusReport['statusPage'] = {
      reachable: true, source: 't', indicator: 'major', description: 'x',
      incidents: [{ name: 'Elevated errors on Claude API', status: 'investigating', impact: 'major', affectsApi: true }],
    };
    const downAck = { ...down, statusPage: page };
    const unreachable: StatusReport = { ...down, statusPage: { reachable: false, tried: ['x'], error: 'timeout' } };
    const { all } = run([down, down, down, downAck, unreachable, downAck]);
    expect(all.map((d) => `${d.type}:${d.incident.key}:${d.type === 'update' ? d.reason : ''}`)).toEqual([
      'open:generation:', 'update:generation:anthropic_acknowledged', 'open:anthropic:',
    ]);
    expect(all[2]!.incident).toMatchObject({ severity: 'major', acknowledgedByAnthropic: true, title: 'Anthropic status page: Elevated errors on Claude API' });
  });

  it('reminds in the thread after the reminder period, and resolves a key that left the report', () => {
    const long = Array.from({ length: 34 }, () => down);
    const { all, state } = run(long);
    expect(all.filter((d) => d.type === 'update').map((d) => d.type === 'update' && d.reason)).toEqual(['still_failing']);
    const gone = run([healthy, healthy], state);
    expect(gone.types).toEqual(['resolve:generation']);
  });

  it('keeps skipped checks neutral', () => {
    const skipped = report([{ ...ok('generation'), status: 'skip' }]);
    expect(run([down, down, skipped, skipped, down]).types).toEqual(['open:generation']);
  });

  it('keeps a deprecation open while the model check is skipped, and drops tracks of removed checks', () => {
    const warn = report([{ ...ok('model', 'claude-old'), status: 'warn', summary: 'claude-old is deprecated', fix: 'move' }]);
    const skipped = report([{ ...ok('model', 'claude-old'), status: 'skip' }]);
    const first = run([warn, skipped, skipped]);
    expect(first.types).toEqual(['open:deprecated:claude-old']);
    expect(first.all[0]!.incident).toMatchObject({ title: 'claude-old is deprecated', fix: 'move' });
    const removed = run([healthy, healthy], first.state);
    expect(removed.types).toEqual(['resolve:deprecated:claude-old']);
    expect(Object.keys(removed.state.tracks)).not.toContain('model:claude-old');
  });
});
