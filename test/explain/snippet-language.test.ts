import { describe, expect, it } from 'vitest';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { renderExplanation } from '../../src/slack/explain/render-explanation.js';

/** Issue 15: "A Python traceback gets TypeScript code samples." The sample follows the paste's language, in Slack too. */
const PY = `Traceback (most recent call last):
  File "/app/main.py", line 12, in <module>
    client.messages.create(model="claude-sonnet-4-6", max_tokens=10, messages=m)
anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error', 'message': 'Number of requests has exceeded your per-minute rate limit'}}`;
const TS = `RateLimitError: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your per-minute rate limit"}}
    at APIError.generate (/app/node_modules/@anthropic-ai/sdk/error.mjs:75:20)`;

const text = (blocks: unknown) => JSON.stringify(blocks);

describe('code samples in the paste\'s language', () => {
  it('shows Python for a Python traceback, and no TypeScript', () => {
    const shown = text(renderExplanation(explainOffline(PY)).blocks);
    expect(shown).toContain('*Python:*');
    expect(shown).not.toContain('*TypeScript:*');
  });

  it('shows TypeScript for a TypeScript stack trace', () => {
    const shown = text(renderExplanation(explainOffline(TS)).blocks);
    expect(shown).toContain('*TypeScript:*');
    expect(shown).not.toContain('*Python:*');
  });
});
