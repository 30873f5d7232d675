import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createManualTime } from '../fakes/manual-clock.js';
import { createHarness } from './monitor-harness.js';
import { fail, failure, ok, report } from './report-fixture.js';

const down = report([ok('auth'), fail('generation', failure('overloaded', 529))]);
const healthy = report();

describe('createMonitor', () => {
  it('posts nothing while healthy, and records the probe history', async () => {
    const h = createHarness();
    await h.runRounds(5);
    expect(h.rec.calls).toEqual([]);
    expect(await h.store.probeHistory(0, 'generation')).toHaveLength(5);
  });

  it('posts exactly one alert after the threshold, with the API error, the cause and the fix', async () => {
    const h = createHarness();
    h.set(down);
    await h.runRounds(6);
    expect(h.rec.methods()).toEqual(['postRoot']);
    const call = h.rec.calls[0]!;
    expect(call.method === 'postRoot' && call.root).toMatchObject({
      status: 'open', severity: 'critical',
      title: 'API overloaded (529) on Messages',
      incidents: [{ key: 'api', failureClass: 'api', probes: ['Messages'], cause: 'cause of overloaded', fix: 'fix for overloaded',
        acknowledgedByAnthropic: false, lastFailure: { status: 529, requestId: 'req_011CTest' } }],
    });
    expect((await h.monitor.openIncidents()).map((i) => i.key)).toEqual(['api']);
  });

  it('says "round committed" only once the round is stored, even by a store whose writes take their time (Redis)', async () => {
    const base = openSqliteStore({ path: ':memory:' });
    const slowCommit = { ...base, commit: async (...args: Parameters<typeof base.commit>) => { await new Promise((r) => setTimeout(r, 20)); await base.commit(...args); } };
    const h = createHarness({ store: slowCommit });
    const seen: { decisions: number; storedProbes: number; open: number }[] = [];
    const stop = h.monitor.onRoundCommitted(({ decisions }) => {
      // What a dashboard reading the store at this moment would show.
      void Promise.all([base.probeHistory(0, 'generation'), base.openIncidents()]).then(([probes, open]) => seen.push({ decisions: decisions.length, storedProbes: probes.length, open: open.length }));
    });
    h.set(down);
    await h.runRounds(3);
    stop();
    await h.runRounds(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([
      { decisions: 0, storedProbes: 1, open: 0 },
      { decisions: 0, storedProbes: 2, open: 0 },
      { decisions: 1, storedProbes: 3, open: 1 },
    ]);
  });

  it('reads no alert from the store in a round that decides nothing', async () => {
    const base = openSqliteStore({ path: ':memory:' });
    let reads = 0;
    const h = createHarness({ store: { ...base, incidentsOfAlert: (id) => ((reads += 1), base.incidentsOfAlert(id)) } });
    h.set(down);
    await h.runRounds(3);
    const opened = reads;
    await h.runRounds(5);
    expect(reads).toBe(opened);
  });

  it('stays silent when failures flap inside the thresholds', async () => {
    const h = createHarness();
    for (const r of [down, healthy, healthy, down, healthy, healthy, down, healthy]) {
      h.set(r);
      await h.runRounds(1);
    }
    expect(h.rec.calls).toEqual([]);
  });

  it('on recovery replies in the thread with the duration and updates the root to resolved', async () => {
    const h = createHarness();
    h.set(down);
    await h.runRounds(3);
    h.set(healthy);
    await h.runRounds(2);
    expect(h.rec.methods()).toEqual(['postRoot', 'reply:resolved', 'updateRoot']);
    const [root, resolved, update] = h.rec.calls;
    expect(resolved!.ref).toEqual(root!.ref);
    expect(resolved!.method === 'reply' && resolved!.note.text).toBe('Resolved after 4 min: API overloaded (529) on Messages');
    expect(update!.method === 'updateRoot' && update!.root.status).toBe('resolved');
    expect(await h.monitor.openIncidents()).toEqual([]);
  });

  it('groups incidents opening together into one alert', async () => {
    const h = createHarness();
    const models = ['m1', 'm2', 'm3'];
    h.set(report(models.map((m) => fail('model', failure('not_found', 404), m))));
    await h.runRounds(1);
    expect(h.rec.methods()).toEqual(['postRoot']);
    const call = h.rec.calls[0]!;
    expect(call.method === 'postRoot' && call.root.incidents.map((i) => i.key)).toEqual(['model:m1', 'model:m2', 'model:m3']);
  });

  it('acknowledge and snooze are recorded and told in the thread; reminders stay quiet; recovery clears the snooze', async () => {
    const h = createHarness({ policy: { reminderMs: 5 * 60_000 } });
    h.set(down);
    await h.runRounds(3);
    expect(await h.monitor.acknowledge('nope', 'U1')).toBeUndefined();
    expect((await h.monitor.acknowledge('api', 'U1'))?.acknowledgedBy).toBe('U1');
    expect((await h.monitor.acknowledge('api', 'U1'))?.acknowledgedBy).toBe('U1');
    const until = h.clock.now() + 3_600_000;
    expect((await h.monitor.snooze('api', 'U2', until))?.mutedUntilMs).toBe(until);
    await h.runRounds(10);
    expect(h.rec.methods()).toEqual(['postRoot', 'reply:acknowledged', 'updateRoot', 'reply:snoozed', 'updateRoot']);
    const snoozed = h.rec.calls[3]!;
    expect(snoozed.method === 'reply' && snoozed.note).toMatchObject({ userId: 'U2', until: new Date(until).toISOString() });
    h.set(healthy);
    await h.runRounds(2);
    expect((await h.store.incident('api'))?.mutedUntilMs).toBeUndefined();
  });

  it('reminds in the thread while failing and nobody acknowledged', async () => {
    const h = createHarness({ policy: { reminderMs: 5 * 60_000 } });
    h.set(down);
    await h.runRounds(9);
    expect(h.rec.methods()).toEqual(['postRoot', 'reply:still_failing']);
  });

  it('re-check runs one round even when pressed many times at once', async () => {
    const h = createHarness();
    const outcomes = await Promise.all([h.monitor.runOnce(), h.monitor.runOnce(), h.monitor.runOnce()]);
    expect(h.rounds()).toBe(1);
    expect(outcomes[0]!.report.verdict).toBe('operational');
  });
});

describe('createMonitor extras', () => {
  it('tells open incidents when Anthropic acknowledges, in the same thread, and updates their root', async () => {
    const h = createHarness();
    h.set(down);
    await h.runRounds(3);
    h.set({ ...down, statusPage: { reachable: true, source: 't', indicator: 'major', description: 'x',
      incidents: [{ name: 'Elevated errors', status: 'investigating', impact: 'major', affectsApi: true, url: 'https://stspg.io/x' }] } });
    await h.runRounds(1);
    expect(h.rec.methods()).toEqual(['postRoot', 'reply:anthropic_acknowledged', 'updateRoot']);
    const note = h.rec.calls[1]!;
    expect(note.method === 'reply' && note.note.text).toBe('Acknowledged by Anthropic: Elevated errors (investigating) https://stspg.io/x');
    const update = h.rec.calls[2]!;
    expect(update.method === 'updateRoot' && update.root.incidents.map((i) => [i.key, i.acknowledgedByAnthropic, i.cause !== undefined]))
      .toEqual([['api', true, true]]);
    expect(update.method === 'updateRoot' && update.root.anthropic).toMatchObject({ name: 'Elevated errors', url: 'https://stspg.io/x' });
  });

  it('tells everything that changed in one round in ONE reply, and joins a new problem to the open alert', async () => {
    const h = createHarness();
    h.set(down);
    await h.runRounds(3);
    // Same round: Anthropic acknowledges, the key check starts failing too, and a model is gone (a different problem).
    h.set(report([fail('auth', failure('overloaded', 529)), fail('model', failure('not_found', 404), 'claude-2'), fail('generation', failure('overloaded', 529))], {
      statusPage: { reachable: true, source: 't', indicator: 'major', description: 'x',
        incidents: [{ name: 'Elevated errors', status: 'investigating', impact: 'major', affectsApi: true, url: 'https://stspg.io/x' }] },
    }));
    await h.runRounds(1);
    expect(h.rec.methods()).toEqual(['postRoot', 'reply:anthropic_acknowledged', 'updateRoot']);
    const note = h.rec.calls[1]!;
    expect(note.method === 'reply' && note.note.text.split('\n')).toEqual([
      'Also: model claude-2 failed',
      'More probes failing: API overloaded (529) on key check and Messages',
      'Acknowledged by Anthropic: Elevated errors (investigating) https://stspg.io/x',
    ]);
    const update = h.rec.calls[2]!;
    expect(update.method === 'updateRoot' && update.root.incidents.map((i) => i.key)).toEqual(['api', 'model:claude-2']);
    expect(update.method === 'updateRoot' && update.root.title).toBe('API overloaded (529) on key check and Messages (+1 more problem)');
  });

  it("shows the bot's breaker as evidence on the open alert (root only); alone it is no alert", async () => {
    const h = createHarness();
    const breakerOpen = { ...down.resilience, breaker: { ...down.resilience.breaker, state: 'open' as const } };
    h.set(down);
    await h.runRounds(3);
    h.set({ ...down, resilience: breakerOpen });
    await h.runRounds(1);
    expect(h.rec.methods()).toEqual(['postRoot', 'updateRoot']);
    const update = h.rec.calls[1]!;
    expect(update.method === 'updateRoot' && update.root.breakerOpen).toBe(true);
    const alone = createHarness();
    alone.set({ ...healthy, resilience: breakerOpen });
    await alone.runRounds(3);
    expect(alone.rec.methods()).toEqual([]);
  });

  it('skips scheduled rounds while paused, and reports history figures', async () => {
    const time = createManualTime();
    const h = createHarness({ clock: time.clock, timers: time.timers, jitter: 0 });
    await h.monitor.pause();
    expect(await h.monitor.isPaused()).toBe(true);
    h.monitor.start();
    await time.fireNext();
    expect(h.rounds()).toBe(0);
    await h.monitor.resume();
    await time.fireNext();
    await h.monitor.stop();
    expect(h.rounds()).toBe(1);
    const [day] = await h.monitor.history();
    expect(day).toMatchObject({ label: '24h', rounds: 1, upRounds: 1, uptimePercent: 100 });
  });

  it("prefers the check's own cause and fix over the explainer's, without asking it", async () => {
    let explained = 0;
    const h = createHarness({ explain: () => ((explained += 1), { cause: 'other', fix: 'other' }) });
    h.set(report([{ ...fail('model', failure('not_found', 404), 'claude-2'), cause: 'retired', fix: 'move to a current model' }]));
    await h.runRounds(1);
    expect(explained).toBe(0);
    const call = h.rec.calls[0]!;
    expect(call.method === 'postRoot' && call.root.incidents[0]).toMatchObject({ cause: 'retired', fix: 'move to a current model' });
  });

  it('acknowledging every incident of a grouped alert at once updates the root each time', async () => {
    const h = createHarness();
    h.set(report(['m1', 'm2', 'm3'].map((m) => fail('model', failure('not_found', 404), m))));
    await h.runRounds(1);
    for (const key of ['model:m1', 'model:m2', 'model:m3']) await h.monitor.acknowledge(key, 'U1');
    const updates = h.rec.calls.filter((c) => c.method === 'updateRoot');
    expect(updates).toHaveLength(3);
    const last = updates[2]!;
    expect(last.method === 'updateRoot' && last.root.incidents.map((i) => i.acknowledgedBy)).toEqual(['U1', 'U1', 'U1']);
  });

  it('reports its health: last round, last error, open incidents, deliveries waiting', async () => {
    const h = createHarness();
    expect(await h.monitor.health()).toMatchObject({ paused: false, openIncidents: 0, pendingDeliveries: 0 });
    h.set(down);
    h.rec.failNext({ ok: false, error: 'internal_error' });
    await h.runRounds(3);
    expect(await h.monitor.health()).toMatchObject({ lastRoundAt: new Date(h.clock.now() - 60_000).toISOString(), openIncidents: 1, pendingDeliveries: 1 });
    const broken = createHarness({ runRound: async () => { throw new Error('runner crashed'); } });
    await expect(broken.monitor.runOnce()).rejects.toThrow('runner crashed');
    expect((await broken.monitor.health()).lastError).toBe('runner crashed');
  });
});
