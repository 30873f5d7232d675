import { describe, expect, it } from 'vitest';
import {
  channelRef, clipMrkdwn, codeBlock, codeSpan, context, countOf, esc, fitBlocks, link, mention, packLines, plainDate,
  SEVERITY_LOOK, slackDate, sparkline, STATUS_LOOK, VERDICT_LOOK, type Part,
} from '../../../src/slack/kit/index.js';
import { expectWithinSlackLimits } from '../../support/expect-within-slack-limits.js';

const HOSTILE = '<!channel> & <@U999> <https://evil.example|click>';

describe('the Slack kit: dates', () => {
  it('renders a time as a <!date> token in each reader’s zone, short and pretty, with readable UTC as fallback', () => {
    const iso = '2026-12-02T07:30:15.000Z';
    expect(slackDate(iso)).toBe('<!date^1796196615^{date_short_pretty} {time}|2026-12-02 07:30 UTC>');
    expect(slackDate(Date.parse(iso), 'time')).toMatch(/^<!date\^\d+\^\{time\}\|2026-12-02 07:30 UTC>$/);
    expect(plainDate(iso)).toBe('2026-12-02 07:30 UTC');
  });

  it('never puts an ISO timestamp or an unescaped bad value in front of the reader', () => {
    expect(slackDate('2026-12-02T07:30:15.000Z')).not.toContain('T07:30:15');
    expect(slackDate('<!here> soon')).toBe('&lt;!here&gt; soon');
    expect(slackDate(undefined)).toBe('an unknown time');
  });
});

describe('the Slack kit: escaping, code, links', () => {
  it('escapes outside text so nothing can mention or forge a link', () => {
    for (const shown of [esc(HOSTILE), codeSpan(HOSTILE), link('https://status.claude.com', HOSTILE), codeBlock(HOSTILE, 500, { fromOutside: true })]) {
      expect(shown).not.toMatch(/<!channel>|<@U999>|<https:\/\/evil/);
    }
    expect(link('javascript:alert(1)', 'x')).toBe('x');
    expect(mention('U0ABC123')).toBe('<@U0ABC123>');
    expect(mention('<!here>')).toBe('&lt;!here&gt;');
    expect(channelRef('C0123ABC')).toBe('<#C0123ABC>');
    expect(channelRef('#ops-alerts')).toBe('#ops-alerts');
  });

  it('keeps a code span whole: a backtick inside cannot end it', () => {
    expect(codeSpan('a`b')).toBe('`aˋb`');
    expect(codeBlock('x ``` y')).toBe('```x ˋˋˋ y```');
  });

  it('clips built mrkdwn without half an entity, half a token or an open code span', () => {
    expect(clipMrkdwn('abc &amp; def', 7)).toBe('abc…');
    expect(clipMrkdwn(`at ${slackDate('2026-12-02T07:30:00Z')} later`, 20)).toBe('at…');
    expect(clipMrkdwn('model `claude-sonnet-4-6` is fine', 15)).toBe('model…');
  });
});

describe('the Slack kit: layout', () => {
  it('counts in words, never "(s)"', () => {
    expect(countOf(1, 'incident')).toBe('1 incident');
    expect(countOf(3, 'incident')).toBe('3 incidents');
    expect(countOf(1200, 'round')).toBe('1,200 rounds');
  });

  it('packs whole lines into sections and fits any amount within Slack’s limits, saying what was cut', () => {
    expect(packLines(['a'.repeat(2000), 'b'.repeat(2000)])).toHaveLength(2);
    const parts: Part[] = Array.from({ length: 80 }, (_, i) => [{ kind: 'divider' } as Part, { kind: 'section', lines: [`${i} ${'z'.repeat(2900)}`] } as Part]).flat();
    const fitted = fitBlocks([{ kind: 'header', text: 'h'.repeat(300) }, ...parts]);
    expect(fitted.cut).toBeGreaterThan(0);
    expectWithinSlackLimits({ text: 'x', blocks: fitted.blocks });
    expect(JSON.stringify(fitted.blocks.at(-1))).toContain('more blocks left out');
    expect(context(...Array.from({ length: 12 }, () => 'c'))[0]).toMatchObject({ elements: { length: 10 } });
  });

  it('gives every verdict, status and severity an emoji, a colour and a word', () => {
    for (const look of [...Object.values(VERDICT_LOOK), ...Object.values(STATUS_LOOK), ...Object.values(SEVERITY_LOOK)]) {
      expect(look.emoji).toMatch(/^:[a-z_]+:$/);
      expect(look.colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(look.label).not.toBe('');
    }
  });

  it('draws a sparkline: low to high, gaps as dots, a flat series at the bottom', () => {
    expect(sparkline([0, 50, 100])).toBe('▁▅█');
    expect(sparkline([1, undefined, 1])).toBe('▁·▁');
    expect(sparkline([100, 100], { min: 0, max: 100 })).toBe('██');
    expect(sparkline([undefined])).toBe('·');
  });
});
