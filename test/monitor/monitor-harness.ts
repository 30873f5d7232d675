import type { StatusReport } from '../../src/checks/check-result.js';
import { createMonitor, type MonitorDeps } from '../../src/monitor/create-monitor.js';
import type { Store } from '../../src/monitor/store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createManualClock, type ManualClock } from '../fakes/manual-clock.js';
import { createRecordingSink } from './recording-sink.js';
import { report } from './report-fixture.js';

/** A monitor on an in-memory (or given) store, a recording sink and a manual clock; rounds one minute apart. */
export function createHarness(options: { store?: Store; clock?: ManualClock; rec?: ReturnType<typeof createRecordingSink> } & Partial<MonitorDeps> = {}) {
  const clock = options.clock ?? createManualClock();
  const rec = options.rec ?? createRecordingSink();
  const store = options.store ?? openSqliteStore({ path: ':memory:' });
  let current: StatusReport = report();
  let rounds = 0;
  const monitor = createMonitor({
    runRound: async () => { rounds += 1; return current; },
    sink: rec.sink, store, clock, logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    intervalSeconds: 60, failureThreshold: 3, recoveryThreshold: 2,
    explain: (f) => ({ cause: `cause of ${f.category}`, fix: `fix for ${f.category}` }),
    outbox: { paceMs: 0 },
    ...options,
  });
  return {
    monitor, clock, rec, store,
    rounds: () => rounds,
    set: (r: StatusReport) => void (current = r),
    /** Runs n rounds with the current report, a minute apart. */
    async runRounds(n: number) {
      for (let i = 0; i < n; i += 1) {
        await monitor.runOnce();
        clock.advance(60_000);
      }
    },
  };
}
