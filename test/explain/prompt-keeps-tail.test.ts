import { describe, expect, it } from 'vitest';
import { createExplainer } from '../../src/explain/create-explainer.js';
import { createInMemoryClaudeApi, okMessage } from '../fakes/in-memory-claude-api.js';

/**
 * Seen running the built app: a 44 KB traceback pasted in a DM reached Claude cut to its first 4,000 characters, so
 * the prompt lost the last line — the exception with the real error (`messages.3`, the tool id, the request id) that
 * Claude is asked to be specific about.
 */
describe('the prompt of a long paste', () => {
  it('keeps the paste\'s end (a traceback\'s last line) as well as its start', async () => {
    const frames = Array.from({ length: 600 }, (_, i) => `  File "/srv/app/agent/step_${i}.py", line ${i + 10}, in run_step\n    result = await client.messages.create(**kwargs)`).join('\n');
    const paste = `Traceback (most recent call last):\n${frames}\nanthropic.BadRequestError: Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'messages.3: tool_use ids were found without tool_result blocks immediately after: toolu_01TAILMARK'}, 'request_id': 'req_011CTAILMARK'}`;
    expect(paste.length).toBeGreaterThan(40_000);
    const claude = createInMemoryClaudeApi();
    claude.nextMessage = okMessage('- answer');
    const explainer = createExplainer({ claude, model: 'claude-haiku-4-5' });
    await explainer.explain(paste, { priority: 'interactive' });
    const prompt = JSON.stringify(claude.requests[0]!.request.messages);
    expect(prompt).toContain('toolu_01TAILMARK');
    expect(prompt).toContain('Traceback (most recent call last)');
    expect(prompt).toMatch(/cut: its start and its end/);
    expect(claude.requests[0]!.request.messages[0]!.content.length).toBeLessThan(4000 + 2000);
  });
});
