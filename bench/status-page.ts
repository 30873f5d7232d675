/**
 * bench/status-page: what an oversized status-page answer costs the process. Issue 11 measured a 300 MB answer taking
 * the process from 130 to 636 MB. The reader now stops at 1 MB (STATUS_PAGE_MAX_BYTES) and says "unreadable".
 * Baseline: the whole body read as before (`response.json()` reads it all as text first), on a tenth of the size (30 MB)
 * to spare the machine.
 * Figures: resident memory growth and time for a normal 10 KB summary, for the capped 300 MB answer, and the baseline.
 */
import { fetchStatusPage } from '../src/checks/fetch-status-page.js';
import { operationalSummary, startFakeStatusPage } from '../test/fakes/fake-status-page.js';

const MB = 1_000_000;

async function measure(label: string, run: () => Promise<string>): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const outcome = await run();
  const ms = performance.now() - started;
  const grew = (process.memoryUsage().rss - before) / MB;
  process.stdout.write(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms   rss +${grew.toFixed(0).padStart(4)} MB   ${outcome}\n`);
}

export async function benchStatusPage(): Promise<void> {
  const page = await startFakeStatusPage(operationalSummary());
  try {
    await measure('normal summary (~2 KB)', async () => {
      const s = await fetchStatusPage({ fetch, urls: [page.url] });
      return s.reachable ? 'read' : `unreadable: ${s.error}`;
    });
    page.setRaw({ bytes: 300 * MB });
    await measure('300 MB answer, capped at 1 MB', async () => {
      const s = await fetchStatusPage({ fetch, urls: [page.url] });
      return s.reachable ? 'read (!)' : (s.unreadable ? 'unreadable' : 'unreachable');
    });
    page.setRaw({ bytes: 30 * MB });
    await measure('baseline: 30 MB read whole (response.text)', async () => {
      const body = await (await fetch(`${page.url}/api/v2/summary.json`)).text();
      return `${(body.length / MB).toFixed(0)} MB held`;
    });
  } finally {
    await page.close();
  }
}
