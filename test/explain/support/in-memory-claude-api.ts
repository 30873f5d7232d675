import type {
  BreakerSnapshot,
  CallMeta,
  CallOptions,
  ClaudeApi,
  ClaudeOutcome,
  Endpoint,
  LaneSnapshot,
  MessageRequest,
  MessageResult,
  ResilienceSnapshot,
} from '../../../src/ports/claude-api.js';

/**
 * A tiny implementation of our own ClaudeApi port for unit tests: scripted Messages outcomes, a settable
 * resilience snapshot, and a record of what was sent. Not an SDK mock: the real client is tested end to end.
 */
export interface InMemoryClaudeApi extends ClaudeApi {
  requests: { request: MessageRequest; options?: CallOptions }[];
  /** What the next createMessage answers; a function may inspect the request. `'hang'` never settles. */
  nextMessage: ClaudeOutcome<MessageResult> | 'hang' | ((request: MessageRequest) => ClaudeOutcome<MessageResult>);
  breaker: Partial<BreakerSnapshot>;
  lane: Partial<LaneSnapshot>;
  meta: Partial<Record<Endpoint, CallMeta>>;
  last429At?: string;
}

const AT = '2026-11-26T12:00:00.000Z';

export const okMessage = (text: string): ClaudeOutcome<MessageResult> => ({
  ok: true,
  value: { text, model: 'claude-haiku-4-5', stopReason: 'end_turn', usage: { inputTokens: 300, outputTokens: 80 } },
  meta: { endpoint: 'messages', status: 200, latencyMs: 900, at: AT },
});

export function createInMemoryClaudeApi(): InMemoryClaudeApi {
  const unsupported = <T>(): Promise<ClaudeOutcome<T>> => Promise.resolve({ ok: false, failure: { category: 'unknown', message: 'not scripted' } });
  const lane = (over: Partial<LaneSnapshot>): LaneSnapshot => ({ queued: 0, running: 0, done: 0, dropped: 0, configuredRpm: 50, effectiveRpm: 50, ...over });
  const api: InMemoryClaudeApi = {
    requests: [],
    nextMessage: okMessage('- The prompt is 14k tokens over the window.'),
    breaker: {},
    lane: {},
    meta: {},
    listModels: () => unsupported(),
    getModel: () => unsupported(),
    countTokens: () => unsupported(),
    createMessage(request, options) {
      api.requests.push({ request, options });
      const next = api.nextMessage;
      if (next === 'hang') return new Promise(() => {});
      return Promise.resolve(typeof next === 'function' ? next(request) : next);
    },
    resilience(): ResilienceSnapshot {
      return {
        limiter: { lanes: { messages: lane(api.lane), free: lane({}) }, rateLimited: 0, ...(api.last429At ? { last429At: api.last429At } : {}) },
        breaker: { state: 'closed', failures: 0, successes: 0, timeouts: 0, rejections: 0, errorPercent: 0, ...api.breaker },
      };
    },
    lastMeta: (endpoint) => api.meta[endpoint],
    onEvent: () => () => {},
  };
  return api;
}
