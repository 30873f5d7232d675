import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type {
  CallMeta, CallOptions, ClaudeApi, ClaudeOutcome, Endpoint, MessageRequest, MessageResult, ModelInfo, ResilienceEvent,
} from '../ports/claude-api.js';
import { type Clock, systemClock } from '../ports/clock.js';
import { AttemptError, isNeutralError } from '../resilience/attempt-error.js';
import { createBreaker } from '../resilience/breaker.js';
import { type Attempt, createGuard } from '../resilience/guard.js';
import type { CallWeight } from '../resilience/lane-budget.js';
import { createLimiter, type SharedLimiterOptions } from '../resilience/limiter.js';
import type { RetryPolicyOptions } from '../resilience/retry-policy.js';
import { readCallMeta } from './read-call-meta.js';
import { toApiFailure } from './to-api-failure.js';
import { estimateInputTokens, toModelInfo } from './to-model-info.js';

export interface ClaudeApiDeps {
  apiKey: string;
  baseURL: string;
  /** `rpm`/`maxConcurrent` from CLAUDE_RPM/CLAUDE_MAX_CONCURRENT; `freeRpm` for count_tokens + models (default `rpm`). */
  limits: { rpm: number; maxConcurrent: number; freeRpm?: number; maxQueue?: number };
  /** From BREAKER_*: per-attempt timeout, error percentage, time open before a trial call. */
  breaker: { timeoutMs: number; errorPercent: number; resetMs: number; volumeThreshold?: number; rollingWindowMs?: number };
  logger: Logger;
  clock?: Clock;
  fetch?: typeof fetch;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  retry?: RetryPolicyOptions;
  /** Total budget of a call without its own `deadlineMs` (default 60 s). */
  defaultDeadlineMs?: number;
  /** After a 429, time to ramp back to the full rate (default 10 s). */
  rampMs?: number;
  /**
   * REDIS_URL: every replica with the same API key then shares one budget, one view of the API's headers and one
   * pause after a 429 (bottleneck's Redis clustering); `limits.maxConcurrent` then bounds the calls in flight
   * across all of them. The breaker stays per replica. Needs the wall clock (bottleneck's Redis mode uses it).
   */
  redisUrl?: string;
}

/** The guarded client, plus `close()` to stop its timers and queues on shutdown. */
export interface GuardedClaudeApi extends ClaudeApi {
  close(): Promise<void>;
}

/**
 * The shared limiter's Redis side. Commands fail fast while Redis is down (no offline queue), so calls fall back to
 * this replica's own budget instead of waiting; the ids carry a hash of the key, never the key.
 */
function sharedLimiter(redisUrl: string, apiKey: string, attemptTimeoutMs: number, log: Logger): SharedLimiterOptions {
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let loggedAt = Number.NEGATIVE_INFINITY;
  return {
    redis,
    scope: `claude-status:limiter:${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}`,
    jobMarginMs: attemptTimeoutMs + 5_000,
    onEvent(event) {
      if (event.type === 'recovered') {
        log.warn({ limiter: event.id }, 'shared limiter state was lost in Redis; re-created it');
      } else if (Date.now() - loggedAt > 30_000) {
        // ioredis reports every reconnect attempt: once per 30 s is enough to say the budget is not shared now.
        loggedAt = Date.now();
        log.warn({ err: event.error }, 'shared limiter: Redis fault; pacing on this replica alone until it is back');
      }
    },
  };
}

const ALL_LIFECYCLES: ('active' | 'deprecated' | 'retired')[] = ['active', 'deprecated', 'retired'];

/**
 * The one place that constructs the Anthropic SDK client. Every call passes the lane's limiter (header-paced budget,
 * priorities, bounded queue), the breaker, and the retry policy; the SDK's own retries are off so each attempt does.
 */
export function createClaudeApi(deps: ClaudeApiDeps): GuardedClaudeApi {
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const log = deps.logger.child({ component: 'claude-api' });
  const listeners = new Set<(event: ResilienceEvent) => void>();
  const emit = (event: ResilienceEvent) => {
    if (event.type !== 'queue-saturated') log.info({ event }, 'claude resilience event');
    else log.warn({ event }, 'claude queue saturated');
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        log.error({ err: error }, 'resilience event listener failed');
      }
    }
  };
  const at = () => new Date(clock.now()).toISOString();

  const client = new Anthropic({
    apiKey: deps.apiKey,
    baseURL: deps.baseURL,
    maxRetries: 0, // every attempt must pass our limiter and breaker
    timeout: deps.breaker.timeoutMs + 5_000, // the breaker's abort signal ends an attempt first
    logLevel: 'off', // we log outcomes ourselves, without request bodies
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const maxQueue = deps.limits.maxQueue ?? 1_000;
  const shared = deps.redisUrl ? sharedLimiter(deps.redisUrl, deps.apiKey, deps.breaker.timeoutMs, log) : undefined;
  const limiter = createLimiter({
    lanes: {
      messages: { rpm: deps.limits.rpm, maxConcurrent: deps.limits.maxConcurrent, maxQueue },
      free: { rpm: deps.limits.freeRpm ?? deps.limits.rpm, maxConcurrent: deps.limits.maxConcurrent, maxQueue },
    },
    clock,
    sleep,
    emit,
    ...(deps.rampMs !== undefined ? { rampMs: deps.rampMs } : {}),
    ...(shared ? { shared } : {}),
  });
  const breaker = createBreaker({
    ...deps.breaker,
    isNeutral: isNeutralError,
    clock,
    onStateChange: (state) => emit({ type: 'breaker', state, at: at() }),
  });
  const guard = createGuard({
    limiter, breaker, clock, sleep,
    random: deps.random ?? Math.random,
    defaultDeadlineMs: deps.defaultDeadlineMs ?? 60_000,
    toFailure: (error) => toApiFailure(error, clock.now()),
    ...(deps.retry ? { retry: deps.retry } : {}),
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
    resilience: () => ({ limiter: limiter.snapshot(), breaker: breaker.snapshot() }),
    lastMeta: (endpoint) => last.get(endpoint),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      breaker.shutdown();
      await limiter.stop();
    },
  };
}
