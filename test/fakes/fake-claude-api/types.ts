import type { ClassifyAnswerer } from './classification-answers.js';
/** The public types of the fake Claude API (re-exported by `../fake-claude-api.ts`, the contract entry point). */

/** One model as the fake knows it; missing fields get realistic defaults in `/v1/models` answers. */
export interface FakeModel {
  id: string;
  display_name?: string;
  created_at?: string;
  /** `retired`: 404 on use, hidden from `/v1/models` unless `lifecycle[]=retired` is asked, still served by `/v1/models/{id}`. */
  lifecycle?: 'active' | 'deprecated' | 'retired';
  deprecated_at?: string | null;
  retires_at?: string | null;
  max_input_tokens?: number;
  max_tokens?: number;
}

/** What the fake knows about one API key. */
export interface KeyInfo {
  organizationId: string;
  workspaceId?: string;
  /** Models this key may not use: 403 permission_error on messages and count_tokens. */
  forbiddenModels?: string[];
  /** Only a real Messages call reveals these, as at the real API (count_tokens and models stay free). */
  billing?: 'ok' | 'credit_balance_too_low' | 'spend_cap_reached' | 'disabled';
  /** false: answer `Authorization: Bearer` with 401 "Invalid bearer token", as the API did before 2026-10-21. */
  acceptsBearer?: boolean;
}

/**
 * A token bucket per key and lane, refilled CONTINUOUSLY at limit/60 per second. The requests bucket holds about one
 * second's worth (max(1, ceil(rpm/60))), as Anthropic warns "60 RPM may be enforced as 1 request per second"; the
 * token buckets hold a full minute's worth, so one large prompt can still pass.
 */
export interface BucketLimits {
  rpm: number;
  /** Input tokens per minute; default effectively unlimited (10M). */
  inputTpm?: number;
  /** Output tokens per minute; default effectively unlimited (2M). */
  outputTpm?: number;
  /** Override the burst capacity of the requests bucket (requests). */
  burst?: number;
}

export type FaultStatus = 400 | 401 | 402 | 403 | 404 | 408 | 409 | 413 | 429 | 500 | 502 | 503 | 504 | 529;

export type Fault =
  | {
      kind: 'status';
      status: FaultStatus;
      errorType?: string;
      message?: string;
      /** Sent as `error.details.error_code`; the SDK maps some to subclasses (429 enforced_spend_limit_reached). */
      errorCode?: string;
      retryAfterSeconds?: number;
      /** Sent as the `x-should-retry` header. */
      shouldRetry?: boolean;
    }
  | { kind: 'html'; status: 502 | 504 | 524 }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'malformed-json' }
  /** Only streaming Messages requests match it: 200, message_start, then an `event: error` overloaded_error. */
  | { kind: 'stream-error' };

export type FaultEndpoint = 'messages' | 'count_tokens' | 'models' | 'any';

export interface FaultRule {
  fault: Fault;
  endpoint?: FaultEndpoint;
  /** How many requests this rule answers; default: until cleared. */
  times?: number;
}

export interface FakeClaudeApiOptions {
  /** Default `{ [TEST_API_KEY]: { organizationId: 'org-test-0001' } }`. */
  keys?: Record<string, KeyInfo>;
  models?: FakeModel[];
  /** Messages lane; default `{ rpm: 100_000 }`. */
  limits?: BucketLimits;
  /** count_tokens + models lane (its own bucket, as at the API); default `{ rpm: 100_000 }`. */
  freeLimits?: BucketLimits;
  /** Clock for the buckets and records (ms); default Date.now. */
  now?: () => number;
  /** Added to every answer; default 0. */
  latencyMs?: number;
  /**
   * Answers the explainer's classification requests (system prompt with CLASSIFY_PROMPT_ID) with this table's JSON;
   * without it they get the fixed reply text like any request. See classification-answers.ts.
   */
  classify?: ClassifyAnswerer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** 0 until answered, and for hang/reset. */
  status: number;
  at: number;
}

export type Lane = 'messages' | 'free';

export interface FakeClaudeApiStats {
  requests: number;
  byStatus: Record<number, number>;
  /** 429s from the token buckets (a 429 `status` fault counts in byStatus only). */
  rateLimited: number;
  inFlight: number;
  maxInFlight: number;
  /** Classification requests answered from the `classify` table. */
  classifications: number;
}

export interface FakeClaudeApi {
  /** `http://127.0.0.1:PORT`: pass as `baseURL` / `ANTHROPIC_BASE_URL`. */
  url: string;
  /** Every request, in order (the last 10 000). */
  requests: RecordedRequest[];
  /** Replaces the rules; the first matching rule with times left applies. */
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  setLimits(limits: BucketLimits, lane?: Lane): void;
  setModels(models: FakeModel[]): void;
  addKey(key: string, info: KeyInfo): void;
  /** Another service using the same key(s): takes requests from the bucket (of `key`, or of every known key). */
  consumeExternally(requests: number, lane?: Lane, key?: string): void;
  stats(): FakeClaudeApiStats;
  /** Clears faults, requests, stats; refills buckets. */
  reset(): void;
  close(): Promise<void>;
}
