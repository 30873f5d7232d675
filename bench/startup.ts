/**
 * bench/startup: how long `node dist/main.js` takes from spawn to `/readyz` answering 200 (HTTP mode, monitor on,
 * SQLite store in a fresh DATA_DIR, against the local fakes of Slack, the Claude API and the status page), and from
 * SIGTERM to exit. It builds `dist/` first (`npm run build`: scripts/build.mjs) and reports that apart: a production
 * start never compiles. Baselines: `node -e ''` (Node's own start) and a bare node:http server
 * answering its first request. Target (issue 14): ready < 1.5 s on a 2-core machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeClaudeApi, TEST_API_KEY } from '../test/fakes/fake-claude-api.js';
import { startFakeSlack } from '../test/fakes/fake-slack.js';
import { startFakeStatusPage } from '../test/fakes/fake-status-page.js';
import { ms, percentile } from './support/stats.js';
import { freePort } from '../test/support/free-port.js';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 10;
const TARGET_MS = 1500;
const BOT_TOKEN = 'xoxb-111-222-benchtoken';

/**
 * CPU time (user + system) a process has used so far, from /proc (Linux; clock ticks of 10 ms): unlike wall time it
 * does not grow with the load other processes put on the machine.
 */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** 1-minute load average, to read the wall times against. */
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

/** Spawns `args`, polls `url` every 5 ms until it answers 200; resolves with the time from spawn, then SIGTERMs it. */
async function timeToReady(args: string[], env: Record<string, string>, url: string): Promise<{ readyMs: number; cpuMs: number; exitMs: number; code: number | null }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the process exited before it was ready: ${stderr.slice(-1000)}`);
    const ok = await fetch(url).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (performance.now() - started > 30_000) throw new Error('not ready within 30 s');
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = performance.now() - started;
  const readyCpuMs = cpuMs(child.pid!);
  const stopping = performance.now();
  child.kill('SIGTERM');
  const code = await exited;
  return { readyMs, cpuMs: readyCpuMs, exitMs: performance.now() - stopping, code };
}

const BARE_SERVER = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

export async function benchStartup(): Promise<void> {
  const building = performance.now();
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  process.stdout.write(`build (npm run build: esbuild bundle, once per release, never at start): ${ms(performance.now() - building)}\n`);

  const roomy = { rpm: 100_000, burst: 100_000 };
  const claude = await startFakeClaudeApi({ limits: roomy, freeLimits: roomy });
  const slack = await startFakeSlack({ botToken: BOT_TOKEN });
  const page = await startFakeStatusPage();
  const nodeStart: number[] = [];
  const bare: number[] = [];
  const ready: number[] = [];
  const readyCpu: number[] = [];
  const loads: string[] = [];
  const exit: number[] = [];
  try {
    for (let i = 0; i < RUNS; i += 1) {
      const t = performance.now();
      spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
      nodeStart.push(performance.now() - t);

      const barePort = await freePort();
      bare.push((await timeToReady(['-e', BARE_SERVER], { PORT: String(barePort) }, `http://127.0.0.1:${barePort}/`)).readyMs);

      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), 'claude-status-startup-'));
      try {
        const run = await timeToReady([join(ROOT, 'dist/main.js')], {
          NODE_ENV: 'production', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir,
          SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789', SLACK_API_URL: slack.url,
          ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: claude.url, STATUS_PAGE_URL: page.url, STATUS_PAGE_FALLBACK_URL: page.url,
          ALERT_CHANNEL: 'C0BENCH01', MONITOR_INTERVAL_SECONDS: '60',
        }, `http://127.0.0.1:${port}/readyz`);
        if (run.code !== 0) throw new Error(`SIGTERM exit code ${run.code}`);
        ready.push(run.readyMs);
        readyCpu.push(run.cpuMs);
        loads.push(loadAverage()!);
        exit.push(run.exitMs);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await Promise.all([claude.close(), slack.close(), page.close()]);
  }
  const line = (what: string, xs: number[]) => `${what}: p50 ${ms(percentile(xs, 50))}, max ${ms(Math.max(...xs))}`;
  process.stdout.write(`${RUNS} starts each (Node ${process.version}; 1-minute load average during the runs ${[...new Set([Math.min(...loads.map(Number)), Math.max(...loads.map(Number))])].join('–')} on ${availableParallelism()} cores):\n`);
  process.stdout.write(`  baseline ${line("node -e '' (Node's own start and exit)", nodeStart)}\n`);
  process.stdout.write(`  baseline ${line('bare node:http server to its first 200', bare)}\n`);
  const p50 = percentile(ready, 50);
  process.stdout.write(`  ${line('node dist/main.js to /readyz 200 (monitor on, SQLite)', ready)} — ${(p50 / percentile(bare, 50)).toFixed(1)}× the bare server; target p50 < ${ms(TARGET_MS)}: ${p50 < TARGET_MS ? 'met' : 'MISSED'}${Math.max(...ready) < TARGET_MS ? '' : ' (not every start)'}\n`);
  process.stdout.write(`  ${line('CPU time (user + system) the app used until ready', readyCpu)} — what an idle machine's wall time approaches\n`);
  process.stdout.write(`  ${line('SIGTERM to exit 0', exit)}\n`);
}
