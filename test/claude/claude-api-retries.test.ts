import { afterEach, describe, expect, it } from 'vitest';
import type { FaultStatus } from '../fakes/fake-claude-api.js';
import { hello, startHarness } from './claude-api-harness.js';

let h: Awaited<ReturnType<typeof startHarness>>;
afterEach(() => h.close());

describe('retries', () => {
  it.each<FaultStatus>([408, 409, 500, 502, 503, 504, 529])('retries a %i and then succeeds', async (status) => {
    h = await startHarness();
    h.fake.setFaults([{ fault: { kind: 'status', status }, endpoint: 'messages', times: 2 }]);
    const outcome = await h.api.createMessage(hello);
    expect(outcome.ok).toBe(true);
    expect(h.fake.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(3);
    expect(h.clock.slept.length).toBeGreaterThanOrEqual(2); // backed off between attempts
  });

  it.each<FaultStatus>([400, 401, 402, 403, 404, 413])('never retries a %i', async (status) => {
    h = await startHarness();
    h.fake.setFaults([{ fault: { kind: 'status', status }, times: 1 }]);
    const outcome = await h.api.createMessage(hello);
    expect(outcome).toMatchObject({ ok: false, failure: { status, attempts: 1 } });
    expect(h.fake.requests).toHaveLength(1);
  });

  it('honours x-should-retry: false', async () => {
    h = await startHarness();
    h.fake.setFaults([{ fault: { kind: 'status', status: 503, shouldRetry: false }, times: 1 }]);
    expect(await h.api.countTokens('claude-haiku-4-5')).toMatchObject({ ok: false, failure: { status: 503, attempts: 1 } });
  });

  it('retries a connection reset and an HTML proxy page', async () => {
    h = await startHarness();
    h.fake.setFaults([{ fault: { kind: 'reset' }, times: 1 }, { fault: { kind: 'html', status: 502 }, times: 1 }]);
    expect(await h.api.listModels()).toMatchObject({ ok: true });
    expect(h.fake.requests).toHaveLength(3);
  });

  it('gives up after the last attempt and says how many were made', async () => {
    h = await startHarness({ retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 } });
    h.fake.setFaults([{ fault: { kind: 'status', status: 529 } }]);
    expect(await h.api.createMessage(hello)).toMatchObject({ ok: false, failure: { category: 'overloaded', status: 529, attempts: 3, sdkClass: 'OverloadedError' } });
  });

  it('stops an attempt that hangs at the timeout, aborting the request', async () => {
    // The timeout is real time and the second attempt must answer within it too: 1 s, not 150 ms, for a loaded machine.
    h = await startHarness({ breaker: { timeoutMs: 1000, errorPercent: 50, resetMs: 60_000, volumeThreshold: 10 }, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    h.fake.setFaults([{ fault: { kind: 'hang' }, times: 1 }]);
    const outcome = await h.api.createMessage(hello);
    expect(outcome.ok).toBe(true); // the second attempt answered
    expect(h.api.resilience().breaker.timeouts).toBe(1);
  });

  it('a probe makes one attempt only', async () => {
    h = await startHarness();
    h.fake.setFaults([{ fault: { kind: 'status', status: 500 }, times: 1 }]);
    expect(await h.api.listModels({ probe: true, priority: 'background' })).toMatchObject({ ok: false, failure: { category: 'server_error', attempts: 1 } });
  });
});
