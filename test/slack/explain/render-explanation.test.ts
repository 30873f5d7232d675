import { describe, expect, it } from 'vitest';
import { explainOffline } from '../../../src/explain/explain-offline.js';
import { renderExplanation, type ExplainAnswer } from '../../../src/slack/explain/render-explanation.js';
import { expectWithinSlackLimits } from '../../support/expect-within-slack-limits.js';

const KEY = `sk-ant-api03-${'Zq9'.repeat(31)}AA`;
const BOT_TOKEN = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const PINGS = ['<!channel>', '<!here>', '<!everyone>', '<@U0BOSS>', '<#C0SECRET>', '<!subteam^S0TEAM>', '<https://evil.example|click me>'];
const RATE_LIMIT = `Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50 requests per minute."},"request_id":"req_011CQ8abc"}`;

/** Everything Slack would parse: the top-level text and every text inside the blocks. */
function allText(message: { text: string; blocks: unknown[] }): string {
  return `${message.text}\n${JSON.stringify(message.blocks)}`;
}

function expectSafe(message: { text: string; blocks: unknown[] }): void {
  const all = allText(message);
  for (const ping of PINGS) expect(all).not.toContain(ping);
  expect(all).not.toMatch(/<[!@#]/);
  expect(all).not.toContain(KEY.slice(13, 40));
  expect(all).not.toContain(BOT_TOKEN.slice(5));
}

describe('renderExplanation', () => {
  it('shows title with category, facts, why, numbered fixes, retryable and a TypeScript snippet', () => {
    const message = renderExplanation(explainOffline(RATE_LIMIT));
    const all = allText(message);
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
    expect(JSON.stringify(message.blocks[0])).toContain('rate_limit');
    expect(all).toContain('*Status:* 429');
    expect(all).toContain('`rate_limit_error`');
    expect(all).toContain('`req_011CQ8abc`');
    expect(all).toContain('*Why:*');
    expect(all).toMatch(/\\n1\. /);
    expect(all).toContain('Retrying can help');
    expect(all).toContain('*TypeScript:*');
    expect(all).toContain('Offline answer from the knowledge base');
    expectWithinSlackLimits(message);
  });

  it('reads at a glance: the category once (in the header), why, fixes and retry in one block, at most 8 blocks', () => {
    const message = renderExplanation(explainOffline(RATE_LIMIT));
    expect(message.blocks.length).toBeLessThanOrEqual(8);
    const blocks = JSON.stringify(message.blocks);
    expect(blocks.split('rate_limit ·').length - 1 + (blocks.split('`rate_limit`').length - 1)).toBe(1);
    expect(blocks).not.toContain('*Category:*');
    const whyBlock = (message.blocks as { text?: { text: string } }[]).find((b) => b.text?.text.startsWith('*Why:*'));
    expect(whyBlock?.text?.text).toMatch(/\*How to fix:\*\n1\. [\s\S]*Retrying can help/);
  });

  it('says nothing about retrying an error it could not place', () => {
    const message = renderExplanation(explainOffline('the deploy is red, no idea why'));
    expect(message.blocks.length).toBeGreaterThan(0);
    expect(`${message.text}${JSON.stringify(message.blocks)}`).not.toMatch(/Retrying/);
  });

  it('puts Claude’s enrichment under the answer, escaped and scrubbed', () => {
    const answer: ExplainAnswer = { ...explainOffline(RATE_LIMIT), enrichment: `Pace at 50 RPM. <!channel> use key ${KEY} & <https://evil.example|this>` };
    const message = renderExplanation(answer);
    expect(allText(message)).toContain('From Claude');
    expect(allText(message)).toContain('&lt;!channel&gt;');
    expect(allText(message)).toContain('&amp;');
    expectSafe(message);
  });

  it('says why the answer is offline', () => {
    const answer: ExplainAnswer = { ...explainOffline('529 overloaded_error'), enrichmentSkipped: 'the Claude API is failing for the bot too (breaker open)' };
    expect(allText(renderExplanation(answer))).toContain('Offline answer from the knowledge base — the Claude API is failing for the bot too (breaker open)');
  });

  it('never lets pasted mentions, links or secrets through', () => {
    const text = `${PINGS.join(' ')} @channel @here Error code: 401 - {'type': 'error', 'error': {'type': 'authentication_error', 'message': 'invalid x-api-key ${KEY}'}} token ${BOT_TOKEN} Bearer abcdefghijklmnop1234`;
    const message = renderExplanation(explainOffline(text));
    expectSafe(message);
    expect(allText(message)).not.toMatch(/@(channel|here)\b/);
    expectWithinSlackLimits(message);
  });

  it('escapes hostile text in every field, not only the echo', () => {
    const base = explainOffline(RATE_LIMIT);
    const hostile = `<!channel> ${KEY} <@U0BOSS>`;
    const answer: ExplainAnswer = {
      ...base, title: hostile, cause: hostile, fixSteps: [hostile, hostile], notes: [hostile], echo: hostile,
      facts: { ...base.facts, type: hostile, errorCode: hostile, requestId: hostile, sdkClass: hostile },
      enrichmentSkipped: hostile, live: { lines: [hostile] },
    };
    expectSafe(renderExplanation(answer));
  });

  it('handles 100 KB of input: within Slack limits, and says it was cut', () => {
    const huge = `${RATE_LIMIT}\n${'<!channel> padding line with sk-ant-api03-xyzxyzxyzxyz\n'.repeat(2000)}`.padEnd(100 * 1024, 'x');
    const message = renderExplanation(explainOffline(huge));
    expectWithinSlackLimits(message);
    expectSafe(message);
    expect(allText(message)).toMatch(/KB; only its first and last parts/);
  });

  it('stays within limits with absurdly many and long fix steps and notes', () => {
    const base = explainOffline(RATE_LIMIT);
    const long = 'y'.repeat(5000);
    const message = renderExplanation({ ...base, fixSteps: Array.from({ length: 200 }, () => long), notes: Array.from({ length: 200 }, () => long), enrichment: long });
    expectWithinSlackLimits(message);
  });
});
