import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface EntryResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the app's entry points (`src/main.ts`, `src/cli.ts`) as a user would, in a child process with exactly
 * the given environment, from an empty working directory (so no developer's `.env` leaks in).
 */
export function runEntry(
  entry: 'main' | 'cli',
  options: { env?: Record<string, string>; args?: string[]; stdin?: string; timeoutMs?: number } = {},
): Promise<EntryResult> {
  const cwd = mkdtempSync(join(tmpdir(), 'claude-status-'));
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, `src/${entry}.ts`), ...(options.args ?? [])], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
  return new Promise((done) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
