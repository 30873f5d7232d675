import type { Category, Kind } from './category.js';

/**
 * The port through which the core (checks, monitor, explainer) talks to the Claude API. Implemented in `claude/`
 * by the guarded client (limiter + breaker + retries); the core never sees the SDK, bottleneck or opossum.
 * Expected failures are values (`{ ok: false, failure }`), never exceptions.
 */

/** The API keeps separate rate-limit buckets for Messages and for the free endpoints (count_tokens, models). */
export type Lane = 'messages' | 'free';
/** A person waiting in Slack goes before a background probe. */
export type Priority = 'interactive' | 'background';
export type Endpoint = 'models' | 'model' | 'count_tokens' | 'messages';

/** One `anthropic-ratelimit-<name>-{limit,remaining,reset}` triple; any part may be missing (proxies strip them). */
export interface RateLimitWindow {
  limit?: number;
  remaining?: number;
  /** RFC 3339, when the bucket is fully replenished. */
  resetAt?: string;
}

export interface RateLimitHeaders {
  requests?: RateLimitWindow;
  tokens?: RateLimitWindow;
  inputTokens?: RateLimitWindow;
  outputTokens?: RateLimitWindow;
  retryAfterSeconds?: number;
}

/** What one HTTP exchange told us besides its body. */
export interface CallMeta {
  endpoint: Endpoint;
  status?: number;
  requestId?: string;
  organizationId?: string;
  workspaceId?: string;
  latencyMs: number;
  rateLimits?: RateLimitHeaders;
  /** ISO time the answer arrived. */
  at: string;
}

/** A failed call, as the API (or our own guard) reported it. Secrets never appear here. */
export interface ApiFailure {
  /**
   * The knowledge base's category, decided once by the adapter that saw the error (`claude/to-api-failure.ts`);
   * checks, verdict, monitor and explainer read it and never classify again.
   */
  category: Category;
  /**
   * The finer kind when the error tells one: `spend_cap`, `credit_balance`, `org_disabled`, … and our own guard's
   * refusals (`circuit_open`, `queue_full`, `aborted`), which never reached the API.
   */
  kind?: Kind;
  status?: number;
  /** `error.type` from the body, e.g. `rate_limit_error`. */
  type?: string;
  /** `error.details.error_code`, the stable machine code when present. */
  errorCode?: string;
  message: string;
  requestId?: string;
  retryAfterSeconds?: number;
  /** The SDK's error class name, e.g. `RateLimitError`. */
  sdkClass?: string;
  /** How many attempts the guard made (retries included). */
  attempts?: number;
}

export type ClaudeOutcome<T> =
  | { ok: true; value: T; meta: CallMeta }
  | { ok: false; failure: ApiFailure; meta?: CallMeta };

export interface ModelInfo {
  id: string;
  displayName?: string;
  lifecycle?: 'active' | 'deprecated' | 'retired';
  deprecatedAt?: string | null;
  retiresAt?: string | null;
  maxInputTokens?: number;
  maxTokens?: number;
}

export interface CallOptions {
  /** Default `interactive`. */
  priority?: Priority;
  /**
   * A health probe: one attempt, no retries, and not refused by an open breaker (probes are how the bot learns
   * the API is back). It still passes the limiter of its lane.
   */
  probe?: boolean;
  /** Total time budget for the call including queueing and retries. */
  deadlineMs?: number;
  signal?: AbortSignal;
}

export interface MessageRequest {
  model: string;
  maxTokens: number;
  system?: string;
  messages: { role: 'user' | 'assistant'; content: string }[];
}

export interface MessageResult {
  text: string;
  model: string;
  stopReason?: string | null;
  usage: { inputTokens: number; outputTokens: number };
}

export interface LaneSnapshot {
  queued: number;
  running: number;
  done: number;
  dropped: number;
  /** The operator's ceiling (CLAUDE_RPM for messages). */
  configuredRpm: number;
  /** What the limiter paces at now, after the API's headers (never above configuredRpm). */
  effectiveRpm: number;
  /** What the API last said remains, and when it resets. */
  apiRemaining?: { requests?: number; inputTokens?: number; outputTokens?: number; resetAt?: string };
  /** Set while everyone holds after a 429. */
  pausedUntil?: string;
}

export interface LimiterSnapshot {
  lanes: Record<Lane, LaneSnapshot>;
  rateLimited: number;
  last429At?: string;
}

export interface BreakerSnapshot {
  state: 'closed' | 'open' | 'half-open';
  failures: number;
  successes: number;
  timeouts: number;
  rejections: number;
  /** Error percentage over the rolling window. */
  errorPercent: number;
  openedAt?: string;
  nextAttemptAt?: string;
}

export interface ResilienceSnapshot {
  limiter: LimiterSnapshot;
  breaker: BreakerSnapshot;
}

export type ResilienceEvent =
  | { type: 'breaker'; state: BreakerSnapshot['state']; at: string }
  | { type: 'queue-saturated'; lane: Lane; queued: number; at: string }
  | { type: 'quota-low'; lane: Lane; what: 'requests' | 'inputTokens' | 'outputTokens'; remaining: number; limit: number; at: string };

export interface ClaudeApi {
  listModels(options?: CallOptions & { includeRetired?: boolean }): Promise<ClaudeOutcome<ModelInfo[]>>;
  getModel(id: string, options?: CallOptions): Promise<ClaudeOutcome<ModelInfo>>;
  countTokens(model: string, options?: CallOptions): Promise<ClaudeOutcome<{ inputTokens: number }>>;
  createMessage(request: MessageRequest, options?: CallOptions): Promise<ClaudeOutcome<MessageResult>>;
  /** The limiter and breaker as they are now. */
  resilience(): ResilienceSnapshot;
  /** The latest meta (headers) seen per endpoint, e.g. `messages` for the Messages rate-limit headroom. */
  lastMeta(endpoint: Endpoint): CallMeta | undefined;
  onEvent(listener: (event: ResilienceEvent) => void): () => void;
}
