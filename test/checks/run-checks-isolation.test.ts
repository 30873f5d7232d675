import { describe, expect, it } from 'vitest';
import { createInMemoryClaudeApi, failure } from '../fakes/in-memory-claude-api.js';
import { runWith } from './support/run-with.js';
import { createHarness } from '../monitor/monitor-harness.js';

type Entry = { obj: Record<string, unknown>; msg: string };
const collecting = () => {
  const entries: Entry[] = [];
  return { entries, logger: { error: (obj: object, msg: string) => void entries.push({ obj: obj as Record<string, unknown>, msg }) } };
};

describe('runChecks: one check that throws is its own result, never a failed round', () => {
  it('a throwing auth probe becomes its own internal-error result (neutral: skip), logged; the other checks still run and report', async () => {
    const claude = createInMemoryClaudeApi();
    claude.listModels = () => { throw new TypeError("Cannot read properties of undefined (reading 'data')"); };
    const { entries, logger } = collecting();
    const report = await runWith(claude, { logger });
    const auth = report.checks.find((c) => c.id === 'auth');
    expect(auth).toMatchObject({ status: 'skip', summary: expect.stringMatching(/^Internal error in the auth check/), detail: [expect.stringContaining("reading 'data'")] });
    expect(report.checks.find((c) => c.id === 'generation')?.status).toBe('ok');
    expect(report.checks.filter((c) => c.id === 'model').every((m) => m.status === 'ok')).toBe(true);
    expect(entries).toEqual([{ obj: expect.objectContaining({ check: 'auth', err: expect.any(TypeError) }), msg: expect.stringMatching(/internal error/) }]);
  });

  it('a status page reader that throws synchronously, and a check that throws on its data, leave the API outage visible', async () => {
    const claude = createInMemoryClaudeApi();
    const overloaded = failure('overloaded', 529, 'Overloaded', { type: 'overloaded_error' });
    claude.failures = { models: overloaded, count_tokens: overloaded, messages: overloaded };
    // A summary whose component status is not a string, as if it had slipped past the reader: the check throws on it.
    const broken = { reachable: true, source: 'x', indicator: 'none', description: '', apiComponent: { name: 'API', status: 7 }, incidents: [] } as never;
    const { entries, logger } = collecting();
    const report = await runWith(claude, { logger, statusPage: async () => broken });
    expect(report.checks.find((c) => c.id === 'status_page')).toMatchObject({ status: 'skip', summary: expect.stringMatching(/Internal error in the status page check/) });
    expect(report.checks.find((c) => c.id === 'generation')?.failure?.status).toBe(529);
    expect(report.verdict).not.toBe('operational');
    expect(entries.map((e) => e.obj.check)).toEqual(['status_page']);

    const thrown = await runWith(claude, { statusPage: () => { throw new Error('reader bug'); } });
    expect(thrown.statusPage).toEqual({ reachable: false, tried: [], error: 'reader bug' });
    expect(thrown.checks.find((c) => c.id === 'generation')?.failure?.status).toBe(529);
  });

  it('a model probe that throws marks every model as an internal error, not the round', async () => {
    const claude = createInMemoryClaudeApi();
    claude.countTokens = () => Promise.reject(new RangeError('bug'));
    const report = await runWith(claude);
    const models = report.checks.filter((c) => c.id === 'model');
    expect(models.length).toBeGreaterThan(0);
    expect(models.every((m) => m.status === 'skip' && /Internal error in the model check/.test(m.summary))).toBe(true);
  });

  it('checks that keep throwing open no alert: our bug is not an outage (the monitor reads them as neutral)', async () => {
    const claude = createInMemoryClaudeApi();
    claude.countTokens = () => Promise.reject(new RangeError('bug'));
    claude.listModels = () => Promise.reject(new RangeError('bug'));
    const h = createHarness({ runRound: () => runWith(claude, { generation: false }) });
    await h.runRounds(4);
    expect(h.rec.calls).toEqual([]);
    expect(await h.monitor.openIncidents()).toEqual([]);
  });
});
