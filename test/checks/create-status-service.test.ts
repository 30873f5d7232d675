import { describe, expect, it } from 'vitest';
import { createStatusService } from '../../src/checks/create-status-service.js';
import { createInMemoryClaudeApi } from '../fakes/in-memory-claude-api.js';
import { GREEN_PAGE } from './support/run-with.js';
import { VALID_KEY } from './support/test-keys.js';
import { createManualClock } from '../fakes/manual-clock.js';

function setup() {
  const claude = createInMemoryClaudeApi();
  const clock = createManualClock(Date.parse('2026-11-26T17:00:00Z'));
  let release: () => void = () => undefined;
  let gate: Promise<void> | undefined;
  // Holds every round's auth probe until released, so askers arrive while a round is in flight.
  const list = claude.listModels.bind(claude);
  claude.listModels = async (options) => {
    if (gate) await gate;
    return list(options);
  };
  let pageReads = 0;
  const service = createStatusService({
    claude,
    apiKey: VALID_KEY,
    models: ['claude-sonnet-5-5'],
    model: 'claude-haiku-4-5',
    statusPage: async () => {
      pageReads += 1;
      return GREEN_PAGE;
    },
    clock,
    freshMs: 15_000,
  });
  const rounds = () => claude.calls.filter((c) => c.call === 'models').length;
  return {
    claude, service, rounds, pageReads: () => pageReads,
    advance: clock.advance,
    hold: () => { gate = new Promise((resolve) => { release = resolve; }); },
    release: () => { gate = undefined; release(); },
  };
}

describe('createStatusService', () => {
  it('forty concurrent askers share one round', async () => {
    const t = setup();
    t.hold();
    const askers = Array.from({ length: 40 }, () => t.service.report());
    expect(t.service.latest()).toBeUndefined();
    t.release();
    const reports = await Promise.all(askers);
    expect(t.rounds()).toBe(1);
    expect(t.pageReads()).toBe(1);
    expect(t.claude.calls.filter((c) => c.call.startsWith('messages'))).toHaveLength(1);
    expect(new Set(reports).size).toBe(1);
    expect(t.service.latest()).toBe(reports[0]);
  });

  it('serves a fresh report from memory, and probes again once it is stale', async () => {
    const t = setup();
    const first = await t.service.report();
    t.advance(14_999);
    expect(await t.service.report()).toBe(first);
    expect(t.rounds()).toBe(1);
    t.advance(1);
    const second = await t.service.report();
    expect(second).not.toBe(first);
    expect(t.rounds()).toBe(2);
  });

  it('force skips the cache but still joins a round already in flight', async () => {
    const t = setup();
    await t.service.report();
    t.hold();
    const forced = t.service.report({ force: true });
    const joined = t.service.report({ force: true });
    t.release();
    expect(await forced).toBe(await joined);
    expect(t.rounds()).toBe(2);
  });

  it('a round that throws reaches its askers and does not stick', async () => {
    const t = setup();
    const resilience = t.claude.resilience;
    t.claude.resilience = () => { throw new Error('snapshot failed'); };
    await expect(Promise.all([t.service.report(), t.service.report()])).rejects.toThrow('snapshot failed');
    expect(t.rounds()).toBe(1);
    t.claude.resilience = resilience;
    await expect(t.service.report()).resolves.toMatchObject({ verdict: 'operational' });
    expect(t.rounds()).toBe(2);
  });
});
