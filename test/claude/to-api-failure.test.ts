import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { toApiFailure } from '../../src/claude/to-api-failure.js';
import { CircuitOpenError, DeadlineError, QueueFullError, StoppedError } from '../../src/resilience/guard-errors.js';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { adviseFailure } from '../../src/checks/advise-failure.js';
import { describeFailure } from '../../src/checks/describe-failure.js';
import { lookupAdvice } from '../../src/explain/knowledge-base.js';
import { classifyFailure } from '../../src/monitor/classify-failure.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');

/** A real SDK error, built the way the SDK builds it from a response. */
function sdkError(status: number, type: string, message: string, extra: { errorCode?: string; headers?: Record<string, string> } = {}) {
  const body = { type: 'error', error: { type, message, ...(extra.errorCode ? { details: { error_code: extra.errorCode } } : {}) }, request_id: 'req_body' };
  return APIError.generate(status, body, undefined, new Headers({ 'request-id': 'req_hdr', ...extra.headers }));
}

describe('SDK errors become failure values, classified once into the knowledge base category and kind', () => {
  it('tells a rate limit from a spend cap and an empty credit balance', () => {
    expect(toApiFailure(sdkError(429, 'rate_limit_error', 'Number of requests has exceeded your rate limit', { headers: { 'retry-after': '4' } }), NOW))
      .toMatchObject({ category: 'rate_limit', status: 429, type: 'rate_limit_error', retryAfterSeconds: 4, requestId: 'req_hdr', sdkClass: 'RateLimitError' });
    expect(toApiFailure(sdkError(429, 'rate_limit_error', 'monthly usage limit', { errorCode: 'enforced_spend_limit_reached' }), NOW))
      .toMatchObject({ category: 'billing', kind: 'spend_cap', errorCode: 'enforced_spend_limit_reached' });
    expect(toApiFailure(sdkError(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API.'), NOW))
      .toMatchObject({ category: 'billing', kind: 'credit_balance', status: 400, sdkClass: 'BadRequestError' });
    expect(toApiFailure(sdkError(400, 'invalid_request_error', 'max_tokens: Field required'), NOW)).toMatchObject({ category: 'invalid_request', kind: 'max_tokens_missing' });
    expect(toApiFailure(sdkError(429, 'rate_limit_error', 'slow down', { errorCode: 'ramp_limit_exceeded' }), NOW)).toMatchObject({ category: 'rate_limit', kind: 'acceleration' });
  });

  it('an organisation on hold is one thing everywhere: permission / org_disabled, its cause and its fix', () => {
    const failure = toApiFailure(sdkError(400, 'invalid_request_error', 'This organization is on hold.', { errorCode: 'organization_on_hold' }), NOW);
    expect(failure).toMatchObject({ category: 'permission', kind: 'org_disabled' });
    const advice = lookupAdvice('permission', 'org_disabled');
    expect(describeFailure(failure)).toMatchObject({ status: 'fail', blame: 'us', cause: advice.title, fix: advice.fixSteps[0] });
    expect(adviseFailure(failure)).toEqual({ cause: advice.cause, fixSteps: [...advice.fixSteps] });
    expect(classifyFailure(failure, undefined, 1)).toBe('billing');
  });

  it.each([
    [401, 'authentication_error', 'auth', 'AuthenticationError'],
    [402, 'billing_error', 'billing', 'PaymentRequiredError'],
    [403, 'permission_error', 'permission', 'PermissionDeniedError'],
    [404, 'not_found_error', 'not_found', 'NotFoundError'],
    [413, 'request_too_large', 'request_too_large', 'ContentTooLargeError'],
    [500, 'api_error', 'server_error', 'InternalServerError'],
    [504, 'timeout_error', 'timeout', 'GatewayTimeoutError'],
    [529, 'overloaded_error', 'overloaded', 'OverloadedError'],
  ])('%i %s → %s', (status, type, category, sdkClass) => {
    expect(toApiFailure(sdkError(status, type, 'm'), NOW)).toMatchObject({ category, status, type, sdkClass });
  });

  it('reads x-should-retry and hides secrets in messages', () => {
    const failure = toApiFailure(sdkError(503, 'api_error', `bad key sk-ant-api03-${'a'.repeat(93)}AA`, { headers: { 'x-should-retry': 'false' } }), NOW);
    expect(failure.shouldRetry).toBe(false);
    expect(failure.message).not.toContain('aaaaaaaa');
  });

  it('a timeout of our own probe (the SDK\'s) is advised as reaching the API, a pasted one as the client\'s timeout', () => {
    const failure = toApiFailure(new APIConnectionTimeoutError(), NOW);
    expect(failure).toMatchObject({ category: 'timeout', kind: 'client_timeout' });
    expect(describeFailure(failure).fix).toMatch(/^Check that https:\/\/api\.anthropic\.com is reachable/);
    expect(adviseFailure(failure).fixSteps.join(' ')).not.toMatch(/Raise `timeout`/);
    // The API's own gateway timeout said something: its advice stands.
    expect(describeFailure(toApiFailure(sdkError(504, 'timeout_error', 'm'), NOW)).fix).toBe(lookupAdvice('timeout', 'gateway_timeout').fixSteps[0]);
    // A user's pasted client timeout keeps the knowledge base's advice for their client.
    expect(explainOffline('APIConnectionTimeoutError: Request timed out.').fixSteps[0]).toMatch(/Raise `timeout`/);
  });

  it('reads a call our own rate budget held past its deadline as held by us, not as the network (it never left)', () => {
    const paused = toApiFailure(new DeadlineError(10_000, NOW + 38_500), NOW);
    expect(paused).toMatchObject({ category: 'rate_limit', kind: 'held', retryAfterSeconds: 39, shouldRetry: false });
    expect(paused.message).toMatch(/paused after a 429 from the API until/);
    expect(describeFailure(paused)).toMatchObject({ status: 'warn', blame: 'us', cause: "Held by the bot's own rate limit" });
    const paced = toApiFailure(new DeadlineError(0), NOW);
    expect(paced).toMatchObject({ category: 'rate_limit', kind: 'held', shouldRetry: false });
    expect(paced.retryAfterSeconds).toBeUndefined();
    expect(describeFailure(paced).blame).toBe('us');
  });

  it('says a proxy\'s HTML page in a few words (title, Ray ID), not the page, and still classifies it by its status', () => {
    // Seen running the built app: a Cloudflare 502 page appeared whole, as escaped markup, three times in one report.
    const page = '<!DOCTYPE html>\n<html lang="en-US">\n<head><title>api.anthropic.com | 502: Bad gateway</title></head>\n<body><h1>Bad gateway</h1><p>Cloudflare Ray ID: <strong>8f2a1b3c4d5e6f70</strong></p></body>\n</html>\n';
    const failure = toApiFailure(APIError.generate(502, undefined, page, new Headers({ server: 'cloudflare' })), NOW);
    expect(failure).toMatchObject({ category: 'server_error', status: 502 });
    expect(failure.message).toBe('an HTML error page from a proxy in front of the API, not the API\'s JSON: "api.anthropic.com | 502: Bad gateway" (Cloudflare Ray ID 8f2a1b3c4d5e6f70)');
  });

  it('reads an answer whose JSON could not be parsed as a server-side failure, not as an unknown error', () => {
    const failure = toApiFailure(new SyntaxError('Unterminated string in JSON at position 70'), NOW);
    expect(failure).toMatchObject({ category: 'server_error', message: expect.stringMatching(/not valid JSON.*Unterminated string/) });
    expect(describeFailure(failure).blame).toBe('anthropic');
  });

  it('maps connection, timeout, abort and our own guard errors', () => {
    expect(toApiFailure(new APIConnectionError({ cause: new Error('ECONNRESET') }), NOW)).toMatchObject({ category: 'connection' });
    expect(toApiFailure(new APIConnectionTimeoutError(), NOW)).toMatchObject({ category: 'timeout', kind: 'client_timeout' });
    expect(toApiFailure(new APIUserAbortError(), NOW)).toMatchObject({ category: 'timeout', kind: 'aborted' });
    expect(toApiFailure(new CircuitOpenError(), NOW)).toMatchObject({ category: 'server_error', kind: 'circuit_open' });
    expect(toApiFailure(new QueueFullError('messages', 10), NOW)).toMatchObject({ category: 'rate_limit', kind: 'queue_full' });
    // A call the shutting-down client dropped before sending: our own refusal, like an abort, never the API's.
    expect(toApiFailure(new StoppedError(), NOW)).toMatchObject({ category: 'timeout', kind: 'aborted', shouldRetry: false });
    expect(toApiFailure(new Error('weird'), NOW)).toMatchObject({ category: 'unknown', message: 'weird' });
  });
});
