import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * The app as production runs it: built once per test run by test/global-setup.ts (scripts/build.mjs), so a start costs
 * the bundle's load instead of compiling every module again.
 */
function builtEntry(entry: 'main' | 'cli'): string {
  const built = inject('builtApp');
  if ('error' in built) throw new Error(`the build (scripts/build.mjs, in test/global-setup.ts) failed:\n${built.error}`);
  return join(built.dir, `${entry}.js`);
}

export interface EntryResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the app's entry points (`src/main.ts`, `src/cli.ts`, built) as a user would, in a child process with exactly
 * the given environment, from an empty working directory (so no developer's `.env` leaks in).
 */
export async function runEntry(
  entry: 'main' | 'cli',
  options: { env?: Record<string, string>; args?: string[]; stdin?: string; timeoutMs?: number } = {},
): Promise<EntryResult> {
  const running = spawnEntry(entry, { ...options, timeoutMs: options.timeoutMs ?? 15_000 });
  const { code } = await running.exited;
  return { code, ...running.output() };
}

export interface RunningEntry {
  child: ChildProcessWithoutNullStreams;
  /** Everything written so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the first stdout line that matches (already written or future); rejects after timeoutMs. */
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal that ended it) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Like runEntry, but returns the running child so a test can signal it (SIGTERM, SIGINT) and watch its output.
 * The caller must end it; `kill` is sent SIGKILL after `timeoutMs` (default 30 s) as a safety net.
 */
export function spawnEntry(entry: 'main' | 'cli', options: { env?: Record<string, string>; args?: string[]; stdin?: string; timeoutMs?: number } = {}): RunningEntry {
  const cwd = mkdtempSync(join(tmpdir(), 'claude-status-'));
  const child = spawn(process.execPath, [builtEntry(entry), ...(options.args ?? [])], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const lineWaiters = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of lineWaiters) waiter();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const waiter of lineWaiters) waiter();
      done({ code, signal });
    });
  });
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    waitForLine: (predicate, timeoutMs = 15_000) =>
      new Promise<string>((resolve, reject) => {
        const check = (): void => {
          const line = stdout.split('\n').find(predicate);
          if (line !== undefined) finish(() => resolve(line));
          else if (child.exitCode !== null || child.signalCode !== null) {
            finish(() => reject(new Error(`process exited before the line appeared; stderr: ${stderr.slice(-2000)}`)));
          }
        };
        const finish = (settle: () => void): void => {
          clearTimeout(waitTimer);
          lineWaiters.delete(check);
          settle();
        };
        const waitTimer = setTimeout(() => finish(() => reject(new Error(`no matching line within ${timeoutMs} ms; stdout: ${stdout.slice(-2000)}`))), timeoutMs);
        lineWaiters.add(check);
        check();
      }),
  };
}
