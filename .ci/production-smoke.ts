/**
 * The production install, checked: the Dockerfile's production steps (the README's, word for word) run in a clean
 * directory — a copy of this checkout's files without node_modules or dist — then the installed app is started as the
 * image starts it (`node dist/main.js` in APP_DIR) against local fakes of Slack, the Claude API and the status page:
 * no dev dependency installed, /healthz on PORT, /readyz ready on METRICS_PORT, a signed /claude-status acked and
 * answered at its response_url, a live /metrics scrape that `promtool check metrics` accepts, `npx claude-status`
 * working from the install, and SIGTERM exiting 0.
 *
 *   node --import tsx .ci/production-smoke.ts [--require-promtool] [--keep]
 *
 * Run by .ci/run with the Dockerfile's Node line first on PATH. Exits 1 with the failed check's reason.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startFakeClaudeApi, TEST_API_KEY } from '../test/fakes/fake-claude-api.js';
import { startFakeSlack } from '../test/fakes/fake-slack.js';
import { startFakeStatusPage } from '../test/fakes/fake-status-page.js';
import { postSigned, slashCommandBody } from '../test/fakes/slack-signing.js';
import { dockerfileProductionSteps } from '../test/support/production-steps.js';
import { freePort } from '../test/support/free-port.js';

const ROOT = resolve(import.meta.dirname, '..');
const requirePromtool = process.argv.includes('--require-promtool');
const keep = process.argv.includes('--keep');
const BOT_TOKEN = 'xoxb-111-222-smokeBotToken';
const SIGNING_SECRET = 'smoke-signing-secret-0123456789abcdef';
const DEV_ONLY = ['typescript', 'vitest', 'tsx', 'esbuild', 'eslint'];

const started = performance.now();
const log = (line: string) => process.stdout.write(`[smoke ${((performance.now() - started) / 1000).toFixed(1)} s] ${line}\n`);
function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`FAILED: ${what}`);
  log(`ok: ${what}`);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; ;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`FAILED: ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'claude-status-smoke-'));
const srcDir = join(scratch, 'src');
const appDir = join(scratch, 'app');
const dataDir = join(scratch, 'data');
const roomy = { rpm: 100_000, burst: 100_000 };
const claude = await startFakeClaudeApi({ limits: roomy, freeLimits: roomy });
const slack = await startFakeSlack({ botToken: BOT_TOKEN });
const page = await startFakeStatusPage();
let exitCode = 0;
try {
  log(`node ${process.version}; scratch ${scratch}`);
  // The build context: this checkout's files as git sees them (tracked and new, never the ignored node_modules, dist,
  // data or .env), as `COPY . .` with .dockerignore gives them to the build stage.
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(srcDir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(srcDir, file));
  }
  check(!existsSync(join(srcDir, 'node_modules')) && !existsSync(join(srcDir, 'dist')), `clean build context: ${files.length} files, no node_modules, no dist`);

  const steps = dockerfileProductionSteps(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  check(steps.length >= 3, `the Dockerfile's production steps: ${steps.length}`);
  for (const step of steps) {
    const t = performance.now();
    log(`$ ${step}`);
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', step], { cwd: srcDir, env: { ...process.env, APP_DIR: appDir }, stdio: 'inherit' });
    check(run.status === 0, `step exited 0 in ${((performance.now() - t) / 1000).toFixed(1)} s: ${step}`);
  }

  check(existsSync(join(appDir, 'dist/main.js')) && existsSync(join(appDir, 'dist/cli.js')), 'the install has dist/main.js and dist/cli.js');
  check(!existsSync(join(appDir, 'src')), 'the install has no sources');
  const devInstalled = DEV_ONLY.filter((name) => existsSync(join(appDir, 'node_modules', name)));
  check(devInstalled.length === 0, `no dev dependency installed (looked for ${DEV_ONLY.join(', ')}; found ${devInstalled.join(', ') || 'none'})`);

  const [port, metricsPort] = [await freePort(), await freePort()];
  const env = {
    PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'info',
    HOST: '127.0.0.1', PORT: String(port), METRICS_PORT: String(metricsPort), DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url,
    ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: claude.url, STATUS_PAGE_URL: page.url, STATUS_PAGE_FALLBACK_URL: page.url,
    ALERT_CHANNEL: 'C0SMOKE01', MONITOR_INTERVAL_SECONDS: '60',
  };
  const spawnedAt = performance.now();
  const app = spawn(process.execPath, ['dist/main.js'], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  app.stdout.on('data', (c: Buffer) => (output += c.toString()));
  app.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((done) => app.once('exit', (code) => done(code)));
  try {
    const ready = await until('/readyz answers 200 on METRICS_PORT', async () => {
      if (app.exitCode !== null) throw new Error(`FAILED: the app exited ${app.exitCode} during start-up:\n${output}`);
      const r = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
      return r.status === 200 ? ((await r.json()) as unknown) : undefined;
    });
    check(true, `/readyz ready ${Math.round(performance.now() - spawnedAt)} ms after spawn: ${JSON.stringify(ready)}`);
    check((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200, "/healthz answers 200 on PORT (the image's HEALTHCHECK)");
    check((await fetch(`http://127.0.0.1:${port}/metrics`)).status === 404, '/metrics is not served on the public PORT');

    const responseUrl = slack.responseUrl();
    const ack = await postSigned(`http://127.0.0.1:${port}/slack/events`, slashCommandBody({ text: '', response_url: responseUrl }), SIGNING_SECRET);
    check(ack.status === 200, `a signed /claude-status is acked (${ack.status})`);
    const report = await slack.waitForResponse((r) => r.url === responseUrl);
    check(/operational/i.test(JSON.stringify(report.body)), 'the report reaches response_url and says operational');
    const forged = await postSigned(`http://127.0.0.1:${port}/slack/events`, slashCommandBody({ response_url: slack.responseUrl() }), SIGNING_SECRET, { forgedSignature: `v0=${'0'.repeat(64)}` });
    check(forged.status === 401, 'a forged signature is refused (401)');

    const scrape = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    check(/claude_status_probe_results_total\{check="auth",status="ok"\} [1-9]/.test(scrape), 'the scrape has the probe results of that round');
    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: scrape, encoding: 'utf8' });
    if (promtool.error) {
      if (requirePromtool) throw new Error('FAILED: promtool is not installed (Debian package prometheus)');
      log('promtool not installed: metrics lint SKIPPED');
    } else {
      check(promtool.status === 0, `promtool check metrics on the live scrape: exit ${promtool.status}${promtool.stdout || promtool.stderr ? `\n${promtool.stdout}${promtool.stderr}` : ', no finding'}`);
    }

    const cli = spawnSync('npx', ['--no-install', 'claude-status', 'explain', '--offline'], {
      cwd: appDir, env: { PATH: env.PATH, NO_COLOR: '1' }, encoding: 'utf8',
      input: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    });
    check(cli.status === 0 && /overloaded/i.test(cli.stdout), `npx claude-status explain --offline works from the install (exit ${cli.status})${cli.status === 0 ? '' : `\n${cli.stdout}${cli.stderr}`}`);

    const stopping = performance.now();
    app.kill('SIGTERM');
    const code = await exited;
    check(code === 0, `SIGTERM: exit ${code} after ${Math.round(performance.now() - stopping)} ms`);
    check(!/"level":(50|60)/.test(output), 'no error or fatal log line from start to stop');
    check(!output.includes(TEST_API_KEY) && !output.includes(BOT_TOKEN) && !output.includes(SIGNING_SECRET), 'no secret in the output');
  } finally {
    if (app.exitCode === null) app.kill('SIGKILL');
  }
  log('production smoke test passed');
} catch (err) {
  exitCode = 1;
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  await Promise.all([claude.close(), slack.close(), page.close()]);
  if (keep) log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
