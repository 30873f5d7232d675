import type { Kind } from '../explain/category.js';
import { explainFailure } from '../explain/classify-error.js';
import { lookupAdvice } from '../explain/knowledge-base.js';
import type { ApiFailure } from '../ports/claude-api.js';

/** The cause and fix steps a failing check carries (spread into its `CheckResult`). */
export interface FailureAdvice { cause: string; fixSteps: string[] }

/**
 * The explainer's knowledge-base advice for a failed probe (`explainFailure` reads status, type, error code and
 * message like a pasted error). `kind` overrides when the check knows better, e.g. a 404 it found to be retired.
 */
export function adviseFailure(failure: ApiFailure, kind?: Kind): FailureAdvice {
  const explanation = explainFailure(failure);
  const advice = kind ? lookupAdvice(explanation.category, kind) : explanation;
  return { cause: advice.cause, fixSteps: [...advice.fixSteps] };
}
