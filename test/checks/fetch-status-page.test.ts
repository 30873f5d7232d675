import { afterEach, describe, expect, it } from 'vitest';
import { fetchStatusPage } from '../../src/checks/fetch-status-page.js';
import { incidentSummary, operationalSummary, startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';

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
        id: 'p4x1yq2t7kzd',
        name: 'Elevated errors on Claude Sonnet 5.5',
        status: 'investigating',
        impact: 'major',
        url: 'https://stspg.io/abc123',
        startedAt: '2026-11-26T16:41:07.000Z',
        affectsApi: true,
        latestUpdate: { id: 'u1', status: 'investigating', body: 'We are investigating elevated error rates.', at: '2026-11-26T16:41:07.000Z' },
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
    expect(summary.unreadable).toBe(true);
  });

  it('names Anthropic\'s newest update, whatever order the page lists them in', async () => {
    const base = incidentSummary() as { incidents: Record<string, unknown>[] };
    const updates = [
      { id: 'u1', status: 'investigating', body: 'Looking into it.', created_at: '2026-11-26T16:41:07.000Z' },
      { id: 'u2', status: 'identified', body: 'A fix is being rolled out.', created_at: '2026-11-26T17:05:00.000Z' },
    ];
    const page = await start({ ...base, incidents: [{ ...base.incidents[0], incident_updates: updates }] });
    const summary = await fetchStatusPage({ fetch, urls: [page.url] });
    expect(summary.reachable && summary.incidents[0]?.latestUpdate).toEqual({ id: 'u2', status: 'identified', body: 'A fix is being rolled out.', at: '2026-11-26T17:05:00.000Z' });
  });

  it('takes the nulls the Statuspage docs allow (shortlink, description, resolved_at) in its stride', async () => {
    const base = incidentSummary() as { incidents: Record<string, unknown>[] };
    const page = await start({ ...base, incidents: [{ ...base.incidents[0], shortlink: null, impact: null }] });
    const summary = await fetchStatusPage({ fetch, urls: [page.url] });
    expect(summary).toMatchObject({ reachable: true, incidents: [{ impact: 'none', url: `${page.url}/incidents/p4x1yq2t7kzd` }] });
  });
});

describe('fetchStatusPage: answers it cannot read are "unreadable", never a throw', () => {
  const unreadable = async (setup: (page: FakeStatusPage) => void, reason: RegExp, options: { maxBytes?: number } = {}) => {
    const page = await start();
    setup(page);
    const summary = await fetchStatusPage({ fetch, urls: [page.url], ...options });
    expect(summary).toMatchObject({ reachable: false, unreadable: true, tried: [page.url] });
    expect(!summary.reachable && summary.error).toMatch(reason);
  };

  it('an HTML page (a captive portal, a CDN error page served with 200)', async () => {
    await unreadable((p) => p.setRaw({ body: '<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>', contentType: 'text/html' }), /HTML page/);
  });

  it('malformed JSON (a body cut short)', async () => {
    await unreadable((p) => p.setRaw({ body: '{"status":{"indicator":"none"},"components":[{"na' }), /malformed JSON/);
  });

  it('a component status that is not a string', async () => {
    const bad = operationalSummary() as { components: Record<string, unknown>[] };
    bad.components[2] = { ...bad.components[2], status: { code: 3 } };
    await unreadable((p) => p.setSummary(bad), /components\.2\.status/);
  });

  it('a JSON answer that is not a summary at all (no status object)', async () => {
    await unreadable((p) => p.setSummary([1, 2, 3]), /not a Statuspage summary/);
  });

  it('a body past the cap, streamed without a Content-Length, read no further than the cap', async () => {
    await unreadable((p) => p.setRaw({ bytes: 3_000_000 }), /larger than 1000000 bytes/);
    await unreadable((p) => p.setRaw({ bytes: 200_000 }), /larger than 100000 bytes/, { maxBytes: 100_000 });
  });

  it('a body announced past the cap is refused before it is read', async () => {
    const big: typeof fetch = async () => new Response('{}', { headers: { 'content-length': '300000000' } });
    const summary = await fetchStatusPage({ fetch: big, urls: ['http://status.test'] });
    expect(summary).toMatchObject({ reachable: false, unreadable: true, error: expect.stringMatching(/larger than/) });
  });

  it('a body that trickles past the time cap is cut off at it', async () => {
    const trickle: typeof fetch = async (_url, init) => new Response(new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"status":'));
        init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
      },
    }));
    const summary = await fetchStatusPage({ fetch: trickle, urls: ['http://status.test'], timeoutMs: 20 });
    expect(summary).toMatchObject({ reachable: false, error: expect.stringContaining('no answer within 20 ms') });
  });

  it('gives up on a host that does not answer within the timeout', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const summary = await fetchStatusPage({ fetch: hanging, urls: ['http://a.invalid'], timeoutMs: 10 });
    expect(summary).toMatchObject({ reachable: false, error: expect.stringContaining('no answer within 10 ms') });
  });
});
