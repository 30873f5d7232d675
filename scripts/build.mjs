/**
 * `npm run build`: bundles the two entry points (src/main.ts, the Slack app; src/cli.ts, the `claude-status`
 * command) with their dependencies into dist/ with esbuild. One bundle loads several times faster than hundreds of
 * files resolved one by one from node_modules (bench/startup), and a production start never compiles anything.
 * Type checking is `npm run typecheck` (tsc), not the build's job. better-sqlite3 stays outside the bundle: it is a
 * native addon, loaded from node_modules at run time.
 */
import { rmSync } from 'node:fs';
import process from 'node:process';
import { build } from 'esbuild';

// CommonJS packages inside an ES module bundle still call require() and read __dirname: give them both.
const banner = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  "import { dirname as __dirnameOf } from 'node:path';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  'const __dirname = __dirnameOf(__filename);',
].join(' ');

// `--outdir DIR` builds elsewhere (the tests that start the app as a process build their own copy from src/).
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? process.argv[at + 1] : 'dist';
if (!outdir) throw new Error('--outdir needs a directory');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts', cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['better-sqlite3'],
  sourcemap: true,
  banner: { js: banner },
  logLevel: 'warning',
});
