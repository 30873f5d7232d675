import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createHarness } from './monitor-harness.js';
import { createManualClock } from '../fakes/manual-clock.js';
import { createRecordingSink } from './recording-sink.js';
import { fail, failure, ok, report } from './report-fixture.js';

const down = report([ok('auth'), fail('generation', failure('server_error', 500))]);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** One database file, clock and sink across restarts: each `boot()` is a new process on the same file. */
function restarts() {
  const dir = mkdtempSync(join(tmpdir(), 'monitor-'));
  dirs.push(dir);
  const path = join(dir, 'claude-status.db');
  const clock = createManualClock();
  const rec = createRecordingSink();
  return { rec, boot: () => createHarness({ store: openSqliteStore({ path }), clock, rec }) };
}

describe('monitor across a restart', () => {
  it('repeats nothing mid-incident and resolves in the original thread', async () => {
    const { rec, boot } = restarts();
    const before = boot();
    before.set(down);
    await before.runRounds(4);
    await before.monitor.stop();
    await before.store.close();

    const after = boot();
    expect((await after.monitor.openIncidents()).map((i) => i.key)).toEqual(['api']);
    after.set(down);
    await after.runRounds(3);
    expect(rec.methods()).toEqual(['postRoot']);
    after.set(report());
    await after.runRounds(2);
    expect(rec.methods()).toEqual(['postRoot', 'reply:resolved', 'updateRoot']);
    expect(rec.calls[1]!.ref).toEqual(rec.calls[0]!.ref);
    const resolved = rec.calls[1]!;
    expect(resolved.method === 'reply' && resolved.note.durationMs).toBe(8 * 60_000);
    await after.store.close();
  });

  it('delivers after a restart an alert that Slack refused before it, once', async () => {
    const { rec, boot } = restarts();
    const before = boot();
    before.set(down);
    await before.runRounds(2);
    rec.failNext({ ok: false, error: 'internal_error' });
    await before.runRounds(1);
    expect(rec.calls).toEqual([]);
    await before.store.close();

    const after = boot();
    after.set(down);
    await after.runRounds(3);
    expect(rec.methods()).toEqual(['postRoot']);
    expect(rec.attempts()).toBe(2);
    await after.store.close();
  });
});
