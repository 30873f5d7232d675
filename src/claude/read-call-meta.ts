import type { CallMeta, Endpoint, RateLimitHeaders, RateLimitWindow } from '../ports/claude-api.js';

/** The part of `Headers` we read, so plain objects serve in tests. */
export interface HeaderSource {
  get(name: string): string | null;
}

const WINDOWS = { requests: 'requests', tokens: 'tokens', inputTokens: 'input-tokens', outputTokens: 'output-tokens' } as const;

function readNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * `retry-after-ms`, else `retry-after` as seconds or an HTTP date, in seconds (as the SDK reads them).
 * `nowMs` turns a date into a delay.
 */
export function readRetryAfterSeconds(headers: HeaderSource, nowMs: number): number | undefined {
  const ms = readNumber(headers.get('retry-after-ms'));
  if (ms !== undefined && ms >= 0) return ms / 1000;
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const seconds = readNumber(raw);
  if (seconds !== undefined) return seconds >= 0 ? seconds : undefined;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - nowMs) / 1000);
}

/** `anthropic-ratelimit-*` and `retry-after`; undefined when a proxy stripped them all. */
export function readRateLimitHeaders(headers: HeaderSource, nowMs: number): RateLimitHeaders | undefined {
  const result: RateLimitHeaders = {};
  for (const [key, name] of Object.entries(WINDOWS) as [keyof typeof WINDOWS, string][]) {
    const window: RateLimitWindow = {};
    const limit = readNumber(headers.get(`anthropic-ratelimit-${name}-limit`));
    const remaining = readNumber(headers.get(`anthropic-ratelimit-${name}-remaining`));
    const resetAt = headers.get(`anthropic-ratelimit-${name}-reset`);
    if (limit !== undefined) window.limit = limit;
    if (remaining !== undefined) window.remaining = remaining;
    if (resetAt) window.resetAt = resetAt;
    if (Object.keys(window).length > 0) result[key] = window;
  }
  const retryAfterSeconds = readRetryAfterSeconds(headers, nowMs);
  if (retryAfterSeconds !== undefined) result.retryAfterSeconds = retryAfterSeconds;
  return Object.keys(result).length > 0 ? result : undefined;
}

/** What one exchange told us besides its body: status, ids, latency and rate-limit headroom. */
export function readCallMeta(input: {
  endpoint: Endpoint;
  headers?: HeaderSource | null;
  status?: number;
  latencyMs: number;
  nowMs: number;
}): CallMeta {
  const meta: CallMeta = { endpoint: input.endpoint, latencyMs: input.latencyMs, at: new Date(input.nowMs).toISOString() };
  if (input.status !== undefined) meta.status = input.status;
  const headers = input.headers;
  if (!headers) return meta;
  const requestId = headers.get('request-id');
  const organizationId = headers.get('anthropic-organization-id');
  const workspaceId = headers.get('anthropic-workspace-id');
  if (requestId) meta.requestId = requestId;
  if (organizationId) meta.organizationId = organizationId;
  if (workspaceId) meta.workspaceId = workspaceId;
  const rateLimits = readRateLimitHeaders(headers, input.nowMs);
  if (rateLimits) meta.rateLimits = rateLimits;
  return meta;
}
