import { runChecks, type RunChecksDeps } from '../../../src/checks/run-checks.js';
import type { StatusPageSummary } from '../../../src/checks/check-result.js';
import type { InMemoryClaudeApi } from '../../fakes/in-memory-claude-api.js';
import { VALID_KEY } from './test-keys.js';
import { createManualClock } from '../../fakes/manual-clock.js';

export const GREEN_PAGE: Extract<StatusPageSummary, { reachable: true }> = {
  reachable: true,
  source: 'http://status.test',
  indicator: 'none',
  description: 'All Systems Operational',
  apiComponent: { name: 'Claude API (api.anthropic.com)', status: 'operational' },
  incidents: [],
};

/** Runs one round against the in-memory API with sensible defaults, on a manual clock (time stands still). */
export function runWith(claude: InMemoryClaudeApi, overrides: Partial<RunChecksDeps> = {}) {
  return runChecks({
    claude,
    apiKey: VALID_KEY,
    models: ['claude-sonnet-5-5'],
    model: 'claude-haiku-4-5',
    statusPage: async () => GREEN_PAGE,
    clock: createManualClock(Date.parse('2026-11-26T17:00:00.000Z')),
    ...overrides,
  });
}
