import type { Kind } from '../ports/category.js';
import { lookupAdvice } from '../explain/knowledge-base.js';
import type { ApiFailure } from '../ports/claude-api.js';

/** The cause and fix steps a failing check carries (spread into its `CheckResult`). */
export interface FailureAdvice { cause: string; fixSteps: string[] }

/**
 * The knowledge base's advice for a failed probe, by the category and kind the adapter gave it. `kind` overrides
 * when the check knows better, e.g. a 404 it found to be a retired model.
 */
export function adviseFailure(failure: ApiFailure, kind?: Kind): FailureAdvice {
  const advice = lookupAdvice(failure.category, kind ?? failure.kind);
  return { cause: advice.cause, fixSteps: [...advice.fixSteps] };
}
