import type { ClaudeApi, Priority } from '../ports/claude-api.js';
import { PROBE_DEADLINE_MS } from './check-auth.js';
import type { CheckResult } from './check-result.js';
import { describeFailure, failureDetail } from './describe-failure.js';

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
    switch (failure.kind) {
      case 'billing':
        if (failure.errorCode === 'organization_on_hold') return 'Messages fail: the organisation is on hold';
        return failure.status === 402 ? 'Messages fail: a billing or payment problem' : 'Messages fail: the credit balance is too low';
      case 'spend_cap': return "Messages fail: the organisation's spend cap is reached";
      case 'auth': return 'Messages not checked: the key was rejected';
      case 'permission': return `Messages refused on ${model}: no permission`;
      case 'not_found': return `Messages fail: ${model} is not available (retired or unknown)`;
      case 'rate_limit': return `Messages are rate-limited right now${failure.retryAfterSeconds !== undefined ? ` (retry after ${failure.retryAfterSeconds} s)` : ''}`;
      // A 400 here, after the free probes passed, is most often the organisation itself (disabled, or a limit you set).
      case 'invalid_request': return `Messages refused: ${failure.message}`;
      default: return `Messages fail: ${described.cause.charAt(0).toLowerCase()}${described.cause.slice(1)}`;
    }
  })();
  return {
    ...base,
    status: failure.kind === 'auth' ? 'skip' : described.status,
    summary,
    detail: failureDetail(failure),
    ...(failure.kind === 'auth' ? {} : { fix: described.fix }),
    ...latency,
    failure,
  };
}
