import { describe, expect, it } from 'vitest';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { safeEcho } from '../../src/explain/bound-text.js';

/**
 * Inputs built to make a backtracking pattern explode. No timing assertion (shared machines are noisy): a
 * catastrophic pattern would take minutes and trip the test timeout; bench/explain.ts prints the real figures.
 */
const HOSTILE: Record<string, string> = {
  'unclosed message strings': '{"message": "'.repeat(8_000),
  'escaped quotes': `"message": "${'\\"'.repeat(40_000)}`,
  'key-like fragments': 'sk-ant-api03-ab '.repeat(6_500),
  'class names without end': 'RateLimitErrorError: '.repeat(5_000),
  'type fields': `{"type":"${'a'.repeat(58)}",`.repeat(1_500),
  'tool_use without tool_result': 'tool_use '.repeat(11_500),
  'stack frame prefixes': '\n    at ('.repeat(12_000),
  'proxy words': 'upstream '.repeat(11_000),
  'one long line': 'x'.repeat(200 * 1024),
  'nested braces': '{'.repeat(100_000),
  'bearer without token': 'Bearer '.repeat(15_000),
};

describe('explainOffline on hostile input', () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`finishes on ${name} (${Math.round(text.length / 1024)} KB)`, () => {
      const e = explainOffline(text);
      expect(e.echo.length).toBeLessThanOrEqual(600);
      expect(safeEcho(text, 500).length).toBeLessThan(3000);
    });
  }
});
