import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/http/metrics.js';
import type { ResilienceSnapshot } from '../../src/ports/claude-api.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const hasPromtool = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;

/** `promtool check metrics` (Prometheus' own linter) on an exposition: its exit code and what it printed. */
function promtoolCheck(exposition: string): { status: number | null; output: string } {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The `# TYPE` line of a metric family. */
const typeOf = (exposition: string, name: string) => new RegExp(`^# TYPE ${name} (\\w+)$`, 'm').exec(exposition)?.[1];
const sample = (exposition: string, series: string) => {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('metrics from the limiter running totals are counters', () => {
  // The limiter's snapshot as the port reports it; the test moves its totals as a run of 429s and drops would.
  const lane = { queued: 0, running: 0, dropped: 0, effectiveRpm: 50 };
  const snapshot = { limiter: { rateLimited: 0, lanes: { messages: { ...lane }, free: { ...lane } } }, breaker: { state: 'closed' } } as unknown as ResilienceSnapshot;
  const metrics = createMetrics({ resilience: () => snapshot, onResilienceEvent: () => undefined });

  it('exposes the 429s and the dropped calls as counters that follow the totals and never go down', async () => {
    let body = (await metrics.expose()).body;
    expect(typeOf(body, 'claude_status_rate_limited_total')).toBe('counter');
    expect(typeOf(body, 'claude_status_limiter_dropped_calls_total')).toBe('counter');
    expect(sample(body, 'claude_status_rate_limited_total')).toBe(0);
    expect(sample(body, 'claude_status_limiter_dropped_calls_total{lane="messages"}')).toBe(0);

    (snapshot.limiter as { rateLimited: number }).rateLimited = 7;
    (snapshot.limiter.lanes.messages as { dropped: number }).dropped = 3;
    body = (await metrics.expose()).body;
    expect(sample(body, 'claude_status_rate_limited_total')).toBe(7);
    expect(sample(body, 'claude_status_limiter_dropped_calls_total{lane="messages"}')).toBe(3);
    expect(sample(body, 'claude_status_limiter_dropped_calls_total{lane="free"}')).toBe(0);

    // A source total that restarts from zero does not make the counter go down; growth after it is counted on.
    (snapshot.limiter as { rateLimited: number }).rateLimited = 2;
    body = (await metrics.expose()).body;
    expect(sample(body, 'claude_status_rate_limited_total')).toBe(7);
    (snapshot.limiter as { rateLimited: number }).rateLimited = 5;
    body = (await metrics.expose()).body;
    expect(sample(body, 'claude_status_rate_limited_total')).toBe(10);
  });

  it('serves the open-incidents gauge from what the app last set, not from a read per scrape', async () => {
    expect(sample((await metrics.expose()).body, 'claude_status_open_incidents')).toBe(0);
    metrics.setOpenIncidents(2);
    expect(sample((await metrics.expose()).body, 'claude_status_open_incidents')).toBe(2);
  });

  it('names only counters with _total', async () => {
    const body = (await metrics.expose()).body;
    const families = [...body.matchAll(/^# TYPE (\S+) (\w+)$/gm)].map(([, name, type]) => ({ name: name!, type: type! }));
    expect(families.length).toBeGreaterThan(10);
    for (const { name, type } of families) expect(`${name} ${type}`).toMatch(name.endsWith('_total') ? / counter$/ : / (gauge|histogram|summary)$/);
  });
});

describe('METRICS_PORT: /metrics and /readyz away from the public Slack port (real app, HTTP mode, monitor on)', () => {
  let t: TestApp;
  let metricsUrl: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', ALERT_CHANNEL: 'C0ALERTS1', MONITOR_INTERVAL_SECONDS: '3600' } });
    metricsUrl = `http://127.0.0.1:${t.app.metricsPort}`;
  });
  afterAll(async () => t?.stop());

  it('serves /metrics, /readyz and /healthz on the metrics port, and only /healthz and /slack/events on PORT', async () => {
    expect(t.app.metricsPort).toBeGreaterThan(0);
    expect(t.app.metricsPort).not.toBe(t.app.port);
    expect((await fetch(`${metricsUrl}/metrics`)).status).toBe(200);
    const ready = await fetch(`${metricsUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { slack: true, store: true } });
    expect((await fetch(`${metricsUrl}/healthz`)).status).toBe(200);

    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(404);
    const { response } = await t.command('');
    expect(response.status).toBe(200);
  });

  it('answers /metrics from memory: a scrape still answers with the store closed under it', async () => {
    await t.app.monitoring!.store.close();
    const scrape = await fetch(`${metricsUrl}/metrics`);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toMatch(/^claude_status_open_incidents 0$/m);
    // Readiness does read the store, and says it is gone.
    expect((await fetch(`${metricsUrl}/readyz`)).status).toBe(503);
  });
});

describe.skipIf(!hasPromtool)('promtool check metrics on a live scrape (real app after a /claude-status round)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.stop());

  it('passes with no finding', async () => {
    const { responseUrl } = await t.command('');
    await t.slack.waitForResponse((r) => r.url === responseUrl);
    const body = await (await fetch(`${t.url}/metrics`)).text();
    expect(body).toMatch(/claude_status_probe_results_total\{check="auth",status="ok"\} [1-9]/);
    expect(promtoolCheck(body)).toEqual({ status: 0, output: '' });
  });

  it('would catch the gauge named like a counter that it once had', () => {
    const bad = '# HELP claude_status_rate_limited_total 429s\n# TYPE claude_status_rate_limited_total gauge\nclaude_status_rate_limited_total 0\n';
    expect(promtoolCheck(bad).status).not.toBe(0);
  });
});
