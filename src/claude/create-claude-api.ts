import Anthropic, { APIError } from '@anthropic-ai/sdk';
import type {
  CallMeta, CallOptions, ClaudeApi, ClaudeOutcome, Endpoint, MessageRequest, MessageResult, ModelInfo,
} from '../ports/claude-api.js';
import { type Clock, systemClock } from '../ports/clock.js';
import { AttemptError } from '../resilience/guard-errors.js';
import type { Attempt } from '../resilience/guard.js';
import type { CallWeight } from '../resilience/lane-budget.js';
import { createClaudeGuard, type ClaudeGuardDeps } from './create-claude-guard.js';
import { readCallMeta } from './read-call-meta.js';
import { toApiFailure } from './to-api-failure.js';
import { toModelInfo } from './to-model-info.js';

export interface ClaudeApiDeps extends Omit<ClaudeGuardDeps, 'clock'> {
  baseURL: string;
  clock?: Clock;
  fetch?: typeof fetch;
}

/** The guarded client, plus `close()` to stop its timers and queues on shutdown. */
export interface GuardedClaudeApi extends ClaudeApi {
  close(): Promise<void>;
}

/** Input tokens as the API's limiter estimates them before counting: about four characters a token. */
function estimateInputTokens(texts: readonly (string | undefined)[]): number {
  return Math.ceil(texts.reduce((sum, text) => sum + (text?.length ?? 0), 0) / 4);
}

const ALL_LIFECYCLES: ('active' | 'deprecated' | 'retired')[] = ['active', 'deprecated', 'retired'];

/**
 * The one place that constructs the Anthropic SDK client. Every call goes through the guard (`create-claude-guard.ts`:
 * the lane's limiter, the breaker, the retry policy); the SDK's own retries are off so each attempt does.
 */
export function createClaudeApi(deps: ClaudeApiDeps): GuardedClaudeApi {
  const clock = deps.clock ?? systemClock;
  const log = deps.logger.child({ component: 'claude-api' });
  const guard = createClaudeGuard({ ...deps, clock }, log);
  const client = new Anthropic({
    apiKey: deps.apiKey,
    baseURL: deps.baseURL,
    maxRetries: 0, // every attempt must pass our limiter and breaker
    timeout: deps.breaker.timeoutMs + 5_000, // the breaker's abort signal ends an attempt first
    logLevel: 'off', // we log outcomes ourselves, without request bodies
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const last = new Map<Endpoint, CallMeta>();

  /** One HTTP exchange: headers into meta either way, SDK errors into classified attempt errors. */
  async function exchange<R, T>(
    endpoint: Endpoint,
    send: () => { withResponse(): Promise<{ data: R; response: Response }> },
    map: (data: R) => T,
    used?: (data: R) => CallWeight,
  ): Promise<Attempt<T>> {
    const started = clock.now();
    try {
      const { data, response } = await send().withResponse();
      const now = clock.now();
      const meta = readCallMeta({ endpoint, headers: response.headers, status: response.status, latencyMs: now - started, nowMs: now });
      last.set(endpoint, meta);
      return { value: map(data), meta, ...(used ? { used: used(data) } : {}) };
    } catch (error) {
      const now = clock.now();
      const failure = toApiFailure(error, now);
      let meta: CallMeta | undefined;
      if (error instanceof APIError && error.headers) {
        meta = readCallMeta({ endpoint, headers: error.headers, status: error.status, latencyMs: now - started, nowMs: now });
        last.set(endpoint, meta);
      }
      if (failure.category === 'rate_limit' || failure.kind === 'spend_cap') log.warn({ endpoint, failure }, 'claude api refused a call');
      throw new AttemptError(failure, meta);
    }
  }

  async function listModels(options: CallOptions & { includeRetired?: boolean } = {}): Promise<ClaudeOutcome<ModelInfo[]>> {
    const models: ModelInfo[] = [];
    let after: string | undefined;
    for (;;) {
      const outcome = await guard.run({
        lane: 'free',
        options,
        attempt: (signal) => exchange('models', () => client.models.list(
          { limit: 1000, ...(after ? { after_id: after } : {}), ...(options.includeRetired ? { lifecycle: ALL_LIFECYCLES } : {}) },
          { signal },
        ), (page) => ({ data: page.data.map(toModelInfo), hasMore: page.has_more, lastId: page.last_id })),
      });
      if (!outcome.ok) return outcome;
      models.push(...outcome.value.data);
      // Follow the pages; stop if the API repeats itself rather than loop forever.
      if (!outcome.value.hasMore || !outcome.value.lastId || outcome.value.lastId === after) {
        return { ok: true, value: models, meta: outcome.meta };
      }
      after = outcome.value.lastId;
    }
  }

  return {
    listModels,
    getModel: (id, options = {}) => guard.run({
      lane: 'free',
      options,
      attempt: (signal) => exchange('model', () => client.models.retrieve(id, {}, { signal }), toModelInfo),
    }),
    countTokens: (model, options = {}) => guard.run({
      lane: 'free',
      options,
      attempt: (signal) => exchange('count_tokens', () => client.messages.countTokens(
        { model, messages: [{ role: 'user', content: 'ping' }] },
        { signal },
      ), (data) => ({ inputTokens: data.input_tokens })),
    }),
    createMessage(request: MessageRequest, options: CallOptions = {}): Promise<ClaudeOutcome<MessageResult>> {
      // Tokens usually bind before requests: charge the estimate now, settle with the real usage after.
      const weight: CallWeight = {
        inputTokens: estimateInputTokens([request.system, ...request.messages.map((m) => m.content)]),
        outputTokens: request.maxTokens,
      };
      return guard.run({
        lane: 'messages',
        options,
        weight,
        attempt: (signal) => exchange('messages', () => client.messages.create({
          model: request.model,
          max_tokens: request.maxTokens,
          messages: request.messages,
          ...(request.system !== undefined ? { system: request.system } : {}),
        }, { signal }), (message): MessageResult => ({
          text: message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
          model: message.model,
          stopReason: message.stop_reason,
          usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
        }), (message) => ({ inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens })),
      });
    },
    resilience: guard.resilience,
    lastMeta: (endpoint) => last.get(endpoint),
    onEvent: guard.onEvent,
    close: guard.close,
  };
}
