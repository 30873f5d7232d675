import type { StatusIndicator, StatusPageIncident, StatusPageSummary } from './check-result.js';

export const STATUS_PAGE_TIMEOUT_MS = 5_000;

export interface FetchStatusPageDeps {
  fetch: typeof fetch;
  /** Statuspage base URLs in order of preference (STATUS_PAGE_URL, then STATUS_PAGE_FALLBACK_URL). */
  urls: string[];
  timeoutMs?: number;
}

/** The parts of Atlassian Statuspage's `/api/v2/summary.json` we read. */
interface RawSummary {
  status?: { indicator?: string; description?: string };
  components?: { id?: string; name?: string; status?: string; group?: boolean }[];
  incidents?: {
    id?: string;
    name?: string;
    status?: string;
    impact?: string;
    shortlink?: string;
    started_at?: string;
    created_at?: string;
    components?: { id?: string; name?: string }[];
  }[];
}

const INDICATORS: readonly StatusIndicator[] = ['none', 'minor', 'major', 'critical', 'maintenance'];
const CLOSED_INCIDENT = new Set(['resolved', 'postmortem', 'completed']);
// The page-wide indicator also moves for claude.ai and Claude Code; only the API component says whether the API is hit.
const isApiName = (name: string): boolean => /claude api|api\.anthropic\.com|\bAPI\b/i.test(name);

/**
 * Reads the Anthropic status page: overall indicator, the Claude API component, unresolved incidents with links.
 * Tries each URL in turn (status.claude.com sometimes answers a 405 challenge; anthropic.statuspage.io serves the
 * same JSON). Never throws: an unreachable page is `{ reachable: false }`, which the checks report as a warning.
 */
export async function fetchStatusPage(deps: FetchStatusPageDeps): Promise<StatusPageSummary> {
  const tried: string[] = [];
  const errors: string[] = [];
  for (const base of deps.urls) {
    const root = base.replace(/\/+$/, '');
    tried.push(root);
    try {
      const raw = await getJson(deps.fetch, `${root}/api/v2/summary.json`, deps.timeoutMs ?? STATUS_PAGE_TIMEOUT_MS);
      return summarise(root, raw);
    } catch (error) {
      errors.push(`${root}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { reachable: false, tried, error: errors.join('; ') || 'no status page URL configured' };
}

async function getJson(fetchFn: typeof fetch, url: string, timeoutMs: number): Promise<RawSummary> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await fetchFn(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const body = (await response.json()) as unknown;
    if (!body || typeof body !== 'object' || !('status' in body)) throw new Error('not a Statuspage summary');
    return body as RawSummary;
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof Error) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function summarise(source: string, raw: RawSummary): StatusPageSummary {
  const indicator = INDICATORS.find((i) => i === raw.status?.indicator) ?? 'unknown';
  const components = (raw.components ?? []).filter((c) => !c.group && typeof c.name === 'string');
  const api =
    components.find((c) => /claude api/i.test(c.name ?? '')) ??
    components.find((c) => /api\.anthropic\.com/i.test(c.name ?? '')) ??
    components.find((c) => isApiName(c.name ?? ''));
  const incidents: StatusPageIncident[] = (raw.incidents ?? [])
    .filter((i) => !CLOSED_INCIDENT.has(i.status ?? ''))
    .map((i) => {
      const url = i.shortlink ?? (i.id ? `${source}/incidents/${i.id}` : undefined);
      const startedAt = i.started_at ?? i.created_at;
      return {
        name: i.name ?? '(untitled incident)',
        status: i.status ?? 'unknown',
        impact: i.impact ?? 'none',
        ...(url ? { url } : {}),
        ...(startedAt ? { startedAt } : {}),
        affectsApi: (i.components ?? []).some((c) => (api?.id && c.id === api.id) || isApiName(c.name ?? '')),
      };
    });
  return {
    reachable: true,
    source,
    indicator,
    description: raw.status?.description ?? '',
    ...(api ? { apiComponent: { name: api.name ?? 'API', status: api.status ?? 'unknown' } } : {}),
    incidents,
  };
}
