import { describe, expect, it } from 'vitest';
import { createManualTime } from '../fakes/manual-clock.js';
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

describe('monitor pacing Slack on its schedule', () => {
  it('sends one message a second: what waits goes out on the delivery timer, not after a sleep in the pass', async () => {
    const time = createManualTime();
    const h = createHarness({ clock: time.clock, timers: time.timers, jitter: 0, outbox: { paceMs: 1000 } });
    h.set(down);
    h.monitor.start();
    await time.advance(120_000); // rounds at 0, 60 s and 120 s: the third opens the incident and posts its root
    expect(h.rec.methods()).toEqual(['postRoot']);
    // Acknowledged in the same second: the note and the root's update are stored, and wait for Slack's pace.
    await h.monitor.acknowledge('api', 'U1');
    expect(h.rec.methods()).toEqual(['postRoot']);
    await time.advance(999);
    expect(h.rec.methods()).toEqual(['postRoot']);
    await time.advance(1);
    expect(h.rec.methods()).toEqual(['postRoot', 'reply:acknowledged']);
    await time.advance(1000);
    expect(h.rec.methods()).toEqual(['postRoot', 'reply:acknowledged', 'updateRoot']);
    await h.monitor.stop();
    expect(time.pending()).toEqual([]);
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
