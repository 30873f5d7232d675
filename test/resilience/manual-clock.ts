/**
 * A clock that only moves when told, and a `sleep` that moves it: sleeping until `now + ms` sets the clock to at
 * least that instant, so concurrent sleepers that started together wake at the same simulated time.
 */
export function createManualClock(start = Date.parse('2026-11-26T12:00:00Z')) {
  let t = start;
  const slept: number[] = [];
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    slept,
    async sleep(ms: number) {
      slept.push(ms);
      const target = t + ms;
      await new Promise((resolve) => setImmediate(resolve));
      t = Math.max(t, target);
    },
  };
}

/** Polls (real time, without asserting on it) until `condition` holds, e.g. until bottleneck has queued a job. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
