import { afterEach, describe, expect, it } from 'vitest';
import { fetchStatusPage } from '../../src/checks/fetch-status-page.js';
import { incidentSummary, startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';

const pages: FakeStatusPage[] = [];
const start = async (...args: Parameters<typeof startFakeStatusPage>) => {
  const page = await startFakeStatusPage(...args);
  pages.push(page);
  return page;
};
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
});

describe('fetchStatusPage', () => {
  it('reads the indicator and the Claude API component of an all-green page', async () => {
    const page = await start();
    const summary = await fetchStatusPage({ fetch, urls: [page.url] });
    expect(summary).toMatchObject({
      reachable: true,
      source: page.url,
      indicator: 'none',
      apiComponent: { name: 'Claude API (api.anthropic.com)', status: 'operational' },
      incidents: [],
    });
  });

  it('lists unresolved incidents with their links and whether they touch the API', async () => {
    const page = await start(incidentSummary());
    const summary = await fetchStatusPage({ fetch, urls: [`${page.url}/`] });
    if (!summary.reachable) throw new Error('expected reachable');
    expect(summary.indicator).toBe('major');
    expect(summary.apiComponent?.status).toBe('partial_outage');
    expect(summary.incidents).toEqual([
      {
        name: 'Elevated errors on Claude Sonnet 5.5',
        status: 'investigating',
        impact: 'major',
        url: 'https://stspg.io/abc123',
        startedAt: '2026-11-26T16:41:07.000Z',
        affectsApi: true,
      },
    ]);
  });

  it('falls back to the second host when the first answers a 405 challenge', async () => {
    const first = await start();
    const second = await start(incidentSummary());
    first.setDown(true);
    const summary = await fetchStatusPage({ fetch, urls: [first.url, second.url] });
    expect(summary).toMatchObject({ reachable: true, source: second.url, indicator: 'major' });
    expect(first.requests).toEqual(['/api/v2/summary.json']);
  });

  it('falls back when the first host refuses the connection', async () => {
    const gone = await startFakeStatusPage();
    await gone.close();
    const second = await start();
    const summary = await fetchStatusPage({ fetch, urls: [gone.url, second.url] });
    expect(summary).toMatchObject({ reachable: true, source: second.url });
  });

  it('says unreachable (never throws) when every host fails, naming each', async () => {
    const a = await start();
    const b = await start({ not: 'a summary' });
    a.setDown(true);
    const summary = await fetchStatusPage({ fetch, urls: [a.url, b.url] });
    expect(summary).toMatchObject({ reachable: false, tried: [a.url, b.url] });
    if (summary.reachable) throw new Error('expected unreachable');
    expect(summary.error).toContain('HTTP 405');
    expect(summary.error).toContain('not a Statuspage summary');
  });

  it('gives up on a host that does not answer within the timeout', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const summary = await fetchStatusPage({ fetch: hanging, urls: ['http://a.invalid'], timeoutMs: 10 });
    expect(summary).toMatchObject({ reachable: false, error: expect.stringContaining('no answer within 10 ms') });
  });
});
