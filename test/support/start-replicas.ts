import { spawnEntry, type RunningEntry } from './run-entry.js';

/** One app process (src/main.ts) started by {@link startReplicas}. */
export interface Replica {
  entry: RunningEntry;
  /** http://127.0.0.1:PORT */
  url: string;
  /** The fields of its "claude-status running" log line (port, store, monitor, ...). */
  start: { port: number; store: string; monitor: string };
}

/** Whether the replica's process is still running (not exited, not killed). */
export const isAlive = (r: Replica): boolean => r.entry.child.exitCode === null && r.entry.child.signalCode === null;

/**
 * Starts `count` real app processes (PORT=0 each, so each its own port) and waits for every one to say it is
 * running. `env` is the same for all, or one per index (say, a DATA_DIR each when they share no Redis). They start
 * together: start-up, not the test, dominates the wall time.
 */
export async function startReplicas(
  count: number,
  env: Record<string, string> | ((index: number) => Record<string, string>),
  timeoutMs = 120_000,
): Promise<Replica[]> {
  const envOf = typeof env === 'function' ? env : () => env;
  const entries = Array.from({ length: count }, (_, i) => spawnEntry('main', { env: { ...envOf(i), PORT: '0' }, timeoutMs }));
  try {
    return await Promise.all(entries.map(async (entry) => {
      const start = JSON.parse(await entry.waitForLine((l) => l.includes('"msg":"claude-status running'), 30_000)) as Replica['start'];
      return { entry, url: `http://127.0.0.1:${start.port}`, start };
    }));
  } catch (error) {
    // One failed to start: do not leave the others running behind the failed test.
    for (const entry of entries) entry.child.kill('SIGKILL');
    throw error;
  }
}

/** Kills every replica still running (SIGKILL: the tests that care about a clean exit send SIGTERM themselves). */
export async function stopReplicas(replicas: readonly Replica[]): Promise<void> {
  for (const r of replicas) r.entry.child.kill('SIGKILL');
  await Promise.all(replicas.map((r) => r.entry.exited));
}
