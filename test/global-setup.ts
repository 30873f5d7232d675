import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's build of the app goes, once a test needs it: see test/support/run-entry.ts. */
    buildDir: string;
  }
}

const ROOT = resolve(import.meta.dirname, '..');
/** A build older than this is left over from a run that was killed before its teardown. */
const STALE_BUILD_MS = 3_600_000;

/**
 * One directory per `vitest run` for the app built from src/ by the project's own build (scripts/build.mjs, what
 * `npm start` runs), never dist/ (which may be stale or in use). The first test that starts the app as a process
 * builds it there, once for the whole run (test/support/run-entry.ts); a run that starts no process builds nothing.
 * Removed when the run ends.
 */
export default function setup(project: TestProject): () => void {
  // Under node_modules so that the bundle finds its external packages (better-sqlite3).
  const base = join(ROOT, 'node_modules/.cache/claude-status-test');
  mkdirSync(base, { recursive: true });
  for (const name of readdirSync(base).filter((n) => n.startsWith('build-'))) {
    const old = join(base, name);
    if (Date.now() - statSync(old).mtimeMs > STALE_BUILD_MS) rmSync(old, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(base, 'build-'));
  // Beside the bundle's directory (dir/app), package.json gives it ES module scope and the CLI its version.
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  project.provide('buildDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
