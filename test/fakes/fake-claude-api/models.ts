import type { FakeModel } from './types.js';

/**
 * The default catalogue: two active models, one deprecated with a retirement date, one retired (404 on use, listed
 * only when asked, still served by `GET /v1/models/{id}`).
 */
export const DEFAULT_MODELS: FakeModel[] = [
  { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z',
    lifecycle: 'active', max_input_tokens: 200_000, max_tokens: 64_000 },
  { id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z',
    lifecycle: 'active', max_input_tokens: 200_000, max_tokens: 64_000 },
  { id: 'claude-3-7-sonnet-20250219', display_name: 'Claude Sonnet 3.7', created_at: '2025-02-24T00:00:00Z',
    lifecycle: 'deprecated', deprecated_at: '2025-10-28T00:00:00Z', retires_at: '2026-02-19T00:00:00Z',
    max_input_tokens: 200_000, max_tokens: 64_000 },
  { id: 'claude-3-opus-20240229', display_name: 'Claude Opus 3', created_at: '2024-02-29T00:00:00Z',
    lifecycle: 'retired', deprecated_at: '2025-06-30T00:00:00Z', retires_at: '2026-01-05T00:00:00Z',
    max_input_tokens: 200_000, max_tokens: 4_096 },
];

/** A model's lifecycle stage. */
export type Lifecycle = NonNullable<FakeModel['lifecycle']>;

/** The `ModelInfo` object the API returns for one model. */
export function toModelInfo(model: FakeModel): Record<string, unknown> {
  const line = /haiku|sonnet|opus/.exec(model.id)?.[0] ?? null;
  return {
    type: 'model',
    id: model.id,
    display_name: model.display_name ?? model.id,
    created_at: model.created_at ?? '2025-01-01T00:00:00Z',
    lifecycle: model.lifecycle ?? 'active',
    deprecated_at: model.deprecated_at ?? null,
    retires_at: model.retires_at ?? null,
    max_input_tokens: model.max_input_tokens ?? 200_000,
    max_tokens: model.max_tokens ?? 64_000,
    line,
    capabilities: null,
  };
}

/** Which lifecycles a list asks for: `lifecycle[]=…` (SDK, brackets), `lifecycle=a,b`, or the default active+deprecated. */
export function parseLifecycles(query: URLSearchParams): Set<Lifecycle> {
  const asked = [...query.getAll('lifecycle[]'), ...query.getAll('lifecycle')].flatMap((v) => v.split(','));
  if (query.get('include_retired') === 'true') asked.push('active', 'deprecated', 'retired');
  const valid = asked.filter((v): v is Lifecycle => v === 'active' || v === 'deprecated' || v === 'retired');
  return new Set(valid.length > 0 ? valid : ['active', 'deprecated']);
}

/** One page of `GET /v1/models`: newest first, cursor `after_id`/`before_id`, `limit` 1..1000 (default 20). */
export function listModels(models: FakeModel[], query: URLSearchParams): Record<string, unknown> {
  const lifecycles = parseLifecycles(query);
  const all = models
    .filter((m) => lifecycles.has(m.lifecycle ?? 'active'))
    .map(toModelInfo)
    .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
  const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const afterId = query.get('after_id');
  const beforeId = query.get('before_id');
  let page: typeof all;
  let hasMore: boolean;
  if (beforeId) {
    const end = all.findIndex((m) => m.id === beforeId);
    const stop = end < 0 ? 0 : end;
    page = all.slice(Math.max(0, stop - limit), stop);
    hasMore = stop - limit > 0;
  } else {
    const start = afterId ? all.findIndex((m) => m.id === afterId) + 1 : 0;
    const from = afterId && start === 0 ? all.length : start;
    page = all.slice(from, from + limit);
    hasMore = from + limit < all.length;
  }
  return {
    data: page,
    has_more: hasMore,
    first_id: (page[0]?.id as string | undefined) ?? null,
    last_id: (page[page.length - 1]?.id as string | undefined) ?? null,
  };
}
