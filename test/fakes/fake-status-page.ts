import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback Atlassian Statuspage serving `/api/v2/summary.json`, shaped like status.claude.com's. */
export interface FakeStatusPage {
  /** Base URL, e.g. `http://127.0.0.1:41234` (what STATUS_PAGE_URL holds). */
  url: string;
  setSummary(summary: unknown): void;
  /**
   * Serves this body as it is instead of the summary (an HTML page, malformed JSON), or `{ bytes }` of filler
   * streamed without a Content-Length (an oversized answer); undefined goes back to the summary.
   */
  setRaw(raw: { body: string; contentType?: string } | { bytes: number } | undefined): void;
  /** While down, every request gets the 405 challenge page status.claude.com answers some clients with. */
  setDown(down: boolean): void;
  /** How many requests arrived, by path. */
  requests: string[];
  close(): Promise<void>;
}

const PAGE = { id: 'tymt9n04zgry', name: 'Claude', url: 'https://status.claude.com', time_zone: 'Etc/UTC', updated_at: '2026-11-26T17:00:00.000Z' };

const component = (id: string, name: string, status = 'operational') => ({
  id, name, status, created_at: '2023-07-11T17:00:00.000Z', updated_at: '2026-11-26T17:00:00.000Z', position: 1,
  description: null, showcase: true, start_date: null, group_id: null, page_id: PAGE.id, group: false, only_show_if_degraded: false,
});

/** An all-green summary; pass `apiStatus` to move the Claude API component. */
export function operationalSummary(apiStatus = 'operational'): Record<string, unknown> {
  return {
    page: PAGE,
    components: [
      component('rwppv331jlwc', 'claude.ai'),
      component('0qbwn08sd68x', 'platform.claude.com'),
      component('k8w3r06qmzrp', 'Claude API (api.anthropic.com)', apiStatus),
      component('yjjkq1b8m9jm', 'Claude Code'),
    ],
    incidents: [],
    scheduled_maintenances: [],
    status: { indicator: 'none', description: 'All Systems Operational' },
  };
}

/** A summary with one unresolved incident on the Claude API (elevated errors), as the page shows it. */
export function incidentSummary(name = 'Elevated errors on Claude Sonnet 5.5'): Record<string, unknown> {
  const base = operationalSummary('partial_outage');
  return {
    ...base,
    status: { indicator: 'major', description: 'Partial System Outage' },
    incidents: [
      {
        id: 'p4x1yq2t7kzd', name, status: 'investigating', impact: 'major',
        created_at: '2026-11-26T16:41:07.000Z', updated_at: '2026-11-26T16:52:30.000Z', monitoring_at: null, resolved_at: null,
        shortlink: 'https://stspg.io/abc123', started_at: '2026-11-26T16:41:07.000Z', page_id: PAGE.id,
        incident_updates: [{ id: 'u1', status: 'investigating', body: 'We are investigating elevated error rates.', created_at: '2026-11-26T16:41:07.000Z' }],
        components: [component('k8w3r06qmzrp', 'Claude API (api.anthropic.com)', 'partial_outage')],
        reminder_intervals: null,
      },
    ],
  };
}

/** Streams `bytes` of a JSON-looking body in 64 KB chunks (no Content-Length), stopping early if the reader hangs up. */
function streamFiller(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = (): void => {
    while (sent < bytes && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
      sent += part.length;
      if (!res.write(part)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => { sent = bytes; });
  pump();
}

/** Starts the fake on 127.0.0.1, port 0. */
export async function startFakeStatusPage(initial: unknown = operationalSummary()): Promise<FakeStatusPage> {
  let summary = initial;
  let raw: Parameters<FakeStatusPage['setRaw']>[0];
  let down = false;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (down) {
      res.writeHead(405, { 'content-type': 'text/html' }).end('<html><title>Just a moment...</title></html>');
    } else if (req.url?.split('?')[0] === '/api/v2/summary.json' && raw && 'bytes' in raw) {
      streamFiller(res, raw.bytes);
    } else if (req.url?.split('?')[0] === '/api/v2/summary.json' && raw && 'body' in raw) {
      res.writeHead(200, { 'content-type': raw.contentType ?? 'application/json' }).end(raw.body);
    } else if (req.url?.split('?')[0] === '/api/v2/summary.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(summary));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setSummary: (json) => { summary = json; },
    setRaw: (value) => { raw = value; },
    setDown: (value) => { down = value; },
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
