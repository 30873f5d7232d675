import { describe, expect, it } from 'vitest';
import { explainOffline } from '../../../src/explain/explain-offline.js';
import { answerForUser, type AnswerDeps } from '../../../src/slack/explain/answer-for-user.js';
import { createPerUserLimit } from '../../../src/slack/per-user-limit.js';
import { createManualClock } from '../../fakes/manual-clock.js';

const quiet = { info: () => undefined, warn: () => undefined };

describe('answerForUser', () => {
  it('reads the pasted text only after the listener has returned to the event loop (the ack goes out first)', async () => {
    const order: string[] = [];
    const deps: AnswerDeps = {
      explainer: { explain: async (text) => explainOffline(text) },
      limit: createPerUserLimit({ limit: 5, windowMs: 60_000, clock: createManualClock() }),
      logger: quiet,
      offline: (text) => (order.push('parsed'), explainOffline(text)),
    };
    const done = answerForUser(deps, '529 overloaded_error', 'U1', 'test', { first: async () => undefined, notice: async () => undefined });
    order.push('listener returned');
    await done;
    expect(order).toEqual(['listener returned', 'parsed']);
  });

  it('counts explanations against the per-user limit, but not usage notices', async () => {
    const limit = createPerUserLimit({ limit: 1, windowMs: 60_000, clock: createManualClock() });
    const notices: string[] = [];
    const deps: AnswerDeps = { explainer: { explain: async (text) => explainOffline(text) }, limit, logger: quiet };
    const delivery = { first: async () => undefined, notice: async (text: string) => void notices.push(text) };
    await answerForUser(deps, '   ', 'U1', 'test', delivery);
    await answerForUser(deps, '529 overloaded_error', 'U1', 'test', delivery);
    await answerForUser(deps, '529 overloaded_error', 'U1', 'test', delivery);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain('Paste a Claude API error');
    expect(notices[1]).toMatch(/try again in \d+ s/);
  });

  it('replaces the offline answer even when the Claude call throws, saying why', async () => {
    const sent: string[] = [];
    const deps: AnswerDeps = {
      explainer: { explain: async () => Promise.reject(new Error('boom')) },
      limit: createPerUserLimit({ limit: 5, windowMs: 60_000, clock: createManualClock() }),
      logger: quiet,
    };
    await answerForUser(deps, '529 overloaded_error', 'U1', 'test', {
      first: async (m) => (sent.push(JSON.stringify(m)), async (final) => void sent.push(JSON.stringify(final))),
      notice: async () => undefined,
    });
    expect(sent).toHaveLength(2);
    expect(sent[0]).toContain('asking Claude for more');
    expect(sent[1]).toContain('the Claude call failed on our side');
  });
});
