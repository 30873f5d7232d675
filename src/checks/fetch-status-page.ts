import { z } from 'zod';
import type { StatusIndicator, StatusPageIncident, StatusPageSummary } from './check-result.js';

export const STATUS_PAGE_TIMEOUT_MS = 5_000;
/** status.claude.com's summary is about 10 KB; anything past 1 MB is not a summary, and must not fill our memory. */
export const STATUS_PAGE_MAX_BYTES = 1_000_000;

export interface FetchStatusPageDeps {
  fetch: typeof fetch;
  /** Statuspage base URLs in order of preference (STATUS_PAGE_URL, then STATUS_PAGE_FALLBACK_URL). */
  urls: string[];
  /** The whole exchange, headers and body, per URL (default 5 s). */
  timeoutMs?: number;
  maxBytes?: number;
}

// The parts of Atlassian Statuspage's `/api/v2/summary.json` we read. Every field is optional and may be null (the
// docs call several nullable; reference/alerting.md §4), but a field that is present must have its type: a component
// status that is a number is a page we do not understand, said as such, not a crash later in a check.
const text = z.string().nullish();
const summarySchema = z.object({
  status: z.object({ indicator: text, description: text }),
  components: z.array(z.object({ id: text, name: text, status: text, group: z.boolean().nullish() })).nullish(),
  incidents: z.array(z.object({
    id: text, name: text, status: text, impact: text, shortlink: text, started_at: text, created_at: text,
    components: z.array(z.object({ id: text, name: text })).nullish(),
    incident_updates: z.array(z.object({ id: text, status: text, body: text, created_at: text, display_at: text })).nullish(),
  })).nullish(),
});
type RawSummary = z.infer<typeof summarySchema>;

/** The page answered, but not with a summary we can read: a fact about the page, not about the network. */
class UnreadablePageError extends Error {}

const INDICATORS: readonly StatusIndicator[] = ['none', 'minor', 'major', 'critical', 'maintenance'];
const CLOSED_INCIDENT = new Set(['resolved', 'postmortem', 'completed']);
// The page-wide indicator also moves for claude.ai and Claude Code; only the API component says whether the API is hit.
const isApiName = (name: string): boolean => /claude api|api\.anthropic\.com|\bAPI\b/i.test(name);

/**
 * Reads the Anthropic status page: overall indicator, the Claude API component, unresolved incidents with links.
 * Tries each URL in turn (status.claude.com sometimes answers a 405 challenge; anthropic.statuspage.io serves the
 * same JSON). Never throws: an unreachable page is `{ reachable: false }`, and one that answered something we cannot
 * read (HTML, malformed JSON, wrong types, over 1 MB) is `{ reachable: false, unreadable: true }`; the checks
 * report either as a warning, never as an outage.
 */
export async function fetchStatusPage(deps: FetchStatusPageDeps): Promise<StatusPageSummary> {
  const tried: string[] = [];
  const errors: string[] = [];
  let unreadable = false;
  for (const base of deps.urls) {
    const root = base.replace(/\/+$/, '');
    tried.push(root);
    try {
      const body = await getText(deps.fetch, `${root}/api/v2/summary.json`, deps.timeoutMs ?? STATUS_PAGE_TIMEOUT_MS, deps.maxBytes ?? STATUS_PAGE_MAX_BYTES);
      return summarise(root, parseSummary(body));
    } catch (error) {
      if (error instanceof UnreadablePageError) unreadable = true;
      errors.push(`${root}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { reachable: false, tried, error: errors.join('; ') || 'no status page URL configured', ...(unreadable ? { unreadable } : {}) };
}

/** The body as text, refused past `maxBytes` (announced or streamed) and past `timeoutMs` in all. */
async function getText(fetchFn: typeof fetch, url: string, timeoutMs: number, maxBytes: number): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await fetchFn(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`HTTP ${response.status}`);
    }
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new UnreadablePageError(`answer larger than ${maxBytes} bytes`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        controller.abort(new UnreadablePageError(`answer larger than ${maxBytes} bytes`));
        throw controller.signal.reason;
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof Error) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function parseSummary(body: string): RawSummary {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const start = body.trimStart().slice(0, 1);
    throw new UnreadablePageError(start === '<' ? 'answered an HTML page, not a Statuspage summary' : 'answered malformed JSON');
  }
  const parsed = summarySchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UnreadablePageError(`not a Statuspage summary (${first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'unexpected shape'})`);
  }
  return parsed.data;
}

function summarise(source: string, raw: RawSummary): StatusPageSummary {
  const indicator = INDICATORS.find((i) => i === raw.status.indicator) ?? 'unknown';
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
      const latest = newestUpdate(i.incident_updates ?? []);
      return {
        ...(i.id ? { id: i.id } : {}),
        name: i.name ?? '(untitled incident)',
        status: i.status ?? 'unknown',
        impact: i.impact ?? 'none',
        ...(url ? { url } : {}),
        ...(startedAt ? { startedAt } : {}),
        affectsApi: (i.components ?? []).some((c) => (api?.id && c.id === api.id) || isApiName(c.name ?? '')),
        ...(latest ? { latestUpdate: latest } : {}),
      };
    });
  return {
    reachable: true,
    source,
    indicator,
    description: raw.status.description ?? '',
    ...(api ? { apiComponent: { name: api.name ?? 'API', status: api.status ?? 'unknown' } } : {}),
    incidents,
  };
}

type RawUpdate = NonNullable<NonNullable<RawSummary['incidents']>[number]['incident_updates']>[number];

/** Statuspage lists updates newest first; sorting by time as well costs nothing and survives a page that does not. */
function newestUpdate(updates: RawUpdate[]): StatusPageIncident['latestUpdate'] {
  const at = (u: RawUpdate) => u.display_at ?? u.created_at ?? '';
  const newest = updates.filter((u) => u.body).reduce<RawUpdate | undefined>((best, u) => (!best || at(u) > at(best) ? u : best), undefined);
  if (!newest?.body) return undefined;
  const when = at(newest);
  return { ...(newest.id ? { id: newest.id } : {}), ...(newest.status ? { status: newest.status } : {}), body: newest.body, ...(when ? { at: when } : {}) };
}
