import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** How long a test waits for the build another worker started (esbuild takes about a second; a loaded machine more). */
const BUILD_WAIT_MS = 120_000;

/**
 * The app as production runs it, built once per test run into the directory test/global-setup.ts made: the first test
 * that needs it, in whichever worker, takes the lock (an atomic mkdir) and runs scripts/build.mjs; the others wait for
 * its done or failed mark. A start then costs the bundle's load instead of compiling every module again.
 */
function builtApp(): string {
  const dir = inject('buildDir');
  const app = join(dir, 'app');
  const done = join(dir, 'build-done');
  const failed = join(dir, 'build-failed');
  if (existsSync(done)) return app;
  let mine = false;
  try {
    mkdirSync(join(dir, 'build-lock'));
    mine = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // else another test is building it
  }
  if (mine) {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--outdir', app], { cwd: ROOT, encoding: 'utf8' });
    writeFileSync(build.status === 0 ? done : failed, `${build.stdout}${build.stderr}`);
  }
  // A synchronous wait (spawnEntry returns the child at once), in steps of 50 ms.
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  for (const end = Date.now() + BUILD_WAIT_MS; !existsSync(done) && !existsSync(failed); Atomics.wait(sleep, 0, 0, 50)) {
    if (Date.now() > end) throw new Error(`the app's build in ${dir} did not finish within ${BUILD_WAIT_MS} ms`);
  }
  if (existsSync(failed)) throw new Error(`the build (scripts/build.mjs) failed:\n${readFileSync(failed, 'utf8')}`);
  return app;
}
const builtEntry = (entry: 'main' | 'cli'): string => join(builtApp(), `${entry}.js`);

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
