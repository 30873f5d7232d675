import { afterEach, describe, expect, it } from 'vitest';
import { hello, startHarness } from './claude-api-harness.js';

let h: Awaited<ReturnType<typeof startHarness>>;
afterEach(() => h.close());

describe('createClaudeApi against the fake API', () => {
  it('lists models, gets one, counts tokens and creates a message, with the headers as meta', async () => {
    h = await startHarness();
    const models = await h.api.listModels();
    expect(models.ok && models.value.map((m) => m.id)).toContain('claude-haiku-4-5');
    const retired = await h.api.listModels({ includeRetired: true });
    expect(retired.ok && retired.value.some((m) => m.lifecycle === 'retired')).toBe(true);
    expect(await h.api.getModel('claude-haiku-4-5')).toMatchObject({ ok: true, value: { id: 'claude-haiku-4-5', lifecycle: 'active' } });
    expect(await h.api.countTokens('claude-haiku-4-5')).toMatchObject({ ok: true, value: { inputTokens: expect.any(Number) } });
    const message = await h.api.createMessage(hello);
    expect(message).toMatchObject({ ok: true, value: { model: 'claude-haiku-4-5', usage: { outputTokens: expect.any(Number) } } });
    expect(message.meta).toMatchObject({ endpoint: 'messages', status: 200, requestId: expect.stringMatching(/^req_/), organizationId: 'org-test-0001' });
    expect(message.meta?.rateLimits?.requests?.limit).toBeGreaterThan(0);
    expect(h.api.lastMeta('messages')?.requestId).toBe(message.meta?.requestId);
    expect(h.fake.requests.every((r) => r.headers.authorization === undefined || r.headers.authorization.startsWith('Bearer '))).toBe(true);
  });

  it('reports an unknown model, a rejected key and an empty credit balance as failures, not exceptions', async () => {
    h = await startHarness();
    expect(await h.api.getModel('claude-nope')).toMatchObject({ ok: false, failure: { category: 'not_found', status: 404, attempts: 1, requestId: expect.stringMatching(/^req_/) } });
    const billing = await startHarness({}, { keys: { 'sk-ant-api03-broke': { organizationId: 'org-broke', billing: 'credit_balance_too_low' } } });
    try {
      const broke = await startHarness({ apiKey: 'sk-ant-api03-broke', baseURL: billing.fake.url });
      expect(await broke.api.createMessage(hello)).toMatchObject({ ok: false, failure: { category: 'billing', kind: 'credit_balance', status: 400, sdkClass: 'BadRequestError' } });
      expect(await broke.api.countTokens('claude-haiku-4-5')).toMatchObject({ ok: true });
      await broke.close();
    } finally {
      await billing.close();
    }
    const stranger = await startHarness({ apiKey: 'sk-ant-api03-unknown', baseURL: h.fake.url });
    expect(await stranger.api.listModels()).toMatchObject({ ok: false, failure: { category: 'auth', status: 401, sdkClass: 'AuthenticationError' } });
    await stranger.close();
  });

  it('tells a spend cap apart and never retries it', async () => {
    h = await startHarness({}, { keys: { 'sk-ant-api03-capped': { organizationId: 'org-cap', billing: 'spend_cap_reached' } } });
    const capped = await startHarness({ apiKey: 'sk-ant-api03-capped', baseURL: h.fake.url });
    expect(await capped.api.createMessage(hello)).toMatchObject({ ok: false, failure: { category: 'billing', kind: 'spend_cap', attempts: 1 } });
    h.fake.setFaults([{ fault: { kind: 'status', status: 429, errorCode: 'enforced_spend_limit_reached' }, times: 1 }]);
    expect(await capped.api.listModels()).toMatchObject({ ok: false, failure: { category: 'billing', kind: 'spend_cap', status: 429, attempts: 1 } });
    await capped.close();
  });
});
