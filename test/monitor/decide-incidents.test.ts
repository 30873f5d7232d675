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
  return { state, all, types: all.map((d) => `${d.type}:${d.incident.key}${d.type === 'update' ? `:${d.reason}` : ''}`) };
}

const M = 'claude-sonnet-4-5';
const down = report([ok('auth'), ok('model', M), fail('generation', failure('overloaded', 529))]);
const healthy = report();
const anthropicPage = (update = { id: 'u1', status: 'investigating', body: 'We are investigating elevated errors.' }): StatusReport['statusPage'] => ({
  reachable: true, source: 't', indicator: 'major', description: 'x',
  incidents: [{ id: 'inc1', name: 'Elevated errors on Claude API', status: update.status, impact: 'major', url: 'https://stspg.io/x', affectsApi: true, latestUpdate: update }],
});

describe('decideIncidents: incidents keyed by cause', () => {
  it('stays silent while healthy', () => {
    expect(run([healthy, healthy, healthy]).all).toEqual([]);
  });

  it('opens once after the failure threshold, with the API error, in words, since the first failure', () => {
    const { all, state } = run([down, down, down, down, down]);
    expect(all.map((d) => d.type)).toEqual(['open']);
    const inc = all[0]!.incident;
    expect(inc).toMatchObject({ key: 'api', severity: 'critical', failureClass: 'api', probes: ['Messages'], title: 'API overloaded (529) on Messages' });
    expect(inc.since).toBe(new Date(T0).toISOString());
    expect(inc.lastFailure).toMatchObject({ category: 'overloaded', status: 529, requestId: 'req_011CTest' });
    expect(state.open.api?.failures).toBe(5);
  });

  it('counts one streak for an outage that trips a different probe each round, and lists the probes', () => {
    const onKey = report([fail('auth', failure('overloaded', 529)), ok('model', M), ok('generation')]);
    const onModel = report([ok('auth'), fail('model', failure('overloaded', 529), M), ok('generation')]);
    const everywhere = report([fail('auth', failure('overloaded', 529)), fail('model', failure('overloaded', 529), M), fail('generation', failure('overloaded', 529))]);
    const { types, all } = run([onKey, onModel, down, everywhere]);
    expect(types).toEqual(['open:api']);
    expect(all[0]!.incident).toMatchObject({ probes: ['key check', M, 'Messages'], title: 'API overloaded (529) on every probe', since: new Date(T0).toISOString() });
    // Opened on Messages alone; the key check failing later joins it (a line in the thread, the root updated).
    const later = run([down, down, down, everywhere]);
    expect(later.types).toEqual(['open:api', 'update:api:probes_joined']);
    expect(later.state.open.api).toMatchObject({ probes: ['Messages', 'key check', M], title: 'API overloaded (529) on every probe' });
  });

  it('resolves after the recovery streak with the duration', () => {
    const { all, state } = run([down, down, down, healthy, healthy]);
    expect(all.map((d) => d.type)).toEqual(['open', 'resolve']);
    expect(all[1]).toMatchObject({ type: 'resolve', durationMs: 4 * 60_000 });
    expect(state.open).toEqual({});
  });

  it('opens at once what does not heal by waiting: a rejected key, billing of every kind, a model gone', () => {
    expect(run([report([fail('auth', failure('auth', 401))])]).types).toEqual(['open:auth']);
    expect(run([report([ok('auth'), fail('model', failure('not_found', 404), 'claude-x')])]).types).toEqual(['open:model:claude-x']);
    // A model past its retirement date (the check's own finding, no API error) is that model gone, not an outage.
    const retired = { id: 'model' as const, subject: 'claude-old', status: 'fail' as const, summary: 'claude-old was retired on 2026-11-30', detail: [] };
    expect(run([report([ok('auth'), retired])]).types).toEqual(['open:model:claude-old']);
    for (const f of [
      failure('billing', 400, { kind: 'credit_balance' }), failure('billing', 429, { kind: 'spend_cap' }),
      failure('billing', 402, { kind: 'payment' }), failure('permission', 403, { kind: 'org_disabled' }),
    ]) {
      const { types, all } = run([report([ok('auth'), ok('model', M), fail('generation', f)])]);
      expect(types).toEqual(['open:billing']);
      expect(all[0]!.incident.severity).toBe('critical');
    }
  });

  it('keeps a per-model 403 to that model, naming it and not the healthy ones', () => {
    const forbidden = report([ok('auth'), ok('model', M), { ...fail('model', failure('permission', 403), 'claude-opus-5-5'), summary: 'No permission to use claude-opus-5-5' }, ok('generation')]);
    const { all } = run([forbidden, forbidden, forbidden]);
    expect(all.map((d) => d.incident.key)).toEqual(['model:claude-opus-5-5']);
    expect(all[0]!.incident.title).toBe('No permission to use claude-opus-5-5');
    expect(all[0]!.incident.title).not.toContain(M);
  });

  it('ignores flapping inside the thresholds, catches k of n as a minor incident, escalates it in place', () => {
    expect(run([down, healthy, healthy, down, healthy, healthy, down, healthy, healthy]).all).toEqual([]);
    const { all } = run([down, healthy, down, healthy, down]);
    expect(all.map((d) => [d.type, d.incident.kind, d.incident.severity])).toEqual([['open', 'flapping', 'minor']]);
    expect(run([down, healthy, down, healthy, down, down, down]).types).toEqual(['open:api', 'update:api:escalated']);
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
    const theirs = report([fail('generation', failure('rate_limit', 429))]);
    expect(run([theirs, theirs, theirs]).types).toEqual(['open:rate_limit']);
  });

  it('keeps the breaker as evidence on the open incident, never an incident of its own', () => {
    const open = { ...healthy.resilience, breaker: { ...healthy.resilience.breaker, state: 'open' as const } };
    expect(run([{ ...healthy, resilience: open }]).all).toEqual([]);
    const { types, state } = run([down, down, down, { ...down, resilience: open }]);
    expect(types).toEqual(['open:api', 'update:api:breaker']);
    expect(state.open.api?.breakerOpen).toBe(true);
  });

  it('raises the signals: low headroom, deprecated model; a burst bucket mid-refill is not low', () => {
    const r = report([ok('auth'), { ...ok('model', 'claude-old'), status: 'warn', summary: 'deprecated' }], {
      rateLimits: { messages: { requests: { limit: 100, remaining: 5 } }, free: { requests: { limit: 100, remaining: 50 } } },
    });
    // A deprecated model opens at once; low headroom heals by waiting, so it opens once it persists (3 rounds).
    expect(run([r]).types).toEqual(['open:deprecated:claude-old']);
    expect(run([r, r, r]).types).toEqual(['open:deprecated:claude-old', 'open:headroom:messages']);
    const soon = new Date(Date.parse(healthy.checkedAt) + 1_000).toISOString();
    expect(run([report([ok('auth')], { rateLimits: { messages: { requests: { limit: 6_000, remaining: 90, resetAt: soon } } } })]).types).toEqual([]);
  });

  it("folds Anthropic's incident into the open one: acknowledged, then its new update, then cleared", () => {
    const acked = { ...down, statusPage: anthropicPage() };
    const sameAgain = { ...down, statusPage: anthropicPage() };
    const updated = { ...down, statusPage: anthropicPage({ id: 'u2', status: 'identified', body: 'The cause is identified.' }) };
    const unreachable: StatusReport = { ...down, statusPage: { reachable: false, tried: ['x'], error: 'timeout' } };
    const { types, state } = run([down, down, down, acked, sameAgain, unreachable, updated, down]);
    expect(types).toEqual(['open:api', 'update:api:anthropic_acknowledged', 'update:api:anthropic_updated', 'update:api:anthropic_cleared']);
    expect(state.open.anthropic).toBeUndefined();
    const mid = run([down, down, down, acked, updated]).state.open.api!;
    expect(mid).toMatchObject({ acknowledgedByAnthropic: true, anthropic: { name: 'Elevated errors on Claude API', url: 'https://stspg.io/x', update: { id: 'u2', body: 'The cause is identified.' } } });
  });

  it("opens Anthropic's incident on its own only while nothing of ours fails; our failures then join it", () => {
    const page = { ...healthy, statusPage: anthropicPage() };
    const { types } = run([page, { ...down, statusPage: anthropicPage() }, { ...down, statusPage: anthropicPage() }, { ...down, statusPage: anthropicPage() }]);
    expect(types).toEqual(['open:anthropic', 'open:api']);
    // Ours already open: no incident of Anthropic's own, only the fact; nor when ours recovers before Anthropic does.
    const lagging = { ...healthy, statusPage: anthropicPage() };
    expect(run([down, down, down, { ...down, statusPage: anthropicPage() }, lagging, lagging, lagging]).types)
      .toEqual(['open:api', 'update:api:anthropic_acknowledged', 'resolve:api']);
  });

  it('reminds after the reminder period, and resolves a key that left the report', () => {
    const { all, state } = run(Array.from({ length: 34 }, () => down));
    expect(all.filter((d) => d.type === 'update').map((d) => d.type === 'update' && d.reason)).toEqual(['still_failing']);
    expect(run([healthy, healthy], state).types).toEqual(['resolve:api']);
    const withModel = run([report([ok('auth'), fail('model', failure('not_found', 404), 'claude-x')])]);
    expect(run([report([ok('auth'), ok('generation')]), report([ok('auth'), ok('generation')])], withModel.state).types).toEqual(['resolve:model:claude-x']);
  });

  it('keeps skipped and carried-over probes neutral', () => {
    const skipped = report([{ ...ok('generation'), status: 'skip' }]);
    const carried = report([ok('auth'), { ...fail('generation', failure('overloaded', 529)), carriedFrom: '2026-11-26T11:59:00.000Z' }]);
    expect(run([down, down, skipped, carried, down]).types).toEqual(['open:api']);
  });
});
