import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordedResponse } from '../../fakes/fake-slack.js';
import { startTestApp, type TestApp } from '../../support/start-test-app.js';

/**
 * How `/claude-status` reaches the asker through `response_url` (the real app, signed requests, the fakes), as found by
 * a user run: a failed post is retried instead of losing the report, a delivery failure is not called a checks failure,
 * and a slow report is announced after a short while, then replaces that note in place.
 */
describe('/claude-status delivery through response_url', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Manual time: the interim note's delay and the retry back-offs are stepped, not waited for.
    t = await startTestApp({ manualTime: true });
  });
  afterAll(async () => t?.stop());
  afterEach(() => {
    t.claude.clearFaults();
    t.slack.reset();
  });

  const postsTo = (url: string): RecordedResponse[] => t.slack.responses.filter((r) => r.url === url);
  /** Waits until the app has armed a timer of `ms` (an interim note, a retry back-off) on the manual clock. */
  const armed = (ms: number) => vi.waitFor(() => expect(t.time!.pending().map((p) => p.ms)).toContain(ms), { timeout: 10_000, interval: 5 });

  it('retries a report whose response_url post failed once (500), and delivers it', async () => {
    t.slack.failNext('response_url', 1, { status: 500 });
    const { responseUrl } = await t.command('refresh');
    await t.slack.waitForResponse((r) => r.url === responseUrl && r.status === 500, 10_000);
    await armed(1_000);
    await t.time!.advance(1_000);
    const report = await t.slack.waitForResponse((r) => r.url === responseUrl && r.status === 200, 10_000);
    expect(String(report.body.text)).toMatch(/operational/i);
    expect(postsTo(responseUrl).map((r) => r.status)).toEqual([500, 200]);
    expect(t.logs.filter((l) => l.msg === '/claude-status failed')).toEqual([]);
  });

  it('when every post fails, logs a delivery failure (not a checks failure) and sends no untrue fallback', async () => {
    t.slack.failNext('response_url', 3, { status: 503 });
    const { responseUrl } = await t.command('refresh', { user_id: 'U0UNLUCKY' });
    await t.slack.waitForResponse((r) => r.url === responseUrl, 10_000);
    await armed(1_000);
    await t.time!.advance(1_000);
    await vi.waitFor(() => expect(postsTo(responseUrl)).toHaveLength(2), { timeout: 10_000 });
    await armed(3_000);
    await t.time!.advance(3_000);
    const logged = await vi.waitFor(() => {
      const line = t.logs.find((l) => l.user === 'U0UNLUCKY' && l.level === 50);
      expect(line).toBeDefined();
      return line!;
    }, { timeout: 10_000 });
    expect(logged.msg).toMatch(/could not be delivered/);
    expect(logged.msg).not.toMatch(/checks failed|status checks/);
    expect(logged).toMatchObject({ attempts: 3, status: 503 });
    expect(logged.verdict).toBeDefined();
    expect(t.logs.filter((l) => l.msg === '/claude-status failed')).toEqual([]);
    // Three posts (all refused), none of them saying the checks failed; nothing is left armed to post later.
    expect(postsTo(responseUrl).map((r) => r.status)).toEqual([503, 503, 503]);
    expect(JSON.stringify(postsTo(responseUrl))).not.toMatch(/failed unexpectedly/);
    expect(t.time!.pending()).toEqual([]);
  });

  it('retries an explanation whose first response_url post failed (500), and delivers it', async () => {
    t.slack.failNext('response_url', 1, { status: 500 });
    const { responseUrl } = await t.command('explain Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', { user_id: 'U0EXPLAIN' });
    await t.slack.waitForResponse((r) => r.url === responseUrl && r.status === 500, 10_000);
    await armed(1_000);
    await t.time!.advance(1_000);
    const answer = await t.slack.waitForResponse((r) => r.url === responseUrl && r.status === 200, 10_000);
    expect(JSON.stringify(answer.body)).toMatch(/overloaded/i);
    // Then the answer with Claude's addition replaces it (waited for, so no post of this test lands in the next one).
    await t.slack.waitForResponse((r) => r.url === responseUrl && r.status === 200 && r.body.replace_original === true, 10_000);
    expect(JSON.stringify(postsTo(responseUrl))).not.toMatch(/could not explain/);
  });

  it('does not retry a response_url Slack no longer accepts (404 expired_url)', async () => {
    t.slack.failNext('response_url', 1, { status: 404 });
    const { responseUrl } = await t.command('refresh', { user_id: 'U0EXPIRED' });
    await vi.waitFor(() => expect(t.logs.find((l) => l.user === 'U0EXPIRED' && l.level === 50)).toBeDefined(), { timeout: 10_000 });
    expect(t.time!.pending()).toEqual([]);
    expect(postsTo(responseUrl).map((r) => r.status)).toEqual([404]);
  });

  it('fast path: a quick report is the only post, with no interim note and nothing left to fire', async () => {
    const { responseUrl } = await t.command('refresh');
    const report = await t.slack.waitForResponse((r) => r.url === responseUrl, 10_000);
    expect(report.body.replace_original).toBeUndefined();
    expect(t.time!.pending()).toEqual([]);
    await t.time!.advance(10_000);
    expect(postsTo(responseUrl)).toHaveLength(1);
  });

  it('a slow report: an interim note after 2.5 s, then the report replaces it in place', async () => {
    // The models list answers 2 s late (real time, the API's latency): the report is not ready when the note is due.
    t.claude.setFaults([{ fault: { kind: 'slow', delayMs: 2_000 }, endpoint: 'models', times: 1 }]);
    const { responseUrl } = await t.command('refresh');
    await armed(2_500);
    expect(postsTo(responseUrl)).toEqual([]);
    await t.time!.advance(2_500);
    const interim = await t.slack.waitForResponse((r) => r.url === responseUrl, 10_000);
    expect(interim.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(interim.body.text)).toMatch(/Checking/);
    expect(String(interim.body.text)).toMatch(/slow to answer/);
    const report = await t.slack.waitForResponse((r) => r.url === responseUrl && r !== interim, 15_000);
    expect(report.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(String(report.body.text)).toMatch(/operational/i);
    expect(postsTo(responseUrl)).toHaveLength(2);
  });

  it('a slow public report: the note is posted in the channel and replaced there by the report', async () => {
    t.claude.setFaults([{ fault: { kind: 'slow', delayMs: 2_000 }, endpoint: 'models', times: 1 }]);
    const { responseUrl } = await t.command('public refresh');
    await armed(2_500);
    await t.time!.advance(2_500);
    const interim = await t.slack.waitForResponse((r) => r.url === responseUrl, 10_000);
    expect(interim.body.response_type).toBe('in_channel');
    const report = await t.slack.waitForResponse((r) => r.url === responseUrl && r !== interim, 15_000);
    expect(report.body).toMatchObject({ response_type: 'in_channel', replace_original: true });
  });
});
