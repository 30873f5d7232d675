import type { Kind } from '../ports/category.js';
import type { Advice } from '../explain/explanation.js';
import { PROBE_TIMEOUT } from '../explain/kb-capacity.js';
import { lookupAdvice } from '../explain/knowledge-base.js';
import type { ApiFailure } from '../ports/claude-api.js';

/** The cause and fix steps a failing check carries (spread into its `CheckResult`). */
export interface FailureAdvice { cause: string; fixSteps: string[] }

/**
 * The knowledge base's advice for a failed probe, by the category and kind the adapter gave it. `kind` overrides
 * when the check knows better, e.g. a 404 it found to be a retired model.
 */
export function adviseFailure(failure: ApiFailure, kind?: Kind): FailureAdvice {
  const advice = adviceForProbe(failure, kind);
  return { cause: advice.cause, fixSteps: [...advice.fixSteps] };
}

/**
 * The knowledge base's advice for a failed probe. A timeout with no status is our probe's own (the SDK timeout the
 * check set: `client_timeout`): the API said nothing, so the advice is about reaching it. (The guard's own deadline is
 * `rate_limit`/`held`: the call never left.)
 */
export function adviceForProbe(failure: ApiFailure, kind?: Kind): Advice {
  const k = kind ?? failure.kind;
  if (failure.category === 'timeout' && failure.status === undefined && k !== 'aborted' && k !== 'gateway_timeout') return PROBE_TIMEOUT;
  return lookupAdvice(failure.category, k);
}
