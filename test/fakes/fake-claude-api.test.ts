import Anthropic, {
  APIConnectionError, APIConnectionTimeoutError, APIError, AuthenticationError, BadRequestError, ContentTooLargeError,
  GatewayTimeoutError, InternalServerError, NotFoundError, OverloadedError, PaymentRequiredError,
  PermissionDeniedError, RateLimitError,
} from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeApiKey, startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi } from './fake-claude-api.js';
import { createManualClock } from './manual-clock.js';

const HELLO = { model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user' as const, content: 'Hello there' }] };

let fake: FakeClaudeApi;
const client = (apiKey = TEST_API_KEY, timeout?: number): Anthropic =>
  new Anthropic({ apiKey, baseURL: fake.url, maxRetries: 0, ...(timeout ? { timeout } : {}) });

/** The error a call rejects with (fails the test when it resolves). */
async function failure(call: Promise<unknown>): Promise<APIError> {
  try {
    await call;
  } catch (error) {
    return error as APIError;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  fake = await startFakeClaudeApi();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

describe('fake Claude API with the real SDK', () => {
  it('answers a message with the request id, organization and rate-limit headers', async () => {
    const { data, response } = await client().messages.create(HELLO).withResponse();
    expect(data).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-haiku-4-5', stop_reason: 'end_turn' });
    expect(data.content[0]).toMatchObject({ type: 'text' });
    expect(data.usage.input_tokens).toBe(Math.ceil('Hello there'.length / 4));
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(response.headers.get('anthropic-organization-id')).toBe('org-test-0001');
    for (const name of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      expect(response.headers.get(`anthropic-ratelimit-${name}-limit`)).toMatch(/^\d+$/);
      expect(response.headers.get(`anthropic-ratelimit-${name}-remaining`)).toMatch(/^\d+$/);
      expect(response.headers.get(`anthropic-ratelimit-${name}-reset`)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/messages', status: 200 });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
  });

  it('stops at max_tokens', async () => {
    const message = await client().messages.create({ ...HELLO, max_tokens: 1 });
    expect(message).toMatchObject({ stop_reason: 'max_tokens', usage: { output_tokens: 1 } });
  });

  it('counts tokens on the free lane, with its own requests headers', async () => {
    const { data, response } = await client().messages.countTokens({ model: HELLO.model, messages: HELLO.messages }).withResponse();
    expect(data.input_tokens).toBe(3);
    expect(response.headers.get('anthropic-ratelimit-requests-limit')).toBe('100000');
    expect(response.headers.get('anthropic-ratelimit-input-tokens-limit')).toBeNull();
  });

  it('rejects an unknown key and a malformed one with AuthenticationError and the real body', async () => {
    const error = await failure(client(makeApiKey('revoked')).models.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.error).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' },
      request_id: error.requestID });
    expect(error.requestID).toMatch(/^req_/);
    expect(error.headers?.get('anthropic-organization-id')).toBeNull();
    expect(await failure(client('sk-ant-nonsense').messages.create(HELLO))).toBeInstanceOf(AuthenticationError);
  });

  it('accepts x-api-key clients (SDK 0.x style, plain fetch) and asks for a key when none is sent', async () => {
    const ok = await fetch(`${fake.url}/v1/models`, { headers: { 'x-api-key': TEST_API_KEY, 'anthropic-version': '2023-06-01' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('anthropic-organization-id')).toBe('org-test-0001');
    const missing = await fetch(`${fake.url}/v1/models`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
  });

  it('lists models newest first, paginated, hiding retired ones unless asked', async () => {
    const first = await client().models.list({ limit: 2 });
    expect(first.data.map((m) => m.id)).toEqual(['claude-haiku-4-5', 'claude-sonnet-4-5']);
    expect(first.has_more).toBe(true);
    expect(first.last_id).toBe('claude-sonnet-4-5');
    const all: string[] = [];
    for await (const model of client().models.list({ limit: 1 })) all.push(model.id);
    expect(all).toEqual(['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-3-7-sonnet-20250219']);
    const retired = await client().models.list({ lifecycle: ['retired'] });
    expect(retired.data.map((m) => m.id)).toEqual(['claude-3-opus-20240229']);
  });

  it('retrieves any known model with its lifecycle, and 404s an unknown one', async () => {
    const deprecated = await client().models.retrieve('claude-3-7-sonnet-20250219');
    expect(deprecated).toMatchObject({ type: 'model', lifecycle: 'deprecated', retires_at: '2026-02-19T00:00:00Z', max_tokens: 64_000 });
    expect(await client().models.retrieve('claude-3-opus-20240229')).toMatchObject({ lifecycle: 'retired' });
    const error = await failure(client().models.retrieve('claude-nope'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.type).toBe('not_found_error');
  });
});

describe('refusals with real messages', () => {
  it('404s unknown and retired models on messages and count_tokens alike', async () => {
    for (const model of ['claude-nope', 'claude-3-opus-20240229']) {
      const error = await failure(client().messages.create({ ...HELLO, model }));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.apiMessage).toBe(`model: ${model}`);
      expect(await failure(client().messages.countTokens({ model, messages: HELLO.messages }))).toBeInstanceOf(NotFoundError);
    }
  });

  it('403s a model the key may not use', async () => {
    const key = makeApiKey('no-sonnet');
    fake.addKey(key, { organizationId: 'org-2', workspaceId: 'wrkspc_01', forbiddenModels: ['claude-sonnet-4-5'] });
    const error = await failure(client(key).messages.countTokens({ model: 'claude-sonnet-4-5', messages: HELLO.messages }));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.type).toBe('permission_error');
    expect(error.workspaceID).toBe('wrkspc_01');
    expect(error.headers?.get('anthropic-organization-id')).toBe('org-2');
  });

  it('400s invalid bodies with the API wording', async () => {
    const bad = (body: unknown): Promise<APIError> =>
      // An explicit timeout skips the SDK's own "streaming is required" guard for a large max_tokens.
      failure(client(TEST_API_KEY, 5_000).messages.create(body as Anthropic.MessageCreateParamsNonStreaming));
    const cases: Array<[unknown, string]> = [
      [{ model: HELLO.model, messages: HELLO.messages }, 'max_tokens: Field required'],
      [{ ...HELLO, max_tokens: 100_000 }, 'max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5'],
      [{ ...HELLO, messages: [] }, 'messages: at least one message is required'],
      [{ ...HELLO, messages: [{ role: 'assistant', content: 'hi' }] }, 'messages: first message must use the "user" role'],
    ];
    for (const [body, message] of cases) {
      const error = await bad(body);
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error.type).toBe('invalid_request_error');
      expect(error.apiMessage).toBe(message);
    }
  });

  it('reveals billing states on messages only, never on the free probes', async () => {
    const states = {
      credit_balance_too_low: /^Your credit balance is too low to access the Anthropic API/,
      spend_cap_reached: /^You have reached your specified API usage limits/,
      disabled: /^This organization has been disabled/,
    } as const;
    for (const [billing, message] of Object.entries(states)) {
      const key = makeApiKey(billing);
      fake.addKey(key, { organizationId: 'org-billing', billing: billing as keyof typeof states });
      const error = await failure(client(key).messages.create(HELLO));
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error.apiMessage).toMatch(message);
      await expect(client(key).messages.countTokens({ model: HELLO.model, messages: HELLO.messages })).resolves.toBeDefined();
    }
  });
});

describe('continuous token bucket (injected clock, no sleeping)', () => {
  const clock = createManualClock(); // 2026-11-26T12:00:00Z
  let limited: FakeClaudeApi;
  const limitedClient = (): Anthropic => new Anthropic({ apiKey: TEST_API_KEY, baseURL: limited.url, maxRetries: 0 });

  beforeAll(async () => {
    limited = await startFakeClaudeApi({ now: clock.now, limits: { rpm: 60 }, freeLimits: { rpm: 120 } });
  });
  afterAll(() => limited.close());

  it('holds one second of a 60 RPM limit and refills 1 request per second, continuously', async () => {
    const { response } = await limitedClient().messages.create(HELLO).withResponse();
    expect(response.headers.get('anthropic-ratelimit-requests-limit')).toBe('60');
    expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(response.headers.get('anthropic-ratelimit-requests-reset')).toBe('2026-11-26T12:00:01Z');

    const error = await failure(limitedClient().messages.create(HELLO));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.type).toBe('rate_limit_error');
    expect(error.headers?.get('retry-after')).toBe('1');
    expect(error.headers?.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(error.apiMessage).toContain('of 60 requests per minute');

    clock.advance(500); // half a request back: still refused
    expect(await failure(limitedClient().messages.create(HELLO))).toBeInstanceOf(RateLimitError);
    clock.advance(500);
    await expect(limitedClient().messages.create(HELLO)).resolves.toMatchObject({ type: 'message' });
    expect(limited.stats()).toMatchObject({ rateLimited: 2, byStatus: { 200: 2, 429: 2 } });
  });

  it('keeps the free lane in its own bucket and counts other users of the key', async () => {
    clock.advance(60_000);
    limited.consumeExternally(1);
    expect(await failure(limitedClient().messages.create(HELLO))).toBeInstanceOf(RateLimitError);
    const { response } = await limitedClient().models.list().withResponse();
    expect(response.headers.get('anthropic-ratelimit-requests-limit')).toBe('120');
    await limitedClient().models.list();
    const error = await failure(limitedClient().models.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.headers?.get('retry-after')).toBe('1');
  });

  it('limits input tokens per minute with a full minute of capacity', async () => {
    clock.advance(60_000);
    limited.setLimits({ rpm: 6000, inputTpm: 600 });
    const prompt = { ...HELLO, messages: [{ role: 'user' as const, content: 'x'.repeat(1600) }] }; // 400 tokens
    const { response } = await limitedClient().messages.create(prompt).withResponse();
    expect(response.headers.get('anthropic-ratelimit-input-tokens-remaining')).toBe('200');
    expect(response.headers.get('anthropic-ratelimit-tokens-remaining')).toBe('200');
    const error = await failure(limitedClient().messages.create(prompt));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.apiMessage).toContain('600 input tokens per minute');
    expect(error.headers?.get('retry-after')).toBe('20'); // 200 missing at 10 tokens per second
    clock.advance(20_000);
    await expect(limitedClient().messages.create(prompt)).resolves.toMatchObject({ type: 'message' });
  });
});

describe('status faults surface as the SDK error classes', () => {
  const cases: Array<[number, new (...args: never[]) => APIError, string]> = [
    [400, BadRequestError, 'invalid_request_error'],
    [401, AuthenticationError, 'authentication_error'],
    [402, PaymentRequiredError, 'billing_error'],
    [403, PermissionDeniedError, 'permission_error'],
    [404, NotFoundError, 'not_found_error'],
    [413, ContentTooLargeError, 'request_too_large'],
    [429, RateLimitError, 'rate_limit_error'],
    [500, InternalServerError, 'api_error'],
    [504, GatewayTimeoutError, 'timeout_error'],
    [529, OverloadedError, 'overloaded_error'],
  ];
  for (const [status, errorClass, type] of cases) {
    it(`${status} → ${errorClass.name}`, async () => {
      fake.setFaults([{ fault: { kind: 'status', status: status as 400 }, endpoint: 'messages', times: 1 }]);
      const error = await failure(client().messages.create(HELLO));
      expect(error).toBeInstanceOf(errorClass);
      expect(error.status).toBe(status);
      expect(error.type).toBe(type);
      // The edge answers 413 before the API: no request id there.
      expect(error.requestID).toEqual(status === 413 ? null : expect.stringMatching(/^req_/));
      await expect(client().messages.create(HELLO)).resolves.toMatchObject({ type: 'message' }); // times: 1 used up
    });
  }

  it('529 is an InternalServerError too (OverloadedError extends it)', async () => {
    fake.setFaults([{ fault: { kind: 'status', status: 529 } }]);
    expect(await failure(client().models.list())).toBeInstanceOf(InternalServerError);
  });

  it('a 429 fault carries retry-after, x-should-retry and an error code the SDK maps', async () => {
    fake.setFaults([{ fault: { kind: 'status', status: 429, retryAfterSeconds: 7, shouldRetry: true } , endpoint: 'count_tokens' }]);
    const error = await failure(client().messages.countTokens({ model: HELLO.model, messages: HELLO.messages }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.headers?.get('retry-after')).toBe('7');
    expect(error.headers?.get('x-should-retry')).toBe('true');
    await expect(client().messages.create(HELLO)).resolves.toBeDefined(); // other endpoints unaffected

    fake.setFaults([{ fault: { kind: 'status', status: 429, errorCode: 'enforced_spend_limit_reached' } }]);
    const cap = await failure(client().messages.create(HELLO));
    expect(cap).toBeInstanceOf(RateLimitError);
    expect(cap.errorCode).toBe('enforced_spend_limit_reached');
    expect(cap.constructor.name).toBe('EnforcedSpendLimitReachedError');
    expect(cap.headers?.get('retry-after')).toBeNull();
  });
});

describe('transport faults', () => {
  it('html: a proxy page for 502/504/524, without request id', async () => {
    for (const [status, errorClass] of [[502, InternalServerError], [504, GatewayTimeoutError], [524, InternalServerError]] as const) {
      fake.setFaults([{ fault: { kind: 'html', status }, times: 1 }]);
      const error = await failure(client().messages.create(HELLO));
      expect(error).toBeInstanceOf(errorClass);
      expect(error.status).toBe(status);
      expect(error.message).toContain(`<title>api.anthropic.com | ${status}:`);
      expect(error.requestID).toBeNull();
      expect(error.headers?.get('content-type')).toMatch(/^text\/html/);
    }
  });

  it('slow: answers normally after the delay, or times the client out', async () => {
    fake.setFaults([{ fault: { kind: 'slow', delayMs: 30 }, times: 1 }]);
    await expect(client().models.list()).resolves.toBeDefined();
    fake.setFaults([{ fault: { kind: 'slow', delayMs: 10_000 }, times: 1 }]);
    expect(await failure(client(TEST_API_KEY, 100).models.list())).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('hang: never answers, so a small timeout gives APIConnectionTimeoutError', async () => {
    fake.setFaults([{ fault: { kind: 'hang' }, endpoint: 'messages' }]);
    // 1 s, not 150 ms: the request must reach the fake (recorded below) before the client gives up, on a loaded machine too.
    expect(await failure(client(TEST_API_KEY, 1000).messages.create(HELLO))).toBeInstanceOf(APIConnectionTimeoutError);
    expect(fake.requests.at(-1)?.status).toBe(0);
  });

  it('reset: a destroyed socket is an APIConnectionError, not a timeout', async () => {
    fake.setFaults([{ fault: { kind: 'reset' }, times: 1 }]);
    const error = await failure(client().messages.create(HELLO));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('malformed-json: a 200 whose body does not parse', async () => {
    fake.setFaults([{ fault: { kind: 'malformed-json' }, times: 1 }]);
    const error: unknown = await failure(client().messages.create(HELLO));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(APIError);
    expect(fake.requests.at(-1)?.status).toBe(200);
  });

  it('stream-error: HTTP 200, then an overloaded_error event mid-stream (APIError without status)', async () => {
    fake.setFaults([{ fault: { kind: 'stream-error' } }]);
    await expect(client().messages.create(HELLO)).resolves.toBeDefined(); // only streams match the rule
    const events: string[] = [];
    const stream = await client().messages.create({ ...HELLO, stream: true });
    const error = await failure((async () => { for await (const event of stream) events.push(event.type); })());
    expect(events).toEqual(['message_start']);
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBeUndefined();
    expect(error.type).toBe('overloaded_error');
  });

  it('streams a whole message when no fault is set', async () => {
    const text = await client().messages.stream(HELLO).finalText();
    expect(text).toBe('Hello from the fake Claude API.');
  });
});

describe('keys and lifecycle of the server', () => {
  it('can answer Bearer with 401 "Invalid bearer token", as the API did before 2026-10-21', async () => {
    const key = makeApiKey('old-api');
    fake.addKey(key, { organizationId: 'org-old', acceptsBearer: false });
    const error = await failure(client(key).models.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.apiMessage).toBe('Invalid bearer token');
    const viaHeader = await fetch(`${fake.url}/v1/models`, { headers: { 'x-api-key': key } });
    expect(viaHeader.status).toBe(200);
  });

  it('makes well-formed, deterministic keys', () => {
    expect(TEST_API_KEY).toMatch(/^sk-ant-api03-[A-Za-z0-9_-]{93}AA$/);
    expect(TEST_API_KEY).toHaveLength(108);
    expect(makeApiKey('a')).toBe(makeApiKey('a'));
    expect(makeApiKey('a')).not.toBe(makeApiKey('b'));
  });

  it('counts requests in flight and closes with a request still hanging', async () => {
    const other = await startFakeClaudeApi({ latencyMs: 1 });
    other.setFaults([{ fault: { kind: 'hang' } }]);
    const hung = Promise.all([1, 2].map(() => fetch(`${other.url}/v1/models`).then(() => 'answered', () => 'dropped')));
    while (other.stats().inFlight < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(other.stats()).toMatchObject({ requests: 2, inFlight: 2, maxInFlight: 2 });
    await other.close();
    expect(await hung).toEqual(['dropped', 'dropped']);
  });
});

describe('edges of the protocol', () => {
  const post = (path: string, body: string): Promise<Response> => fetch(`${fake.url}${path}`, {
    method: 'POST', body, headers: { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' },
  });

  it('400s a body that is not JSON and validates count_tokens like messages', async () => {
    const broken = await post('/v1/messages', '{"model":');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const noMessages = await post('/v1/messages/count_tokens', JSON.stringify({ model: HELLO.model }));
    expect(noMessages.status).toBe(400);
    expect(await noMessages.json()).toMatchObject({ error: { message: 'messages: Field required' } });
    expect(fake.requests.at(-1)?.body).toEqual({ model: HELLO.model });
  });

  it('404s an unknown path and 413s a body over 32 MB at the edge', async () => {
    const unknown = await fetch(`${fake.url}/v1/nothing`, { headers: { 'x-api-key': TEST_API_KEY } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    const error = await failure(client().messages.create({ ...HELLO, messages: [{ role: 'user', content: 'x'.repeat(33 * 1024 * 1024) }] }));
    expect(error).toBeInstanceOf(ContentTooLargeError);
    expect(error.type).toBe('request_too_large');
  });

  it('pages backwards with before_id', async () => {
    const page = await client().models.list({ before_id: 'claude-3-7-sonnet-20250219', limit: 1 });
    expect(page.data.map((m) => m.id)).toEqual(['claude-sonnet-4-5']);
    expect(page.has_more).toBe(true);
  });
});
