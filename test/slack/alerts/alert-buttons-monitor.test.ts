import { describe, expect, it } from 'vitest';
import { renderThreadNote } from '../../../src/slack/alerts/render-thread-note.js';
import { createHarness } from '../../monitor/monitor-harness.js';
import { fail, failure, ok, report } from '../../monitor/report-fixture.js';

const down = report([ok('auth'), fail('generation', failure('timeout' as never, undefined))]);

/** The monitor behind the buttons: a second acknowledgement and a hand-made resolution, as the store and thread see them. */
describe('alert buttons in the monitor', () => {
  it('keeps the first acknowledgement: a second person changes nothing and is answered with who was first', async () => {
    const h = createHarness();
    h.set(down);
    await h.runRounds(3);
    const [open] = await h.monitor.openIncidents();
    const first = await h.monitor.acknowledge(open!.key, 'U1');
    const second = await h.monitor.acknowledge(open!.key, 'U2');
    expect(first?.acknowledgedBy).toBe('U1');
    expect(second?.acknowledgedBy).toBe('U1');
    await h.runRounds(1);
    expect((await h.monitor.openIncidents())[0]!.acknowledgedBy).toBe('U1');
    expect(h.rec.methods().filter((m) => m === 'reply:acknowledged')).toHaveLength(1);
  });

  it('resolves by hand: the thread says who, the root shows it resolved, nothing is open', async () => {
    const h = createHarness();
    h.set(down);
    await h.runRounds(3);
    const [open] = await h.monitor.openIncidents();
    // The probe stops being seen failing (say the model was taken out of the list): the monitor cannot resolve it.
    h.set(report([ok('auth')]));
    const resolved = await h.monitor.resolve(open!.key, 'U0ONE');
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'U0ONE' });
    await h.runRounds(1);
    expect(await h.monitor.openIncidents()).toEqual([]);
    const note = h.rec.calls.find((c) => c.method === 'reply' && c.note.kind === 'resolved');
    expect(note && note.method === 'reply' && note.note).toMatchObject({ kind: 'resolved', userId: 'U0ONE' });
    expect(note && note.method === 'reply' && renderThreadNote(note.note).text).toMatch(/Resolved by <@U0ONE>: /);
    const update = h.rec.calls.filter((c) => c.method === 'updateRoot').at(-1);
    expect(update && update.method === 'updateRoot' && update.root.status).toBe('resolved');
  });
});
