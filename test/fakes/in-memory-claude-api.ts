import type {
  ApiFailure,
  BreakerSnapshot,
  CallMeta,
  CallOptions,
  ClaudeApi,
  ClaudeOutcome,
  Endpoint,
  LaneSnapshot,
  MessageRequest,
  MessageResult,
  ModelInfo,
  RateLimitHeaders,
  ResilienceSnapshot,
} from '../../src/ports/claude-api.js';
import { classifyApiError } from '../../src/explain/classify-api-error.js';

/**
 * The one in-memory implementation of our own ClaudeApi port (not an SDK mock: the real client is tested against the
 * HTTP fake, fake-claude-api.ts), for the core's unit tests. It models a key's view of the API — models, forbidden
 * models, a failure per endpoint, rate-limit headers — and records every call; a test may script Messages instead.
 */
export interface InMemoryClaudeApi extends ClaudeApi {
  /** Models the key can see; `lifecycle: 'retired'` ones appear only with `includeRetired`. */
  models: ModelInfo[];
  /** Model ids the key may not use (403 on count_tokens / messages). */
  forbidden: Set<string>;
  /** A failure every call to this endpoint answers with, e.g. `{ category: 'auth', status: 401, … }`. */
  failures: Partial<Record<Endpoint, ApiFailure>>;
  /** Rate-limit headers each endpoint answers with; omit to simulate a proxy that strips them. */
  headers: Partial<Record<Endpoint, RateLimitHeaders>>;
  organizationId: string;
  workspaceId?: string;
  /** What resilience() answers: the limiter and breaker as they are now. */
  snapshot: ResilienceSnapshot;
  /** Every call made, as `endpoint:subject` with the options it came with. */
  calls: { call: string; options?: CallOptions }[];
  /** Every Messages request, with its options (the explainer's prompts). */
  requests: { request: MessageRequest; options?: CallOptions }[];
  /**
   * What createMessage answers instead of the modelled answer, when set; a function may inspect the request.
   * `'hang'` never settles (a caller's deadline or signal must end the wait).
   */
  nextMessage?: ClaudeOutcome<MessageResult> | 'hang' | ((request: MessageRequest) => ClaudeOutcome<MessageResult>);
  /** lastMeta() answers these where set, instead of the meta of the latest call to the endpoint. */
  meta: Partial<Record<Endpoint, CallMeta>>;
}

const AT = '2026-11-26T17:00:00.000Z';
const REQUEST_ID = 'req_011CTestRequest';

/** A failure value as the adapter makes it: `category` as given, the kind read by the same classifier the adapter uses. */
export function failure(category: ApiFailure['category'], status: number | undefined, message: string, extra: Partial<ApiFailure> = {}): ApiFailure {
  const read = classifyApiError({ status, type: extra.type, errorCode: extra.errorCode, message });
  return {
    category,
    ...(read.category === category && read.kind ? { kind: read.kind } : {}),
    ...(status ? { status } : {}),
    message,
    requestId: REQUEST_ID,
    ...extra,
  };
}

/** A successful Messages answer with `text`, for `nextMessage`. */
export const okMessage = (text: string): ClaudeOutcome<MessageResult> => ({
  ok: true,
  value: { text, model: 'claude-haiku-4-5', stopReason: 'end_turn', usage: { inputTokens: 300, outputTokens: 80 } },
  meta: { endpoint: 'messages', status: 200, latencyMs: 900, at: AT },
});

/** An idle limiter lane pacing at `configuredRpm`, with any field overridden. */
export const lane = (configuredRpm = 50, over: Partial<LaneSnapshot> = {}): LaneSnapshot => ({
  queued: 0, running: 0, done: 0, dropped: 0, configuredRpm, effectiveRpm: configuredRpm, ...over,
});

/** An idle limiter and a closed breaker; `breaker` overrides its fields (say `{ state: 'open' }`). */
export function healthySnapshot(breaker: Partial<BreakerSnapshot> = {}): ResilienceSnapshot {
  return {
    limiter: { lanes: { messages: lane(50), free: lane(100) }, rateLimited: 0 },
    breaker: { state: 'closed', failures: 0, successes: 10, timeouts: 0, rejections: 0, errorPercent: 0, ...breaker },
  };
}

export function createInMemoryClaudeApi(): InMemoryClaudeApi {
  const last = new Map<Endpoint, CallMeta>();
  const api: InMemoryClaudeApi = {
    models: [
      { id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5', lifecycle: 'active' },
      { id: 'claude-sonnet-5-5', displayName: 'Claude Sonnet 5.5', lifecycle: 'active' },
    ],
    forbidden: new Set(),
    failures: {},
    headers: {},
    organizationId: 'org-0a1b2c3d',
    snapshot: healthySnapshot(),
    calls: [],
    requests: [],
    meta: {},
    listModels: async (options) => {
      api.calls.push({ call: `models${options?.includeRetired ? ':retired' : ''}`, ...(options ? { options } : {}) });
      return answer('models', () => api.models.filter((m) => options?.includeRetired || m.lifecycle !== 'retired'));
    },
    getModel: async (id, options) => {
      api.calls.push({ call: `model:${id}`, ...(options ? { options } : {}) });
      const found = api.models.find((m) => m.id === id);
      return answer('model', () => found, `model: ${id}`);
    },
    countTokens: async (model, options) => {
      api.calls.push({ call: `count_tokens:${model}`, ...(options ? { options } : {}) });
      return answer('count_tokens', () => usable(model) && { inputTokens: 8 }, `model: ${model}`, model);
    },
    createMessage: (request, options) => {
      api.calls.push({ call: `messages:${request.model}`, ...(options ? { options } : {}) });
      api.requests.push({ request, ...(options ? { options } : {}) });
      const next = api.nextMessage;
      if (next === 'hang') return new Promise(() => {});
      if (next) return Promise.resolve(typeof next === 'function' ? next(request) : next);
      const model = request.model;
      return Promise.resolve(
        answer('messages', () => usable(model) && { text: 'H', model, stopReason: 'max_tokens', usage: { inputTokens: 8, outputTokens: 1 } }, `model: ${model}`, model),
      );
    },
    resilience: () => api.snapshot,
    lastMeta: (endpoint) => api.meta[endpoint] ?? last.get(endpoint),
    onEvent: () => () => undefined,
  };
  // Active or deprecated models are usable; retired or unknown ones are 404, as at the real API.
  const usable = (id: string) => api.models.some((m) => m.id === id && m.lifecycle !== 'retired');

  function answer<T>(endpoint: Endpoint, value: () => T | undefined | false, notFound = 'not found', model?: string): ClaudeOutcome<T> {
    const fail = api.failures[endpoint];
    const status = fail ? fail.status : model && api.forbidden.has(model) ? 403 : value() ? 200 : 404;
    const meta: CallMeta = {
      endpoint,
      ...(status ? { status } : {}),
      requestId: REQUEST_ID,
      organizationId: api.organizationId,
      ...(api.workspaceId ? { workspaceId: api.workspaceId } : {}),
      latencyMs: 42,
      ...(api.headers[endpoint] ? { rateLimits: api.headers[endpoint] } : {}),
      at: AT,
    };
    last.set(endpoint, meta);
    if (fail) return { ok: false, failure: fail, meta };
    if (status === 403) {
      return { ok: false, failure: failure('permission', 403, `Your API key does not have permission to use the specified resource: ${model}`, { type: 'permission_error' }), meta };
    }
    const found = value();
    if (!found) return { ok: false, failure: failure('not_found', 404, notFound, { type: 'not_found_error' }), meta };
    return { ok: true, value: found, meta };
  }
  return api;
}
