import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { localTime, withLocalTimes } from '../../src/cli/local-time.js';
import { failureLine, renderReportText } from '../../src/cli/render-report-text.js';
import { showProgress } from '../../src/cli/show-progress.js';
import { makeReport } from '../slack/report/report-fixture.js';

const NOW = Date.parse('2026-11-26T17:05:00Z');
const opts = { colour: false, now: NOW, timeZone: 'Europe/Berlin' };

describe('renderReportText', () => {
  it('a healthy report: the verdict sentence once, the key once, local time, models on one line, no internal ids', () => {
    const report = makeReport({ models: ['claude-sonnet-4-5', 'claude-haiku-4-5'] });
    report.checks.splice(3, 0, { id: 'model', subject: 'claude-haiku-4-5', status: 'ok', summary: 'Available', detail: [], latencyMs: 70 });
    const text = renderReportText(report, opts);
    const lines = text.split('\n');
    expect(lines[0]).toBe('● Operational: the key works, the models answer and Anthropic reports no API incident.');
    expect(lines[1]).toBe('  key sk-ant-api03-…AbCd · checked 18:00:00 in 612 ms');
    expect(text).toContain('✔ claude-sonnet-4-5, claude-haiku-4-5 are usable');
    expect(text).not.toMatch(/key_format|rate_limits|status_page|resilience|OPERATIONAL|2026-11-26T/);
    expect(text.match(/sk-ant-api03-/g)).toHaveLength(1);
    expect(lines.length).toBeLessThanOrEqual(10);
  });

  it('puts the one thing to do first on top and prints each fix once', () => {
    const failure = { category: 'overloaded' as const, status: 529, type: 'overloaded_error', message: 'Overloaded', requestId: 'req_1' };
    const fix = 'Retry with exponential backoff and jitter.';
    const report = makeReport({ verdict: 'down', blame: 'anthropic', headline: 'Down — it’s Claude: overloaded.' });
    report.checks = report.checks.map((c) => (c.id === 'auth' || c.id === 'generation' ? { ...c, status: 'fail', summary: `${c.id} failed`, fix, failure: { ...failure, requestId: `req_${c.id}` }, detail: [`API said: 529 overloaded_error: Overloaded`, `request id req_${c.id}`] } : c));
    const text = renderReportText(report, opts);
    expect(text.split('\n')[1]).toBe(`  First: ${fix}`);
    expect(text.split(fix)).toHaveLength(2);
    expect(text).toContain('    API said 529 overloaded_error: Overloaded · request req_auth');
    expect(text).not.toContain('API said: 529'); // the API's words once, not again from the detail lines
  });

  it('shows headroom the API never reported as unknown, not as a success', () => {
    const report = makeReport({ rateLimits: {} });
    report.checks = report.checks.map((c) => (c.id === 'rate_limits' ? { ...c, summary: 'Headroom unknown: the API sent no rate-limit headers' } : c));
    expect(renderReportText(report, opts)).toContain('? Headroom unknown');
  });

  it('words a timeout and a refused connection as ours, naming the configured base URL', () => {
    expect(failureLine({ category: 'timeout', kind: 'client_timeout', message: 'Timed out after 30000ms' }, 'http://10.0.0.5:8080', 10)).toBe('no answer within 10 s from http://10.0.0.5:8080');
    expect(failureLine({ category: 'connection', message: 'Connection error.: connect ECONNREFUSED' }, 'http://10.0.0.5:8080')).toBe('could not connect to http://10.0.0.5:8080: Connection error.: connect ECONNREFUSED');
    const report = makeReport({ verdict: 'down' });
    report.checks[1] = { id: 'auth', status: 'fail', summary: 'Could not check the key', detail: [], fix: 'Check the network path to api.anthropic.com (proxy, firewall, DNS).' };
    expect(renderReportText(report, { ...opts, baseURL: 'http://10.0.0.5:8080' })).toContain('First: Check the network path to 10.0.0.5:8080');
  });
});

describe('local times', () => {
  it('today as a clock time, other days with the date, in the reader’s zone', () => {
    expect(localTime('2026-11-26T16:00:00Z', NOW, 'Europe/Berlin')).toBe('17:00:00');
    expect(localTime('2026-11-20T16:00:00Z', NOW, 'Europe/Berlin')).toBe('Nov 20, 17:00');
    expect(localTime('2025-11-20T16:00:00Z', NOW, 'UTC')).toBe('Nov 20, 2025, 16:00');
    expect(withLocalTimes('full again at 2026-11-26T16:01:00.000Z', NOW, 'UTC')).toBe('full again at 16:01:00');
  });
});

describe('showProgress', () => {
  const sink = (isTTY: boolean) => Object.assign(new (class extends Writable {
    text = '';
    override _write(chunk: Buffer, _e: string, cb: () => void) { this.text += chunk.toString(); cb(); }
  })(), { isTTY });

  it('draws on a terminal and clears its line when done; prints nothing into a pipe', () => {
    const tty = sink(true);
    showProgress(tty, 'checking…').stop();
    expect(tty.text).toContain('checking…');
    expect(tty.text.endsWith('\r\u001b[2K')).toBe(true);
    const pipe = sink(false);
    showProgress(pipe, 'checking…').stop();
    expect(pipe.text).toBe('');
  });
});
