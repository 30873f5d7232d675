import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The app built from src/ for this run: the directory holding main.js and cli.js, or why the build failed (see
     * test/support/run-entry.ts).
     */
    builtApp: { dir: string } | { error: string };
  }
}

const ROOT = resolve(import.meta.dirname, '..');
/** A build older than this is left over from a run that was killed before its teardown. */
const STALE_BUILD_MS = 3_600_000;

/**
 * Builds the app once per `vitest run`, with the project's own build (scripts/build.mjs, what `npm start` runs),
 * into a directory of its own (never dist/, which may be stale or in use), and hands its path to every test file
 * (`inject('builtApp')`). The tests that start the app as a process (test/support/run-entry.ts) run this build;
 * it is removed when the run ends. A failed build fails those tests only, with the build's output, not the tests that
 * never start the app.
 */
export default function setup(project: TestProject): () => void {
  // Under node_modules so that the bundle finds its external packages (better-sqlite3); beside a copy of
  // package.json, which gives it ES module scope and the CLI its version.
  const base = join(ROOT, 'node_modules/.cache/claude-status-test');
  mkdirSync(base, { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(base, 'package.json'));
  for (const name of readdirSync(base).filter((n) => n.startsWith('build-'))) {
    const old = join(base, name);
    if (Date.now() - statSync(old).mtimeMs > STALE_BUILD_MS) rmSync(old, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(base, 'build-'));
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--outdir', dir], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    project.provide('builtApp', { error: `${build.stdout}${build.stderr}` });
    return () => undefined;
  }
  project.provide('builtApp', { dir });
  return () => rmSync(dir, { recursive: true, force: true });
}
