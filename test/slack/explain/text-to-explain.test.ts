import { describe, expect, it } from 'vitest';
import type { createExplainer } from '../../../src/explain/create-explainer.js';
import { explainOffline } from '../../../src/explain/explain-offline.js';
import { createPerUserLimit } from '../../../src/slack/per-user-limit.js';
import type { SlackExplainer } from '../../../src/slack/explain/answer-for-user.js';
import { explainForCommand } from '../../../src/slack/explain/explain-for-command.js';
import { createSeenEvents } from '../../../src/slack/explain/seen-events.js';
import { textToExplain } from '../../../src/slack/explain/text-to-explain.js';
import { createManualClock } from '../../fakes/manual-clock.js';

describe('textToExplain', () => {
  it('strips the bot’s mention (with or without a label) and a leading "explain"', () => {
    expect(textToExplain('<@U0BOT> explain Error: 429', 'U0BOT')).toBe('Error: 429');
    expect(textToExplain('<@U0BOT|claude-status>   Explain: 529 overloaded', 'U0BOT')).toBe('529 overloaded');
    expect(textToExplain('what’s this <@U0BOT>', 'U0BOT')).toBe('this');
  });

  it('keeps other people’s mentions (the renderer escapes them) and is empty for a bare mention', () => {
    expect(textToExplain('<@U0BOT> <@U0BOSS> 500', 'U0BOT')).toBe('<@U0BOSS> 500');
    expect(textToExplain('<@U0BOT>', 'U0BOT')).toBe('');
    expect(textToExplain('  explain  ', 'U0BOT')).toBe('');
  });

  it('does not eat words that merely start with "explain"', () => {
    expect(textToExplain('<@U0BOT> explained: 401', 'U0BOT')).toBe('explained: 401');
  });
});

describe('createSeenEvents', () => {
  it('says first time once per key, and forgets the oldest past its size', () => {
    const seen = createSeenEvents(2);
    expect([seen.firstTime('a'), seen.firstTime('a'), seen.firstTime('b'), seen.firstTime('c'), seen.firstTime('a')]).toEqual([true, false, true, true, true]);
  });
});

// Compile-time: the real explainer fits the structural dependency the Slack side takes.
export const fitsSlack = (real: ReturnType<typeof createExplainer>): SlackExplainer => real;

describe('explainForCommand', () => {
  it('answers offline first, then replaces it with the explainer’s answer asked at interactive priority', async () => {
    const priorities: unknown[] = [];
    const sent: { text: string; blocks?: unknown[]; response_type: string; replace_original?: boolean }[] = [];
    const command = explainForCommand({
      explainer: { explain: async (text, options) => (priorities.push(options?.priority), { ...explainOffline(text), enrichment: 'From the model.' }) },
      limit: createPerUserLimit({ limit: 5, windowMs: 60_000, clock: createManualClock() }),
      logger: { info: () => undefined, warn: () => undefined },
    });
    await command('<!here> Error: 404 not_found_error model: claude-2.0', 'U1', { visibility: 'in_channel', respond: async (m) => void sent.push(m) });
    expect(sent.map((m) => [m.response_type, m.replace_original ?? false])).toEqual([['in_channel', false], ['in_channel', true]]);
    expect(JSON.stringify(sent[0])).toContain('asking Claude for more');
    expect(JSON.stringify(sent[1])).toContain('From Claude');
    for (const m of sent) {
      expect(m.blocks!.length).toBeGreaterThan(3);
      expect(`${m.text}${JSON.stringify(m.blocks)}`).not.toContain('<!here>');
    }
    expect(priorities).toEqual(['interactive']);
  });
});
