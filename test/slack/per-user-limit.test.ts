import { describe, expect, it } from 'vitest';
import { createPerUserLimit } from '../../src/slack/per-user-limit.js';
import { createManualClock } from '../fakes/manual-clock.js';

describe('createPerUserLimit', () => {
  it('allows the limit per window per user, then says when to retry', () => {
    const clock = createManualClock();
    const limit = createPerUserLimit({ limit: 3, windowMs: 60_000, clock });
    expect([limit.take('U1'), limit.take('U1'), limit.take('U1')].every((d) => d.ok)).toBe(true);
    expect(limit.take('U1')).toEqual({ ok: false, retryInSeconds: 60 });
    expect(limit.take('U2').ok).toBe(true); // others are not affected
    clock.advance(30_000);
    expect(limit.take('U1')).toEqual({ ok: false, retryInSeconds: 30 });
    clock.advance(30_001);
    expect(limit.take('U1').ok).toBe(true); // the window rolled
  });
});
