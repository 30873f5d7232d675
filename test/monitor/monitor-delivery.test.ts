import { describe, expect, it } from 'vitest';
import { createHarness } from './monitor-harness.js';
import { fail, failure, ok, report } from './report-fixture.js';

const down = report([ok('auth'), fail('generation', failure('timeout', undefined))]);

describe('monitor delivery through a failing Slack', () => {
  it('delivers the alert once through 429s with Retry-After and 500s, then resolves in its thread', async () => {
    const h = createHarness();
    h.set(down);
    await h.runRounds(2);
    // Slack answers 429 (come back in 2 min), then 500, then throws, then works.
    h.rec.failNext({ ok: false, error: 'ratelimited', retryAfterSeconds: 120 }, { ok: false, error: 'internal_error' }, new Error('ECONNRESET'));
    await h.runRounds(1);
    expect(h.rec.calls).toEqual([]);
    await h.runRounds(1); // not due yet: Retry-After is honoured, no attempt
    expect(h.rec.attempts()).toBe(1);
    await h.runRounds(4);
    expect(h.rec.methods()).toEqual(['postRoot']);
    expect(h.rec.attempts()).toBe(4);
    h.set(report());
    await h.runRounds(2);
    expect(h.rec.methods()).toEqual(['postRoot', 'reply:resolved', 'updateRoot']);
  });

  it('keeps thread order when Slack is down for the whole incident, and posts each message once when it is back', async () => {
    const h = createHarness();
    h.set(down);
    h.rec.failNext(...Array.from({ length: 50 }, () => ({ ok: false as const, error: 'service_unavailable', retryAfterSeconds: 30 })));
    await h.runRounds(3);
    await h.monitor.acknowledge('api', 'U9');
    h.set(report());
    await h.runRounds(2);
    expect(h.rec.calls).toEqual([]);
    h.rec.failNext();
    while (h.rec.attempts() < 50) await h.runRounds(1);
    await h.runRounds(2);
    expect(h.rec.methods()).toEqual(['postRoot', 'reply:acknowledged', 'updateRoot', 'reply:resolved', 'updateRoot']);
    expect(new Set(h.rec.calls.map((c) => c.key)).size).toBe(5);
    expect(await h.store.pendingDeliveries(10)).toEqual([]);
  });
});

describe('monitor with a slow Slack', () => {
  it('keeps probing while a post hangs, then delivers it once', async () => {
    const h = createHarness({ deliveryWaitMs: 5 });
    let release: (() => void) | undefined;
    const original = h.rec.sink.postRoot;
    let posts = 0;
    h.rec.sink.postRoot = async (root, key) => {
      posts += 1;
      await new Promise<void>((r) => { release = r; });
      return original(root, key);
    };
    h.set(down);
    await h.runRounds(3); // the third round opens the incident; its post hangs
    await h.runRounds(3); // rounds go on meanwhile
    expect(h.rounds()).toBe(6);
    expect(posts).toBe(1);
    release?.();
    await h.monitor.stop();
    await h.runRounds(2);
    expect(posts).toBe(1);
    expect(h.rec.methods()).toEqual(['postRoot']);
  });
});
