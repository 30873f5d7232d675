import { afterEach, describe, expect, it, vi } from 'vitest';
import { hello, startHarness } from './claude-api-harness.js';

let h: Awaited<ReturnType<typeof startHarness>>;
afterEach(() => h.close());

const oneAttempt = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 };

async function openBreaker(resetMs: number) {
  h = await startHarness({ breaker: { timeoutMs: 2000, errorPercent: 50, resetMs, volumeThreshold: 3 }, retry: oneAttempt });
  h.fake.setFaults([{ fault: { kind: 'status', status: 529 } }]);
  for (let i = 0; i < 3; i++) await h.api.createMessage(hello);
  expect(h.api.resilience().breaker.state).toBe('open');
}

describe('breaker in the guarded client', () => {
  it('opens under failures and then fails fast without reaching the API', async () => {
    await openBreaker(60_000);
    const sent = h.fake.requests.length;
    expect(await h.api.createMessage(hello)).toMatchObject({ ok: false, failure: { category: 'server_error', kind: 'circuit_open', attempts: 1 } });
    expect(h.fake.requests).toHaveLength(sent);
    expect(h.api.resilience().breaker).toMatchObject({ state: 'open', failures: 3, openedAt: expect.any(String), nextAttemptAt: expect.any(String) });
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'breaker', state: 'open' }));
  });

  it('half-opens after the reset time and closes on a success', async () => {
    await openBreaker(100);
    h.fake.clearFaults();
    await vi.waitFor(() => expect(h.events).toContainEqual(expect.objectContaining({ type: 'breaker', state: 'half-open' })), { timeout: 5000, interval: 2 });
    expect(await h.api.createMessage(hello)).toMatchObject({ ok: true });
    expect(h.api.resilience().breaker.state).toBe('closed');
    expect(h.events.filter((e) => e.type === 'breaker').map((e) => e.type === 'breaker' && e.state)).toEqual(['open', 'half-open', 'closed']);
  });

  it('is not closed by a caller error during half-open (opossum would count it a success)', async () => {
    await openBreaker(100);
    await vi.waitFor(() => expect(h.events).toContainEqual(expect.objectContaining({ type: 'breaker', state: 'half-open' })), { timeout: 5000, interval: 2 });
    h.fake.setFaults([{ fault: { kind: 'status', status: 400 }, times: 1 }]);
    expect(await h.api.createMessage(hello)).toMatchObject({ ok: false, failure: { category: 'invalid_request' } });
    expect(h.api.resilience().breaker.state).toBe('open');
    expect(h.events.some((e) => e.type === 'breaker' && e.state === 'closed')).toBe(false);
  });

  it('is not opened by caller errors or rate limits', async () => {
    h = await startHarness({ breaker: { timeoutMs: 2000, errorPercent: 50, resetMs: 60_000, volumeThreshold: 3 }, retry: oneAttempt });
    h.fake.setFaults([{ fault: { kind: 'status', status: 400 }, times: 5 }, { fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, times: 5 }]);
    for (let i = 0; i < 10; i++) await h.api.createMessage(hello);
    expect(h.api.resilience().breaker).toMatchObject({ state: 'closed', failures: 0 });
  });

  it('lets a probe reach the API while open; its success closes the breaker', async () => {
    await openBreaker(60_000);
    h.fake.clearFaults();
    expect(await h.api.listModels({ probe: true, priority: 'background' })).toMatchObject({ ok: true });
    expect(h.api.resilience().breaker.state).toBe('closed');
  });
});
