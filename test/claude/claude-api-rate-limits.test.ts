import { afterEach, describe, expect, it } from 'vitest';
import { hello, startHarness } from './claude-api-harness.js';

let h: Awaited<ReturnType<typeof startHarness>>;
afterEach(() => h.close());

const burst = <T>(n: number, call: () => Promise<T>) => Promise.all(Array.from({ length: n }, call));

describe('rate limits', () => {
  it('holds the configured rate: no 429 on the wire at the limit the bot knows', async () => {
    h = await startHarness({ limits: { rpm: 600, maxConcurrent: 4 } }, { limits: { rpm: 600 } });
    const start = h.clock.now();
    const outcomes = await burst(40, () => h.api.createMessage(hello));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(h.fake.stats().rateLimited).toBe(0);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(2900); // 30 calls past the 10-call burst at 10 a second
    expect(h.api.resilience().limiter.lanes.messages).toMatchObject({ done: 40, configuredRpm: 600, effectiveRpm: 600 });
  });

  it('pauses everyone on the lane after a 429 with retry-after, not only the call that got it', async () => {
    h = await startHarness();
    h.fake.setFaults([{ fault: { kind: 'status', status: 429, retryAfterSeconds: 5 }, endpoint: 'messages', times: 1 }]);
    const first = await h.api.createMessage(hello);
    expect(first.ok).toBe(true);
    const limited = h.fake.requests.find((r) => r.status === 429);
    expect(h.api.resilience().limiter).toMatchObject({ rateLimited: 1, last429At: new Date(limited!.at).toISOString() });
    await burst(5, () => h.api.createMessage(hello));
    const after = h.fake.requests.filter((r) => r.at > limited!.at);
    expect(after).toHaveLength(6);
    after.forEach((r) => expect(r.at).toBeGreaterThanOrEqual(limited!.at + 5000));
    // The free lane has its own bucket at the API, so it does not hold.
    expect(h.api.resilience().limiter.lanes.free.pausedUntil).toBeUndefined();
  });

  it('follows the headers when the key is shared: a limit ten times lower than configured', async () => {
    h = await startHarness({ limits: { rpm: 6000, maxConcurrent: 4 } }, { limits: { rpm: 600 } });
    await h.api.createMessage(hello);
    expect(h.api.resilience().limiter.lanes.messages.effectiveRpm).toBe(600);
    h.fake.consumeExternally(5); // another service on the same key
    const outcomes = await burst(30, () => h.api.createMessage(hello));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(h.fake.stats().rateLimited).toBeLessThanOrEqual(1);
    expect(h.api.resilience().limiter.lanes.messages.apiRemaining?.requests).toBeDefined();
  });

  it('keeps the configured rate when a proxy strips the headers', async () => {
    h = await startHarness({ limits: { rpm: 600, maxConcurrent: 2 } });
    const stripping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers([...response.headers].filter(([name]) => !name.startsWith('anthropic-ratelimit')));
      return new Response(response.body, { status: response.status, headers });
    };
    const proxied = await startHarness({ baseURL: h.fake.url, fetch: stripping, limits: { rpm: 600, maxConcurrent: 2 } });
    expect((await proxied.api.createMessage(hello)).meta?.rateLimits).toBeUndefined();
    expect(proxied.api.resilience().limiter.lanes.messages.effectiveRpm).toBe(600);
    await proxied.close();
  });

  it('drops what overflows the bounded queue with a clear failure', async () => {
    h = await startHarness({ limits: { rpm: 60_000, maxConcurrent: 1, maxQueue: 3 } });
    h.fake.setFaults([{ fault: { kind: 'slow', delayMs: 300 }, times: 1 }]); // the first call holds the only slot
    const outcomes = await burst(8, () => h.api.listModels({ priority: 'background' }));
    const dropped = outcomes.filter((o) => !o.ok && o.failure.kind === 'queue_full');
    expect(dropped.length).toBeGreaterThan(0);
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'queue-saturated', lane: 'free' }));
  });
});
