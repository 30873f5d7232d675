import type { ClaudeApi, Priority } from '../ports/claude-api.js';
import { PROBE_DEADLINE_MS } from './check-auth.js';
import type { CheckResult } from './check-result.js';
import { causePhrase, describeFailure, failureDetail } from './describe-failure.js';

/** The smallest real Messages call: a few input tokens and one output token (a fraction of a cent on any model). */
export const GENERATION_PROBE_MAX_TOKENS = 1;

/**
 * One Messages call with `max_tokens: 1` on the configured model: the only probe that reveals an exhausted credit
 * balance, a reached spend cap or a disabled organisation (the free endpoints do not), and the source of the
 * Messages rate-limit headers.
 */
export async function checkGeneration(deps: { claude: ClaudeApi; model: string; priority?: Priority }): Promise<CheckResult> {
  const { model } = deps;
  const outcome = await deps.claude.createMessage(
    { model, maxTokens: GENERATION_PROBE_MAX_TOKENS, messages: [{ role: 'user', content: 'ping' }] },
    { probe: true, priority: deps.priority ?? 'interactive', deadlineMs: PROBE_DEADLINE_MS },
  );
  const latency = outcome.meta ? { latencyMs: outcome.meta.latencyMs } : {};
  const base = { id: 'generation' as const, subject: model };
  if (outcome.ok) {
    const { usage } = outcome.value;
    return {
      ...base, status: 'ok', summary: `Messages work on ${model}`,
      detail: [`max_tokens 1 call answered in ${outcome.meta.latencyMs} ms (${usage.inputTokens} input, ${usage.outputTokens} output tokens)`],
      ...latency,
    };
  }
  const { failure } = outcome;
  const described = describeFailure(failure);
  const summary = ((): string => {
    switch (failure.category) {
      // Billing and a disabled organisation: the knowledge base's title names which (credit, spend cap, payment, on hold).
      case 'billing': return `Messages fail: ${causePhrase(described.cause)}`;
      case 'auth': return 'Messages not checked: the key was rejected';
      case 'permission':
        return failure.kind === 'org_disabled' ? `Messages fail: ${causePhrase(described.cause)}` : `Messages refused on ${model}: no permission`;
      case 'not_found': return `Messages fail: ${model} is not available (retired or unknown)`;
      case 'rate_limit': return `Messages are rate-limited right now${failure.retryAfterSeconds !== undefined ? ` (retry after ${failure.retryAfterSeconds} s)` : ''}`;
      // A 400 here, after the free probes passed, is most often the organisation itself (disabled, or a limit you set).
      case 'invalid_request': return `Messages refused: ${failure.message}`;
      default: return `Messages fail: ${causePhrase(described.cause)}`;
    }
  })();
  return {
    ...base,
    status: failure.category === 'auth' ? 'skip' : described.status,
    summary,
    detail: failureDetail(failure),
    ...(failure.category === 'auth' ? {} : { fix: described.fix }),
    ...latency,
    failure,
  };
}
