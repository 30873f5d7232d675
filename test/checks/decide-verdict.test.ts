import { describe, expect, it } from 'vitest';
import type { CheckResult, StatusPageSummary } from '../../src/checks/check-result.js';
import { decideVerdict } from '../../src/checks/decide-verdict.js';
import { lookupAdvice } from '../../src/explain/knowledge-base.js';
import { failure } from '../fakes/in-memory-claude-api.js';
import { GREEN_PAGE } from './support/run-with.js';

const check = (id: CheckResult['id'], status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id, status, summary: `${id} ${status}`, detail: [], ...extra,
});
const green = [check('key_format', 'ok'), check('auth', 'ok'), check('model', 'ok', { subject: 'm' }), check('status_page', 'ok')];
const UNREACHABLE: StatusPageSummary = { reachable: false, tried: ['http://a'], error: 'HTTP 405' };

describe('decideVerdict', () => {
  it('all ok (skips included) is operational, blamed on no one', () => {
    const decision = decideVerdict([...green, check('generation', 'skip')], GREEN_PAGE);
    expect(decision).toMatchObject({ verdict: 'operational', blame: 'none' });
    expect(decision.headline).toMatch(/^Operational/);
  });

  it('an unreachable status page alone leaves the verdict to the API checks: a warning on its own line, not the network blamed', () => {
    const decision = decideVerdict([...green.slice(0, 3), check('status_page', 'warn')], UNREACHABLE);
    expect(decision).toMatchObject({ verdict: 'operational', blame: 'none' });
    expect(decision.headline).toMatch(/status page could not be read/);
    expect(decision.checks.find((c) => c.id === 'status_page')).toMatchObject({ status: 'warn', fix: expect.any(String) });
    // A failing API check beside it still decides.
    const failing = decideVerdict([...green.slice(0, 2), check('generation', 'fail', { failure: failure('overloaded', 529, 'Overloaded') }), check('status_page', 'warn')], UNREACHABLE);
    expect(failing).toMatchObject({ verdict: 'degraded', blame: 'anthropic' });
  });

  it('our own fault outranks an incident on the status page', () => {
    const decision = decideVerdict(
      [check('key_format', 'ok'), check('auth', 'fail', { failure: failure('auth', 401, 'invalid x-api-key') }), check('status_page', 'warn', { summary: 'Anthropic reports: outage' })],
      GREEN_PAGE,
    );
    expect(decision).toMatchObject({ verdict: 'down', blame: 'us' });
  });

  it('timeouts during an API incident are blamed on Claude, not the network, and the incident is named', () => {
    const timeout = failure('timeout', undefined, 'Request timed out');
    const decision = decideVerdict(
      [check('key_format', 'ok'), check('auth', 'fail', { summary: 'Could not check the key', failure: timeout }), check('status_page', 'warn', { summary: 'Anthropic reports: Elevated errors' })],
      GREEN_PAGE,
    );
    expect(decision.blame).toBe('anthropic');
    expect(decision.headline).toBe("Down — it's Claude: Could not check the key. Anthropic reports: Elevated errors.");
  });

  it('one model failing of several is degraded; all failing is down', () => {
    const denied = { failure: failure('permission', 403, 'no') };
    const two = [check('key_format', 'ok'), check('auth', 'ok'), check('model', 'ok', { subject: 'a' }), check('model', 'fail', { subject: 'b', ...denied })];
    expect(decideVerdict(two).verdict).toBe('degraded');
    two[2] = check('model', 'fail', { subject: 'a', ...denied });
    expect(decideVerdict(two).verdict).toBe('down');
  });

  it('a 529 on the Messages probe alone is degraded, blamed on Claude', () => {
    const decision = decideVerdict([...green, check('generation', 'fail', { failure: failure('overloaded', 529, 'Overloaded') })]);
    expect(decision).toMatchObject({ verdict: 'degraded', blame: 'anthropic' });
  });

  it('gives every failing or warning check a fix, and the knowledge base cause and steps for API errors', () => {
    const credit = failure('billing', 400, 'Your credit balance is too low to access the Anthropic API.');
    const decision = decideVerdict([...green, check('generation', 'fail', { failure: credit }), check('resilience', 'warn')]);
    const generation = decision.checks.find((c) => c.id === 'generation');
    const advice = lookupAdvice('billing', 'credit_balance');
    expect(generation).toMatchObject({ cause: advice.cause, fixSteps: [...advice.fixSteps], fix: expect.stringMatching(/Billing/) });
    expect(decision.checks.find((c) => c.id === 'resilience')?.fix).toBeTruthy();
    expect(decision.checks.filter((c) => c.status === 'ok').every((c) => c.fix === undefined)).toBe(true);
  });

  it('a spend cap and an organisation on hold find their own knowledge base entries', () => {
    // As the adapter classifies them (test/claude/to-api-failure.test.ts): one category and kind, read by everyone.
    const cap = failure('billing', 429, 'limit', { kind: 'spend_cap', errorCode: 'enforced_spend_limit_reached' });
    const hold = failure('permission', 400, 'on hold', { kind: 'org_disabled', errorCode: 'organization_on_hold' });
    const decision = decideVerdict([...green, check('generation', 'fail', { failure: cap }), check('auth', 'fail', { failure: hold })]);
    expect(decision.checks.find((c) => c.id === 'generation')?.cause).toBe(lookupAdvice('billing', 'spend_cap').cause);
    const auth = decision.checks.find((c) => c.id === 'auth' && c.failure);
    // The one-line fix and the cause come from the same entry: no billing fix beside a "disabled organisation" cause.
    expect(auth?.cause).toBe(lookupAdvice('permission', 'org_disabled').cause);
    expect(auth?.fix).toBe(lookupAdvice('permission', 'org_disabled').fixSteps[0]);
  });
});
