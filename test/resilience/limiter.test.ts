import Bottleneck from 'bottleneck';
import { describe, expect, it, vi } from 'vitest';
import type { ResilienceEvent } from '../../src/ports/claude-api.js';
import { createLimiter, type Limiter } from '../../src/resilience/limiter.js';
import { QueueFullError, StoppedError } from '../../src/resilience/guard-errors.js';
import { createManualClock } from '../fakes/manual-clock.js';

function setup(messages: { rpm: number; maxConcurrent: number; maxQueue: number }) {
  const clock = createManualClock();
  const events: ResilienceEvent[] = [];
  const limiter = createLimiter({ lanes: { messages, free: { rpm: 600, maxConcurrent: 2, maxQueue: 10 } }, clock, sleep: clock.sleep, emit: (e) => events.push(e) });
  return { clock, events, limiter };
}

const run = (limiter: Limiter, priority: 'interactive' | 'background', task: (seq: number) => Promise<unknown>, deadlineAt = Number.MAX_SAFE_INTEGER) =>
  limiter.schedule('messages', { priority, weight: {}, deadlineAt, task });

describe('limiter', () => {
  it('holds the configured rate: a one-second burst, then evenly paced', async () => {
    const { clock, limiter } = setup({ rpm: 600, maxConcurrent: 1, maxQueue: 100 }); // 10/s, burst 10
    const start = clock.now();
    const sentAt: number[] = [];
    await Promise.all(Array.from({ length: 40 }, () => run(limiter, 'interactive', async () => sentAt.push(clock.now() - start))));
    expect(sentAt).toHaveLength(40);
    // Never more than the burst plus what the rate refilled since the start.
    sentAt.forEach((t, i) => expect(i + 1).toBeLessThanOrEqual(10 + Math.floor(t / 100) + 1));
    expect(sentAt[39]).toBeGreaterThanOrEqual(3000); // (40 − 10) calls at 100 ms each
    expect(limiter.snapshot().lanes.messages).toMatchObject({ done: 40, queued: 0, configuredRpm: 600, effectiveRpm: 600 });
  });

  it('pauses the whole lane after a 429 and reports it', async () => {
    const { clock, limiter } = setup({ rpm: 6000, maxConcurrent: 4, maxQueue: 100 });
    limiter.rateLimited('messages', clock.now() + 5000);
    expect(limiter.snapshot()).toMatchObject({ rateLimited: 1, last429At: '2026-11-26T12:00:00.000Z' });
    const sentAt: number[] = [];
    await Promise.all([1, 2, 3].map(() => run(limiter, 'background', async () => sentAt.push(clock.now()))));
    sentAt.forEach((t) => expect(t).toBeGreaterThanOrEqual(Date.parse('2026-11-26T12:00:05Z')));
  });

  it('follows the headers of a key shared with another client', async () => {
    const { clock, limiter } = setup({ rpm: 6000, maxConcurrent: 1, maxQueue: 100 });
    await run(limiter, 'interactive', async (seq) => limiter.observe('messages', { requests: { limit: 600, remaining: 0 } }, seq));
    expect(limiter.snapshot().lanes.messages.effectiveRpm).toBe(600);
    const before = clock.now();
    await run(limiter, 'interactive', async () => undefined); // the floored fraction of a token
    await run(limiter, 'interactive', async () => undefined);
    expect(clock.now() - before).toBeGreaterThanOrEqual(100); // waited for the API's bucket, not ours
  });

  it('runs interactive calls before queued background ones', async () => {
    // The lane's bottleneck itself, caught as the limiter calls it: its snapshot counts a job bottleneck has RECEIVED
    // and one it has QUEUED (where priorities apply) alike.
    const schedule = vi.spyOn(Bottleneck.prototype, 'schedule');
    try {
      const { limiter } = setup({ rpm: 60_000, maxConcurrent: 1, maxQueue: 100 });
      const order: string[] = [];
      let release: (() => void) | undefined;
      const first = run(limiter, 'background', () => new Promise<void>((resolve) => (release = resolve)));
      const queued = [run(limiter, 'background', async () => order.push('bg1')), run(limiter, 'background', async () => order.push('bg2'))];
      await vi.waitFor(() => { expect(release).toBeDefined(); expect(limiter.snapshot().lanes.messages.queued).toBe(2); }, { timeout: 5000, interval: 2 });
      const interactive = run(limiter, 'interactive', async () => order.push('person'));
      const lane = schedule.mock.contexts[0] as Bottleneck;
      // Bottleneck moves a received job to its queue some timers later: waited for (a fixed 20 ms sleep lost this race
      // on a loaded machine, and bg1 then ran before the person).
      await vi.waitFor(() => expect(lane.counts()).toMatchObject({ RECEIVED: 0, QUEUED: 3 }), { timeout: 5000, interval: 2 });
      release!();
      await Promise.all([first, ...queued, interactive]);
      expect(order).toEqual(['person', 'bg1', 'bg2']);
    } finally {
      schedule.mockRestore();
    }
  });

  it('bounds the queue: the overflow is reported to the caller and to the monitor', async () => {
    const { limiter, events } = setup({ rpm: 60_000, maxConcurrent: 1, maxQueue: 2 });
    let release: (() => void) | undefined;
    const first = run(limiter, 'background', () => new Promise<void>((resolve) => (release = resolve)));
    await vi.waitFor(() => expect(release).toBeDefined(), { timeout: 5000, interval: 2 }); // sent: it holds the only slot
    const rest = [1, 2, 3].map(() => run(limiter, 'background', async () => 'ran').catch((e: unknown) => e));
    await vi.waitFor(() => expect(limiter.snapshot().lanes.messages.dropped).toBe(1), { timeout: 5000, interval: 2 });
    release!();
    const results = await Promise.all(rest);
    await first;
    expect(results.filter((r) => r instanceof QueueFullError)).toHaveLength(1);
    expect(results.filter((r) => r === 'ran')).toHaveLength(2);
    expect(limiter.snapshot().lanes.messages.dropped).toBe(1);
    expect(events).toContainEqual(expect.objectContaining({ type: 'queue-saturated', lane: 'messages' }));
  });

  it('refuses the calls still queued at stop() as stopped, not as a full queue, and reports no saturation', async () => {
    const { events, limiter } = setup({ rpm: 6000, maxConcurrent: 1, maxQueue: 100 });
    let release: (() => void) | undefined;
    const running = run(limiter, 'interactive', () => new Promise<void>((r) => (release = r)));
    const queued = run(limiter, 'interactive', async () => 'sent');
    // The first is sent and holds the slot, the second waits in the queue (waited for: a fixed sleep lost this race under load).
    await vi.waitFor(() => { expect(release).toBeDefined(); expect(limiter.snapshot().lanes.messages.queued).toBe(1); }, { timeout: 5000, interval: 2 });
    const stopped = limiter.stop();
    await expect(queued).rejects.toBeInstanceOf(StoppedError);
    release!();
    await running;
    await stopped;
    expect(events.filter((e) => e.type === 'queue-saturated')).toEqual([]);
  });

  it('refuses a queued call at the front when told to, before it spends budget', async () => {
    const { limiter } = setup({ rpm: 600, maxConcurrent: 1, maxQueue: 10 });
    let sent = false;
    const refused = limiter.schedule('messages', { priority: 'interactive', weight: {}, deadlineAt: Number.MAX_SAFE_INTEGER, refuse: () => new Error('open'), task: async () => (sent = true) });
    await expect(refused).rejects.toThrow('open');
    expect(sent).toBe(false);
    expect(limiter.snapshot().lanes.messages.apiRemaining).toBeUndefined();
  });

  it('gives up waiting for the budget at the deadline, before sending anything', async () => {
    const { clock, limiter } = setup({ rpm: 6000, maxConcurrent: 1, maxQueue: 10 });
    limiter.rateLimited('messages', clock.now() + 60_000);
    let sent = false;
    await expect(run(limiter, 'interactive', async () => (sent = true), clock.now() + 1000)).rejects.toMatchObject({ code: 'EDEADLINE' });
    expect(sent).toBe(false);
  });
});
