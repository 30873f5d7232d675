import type { Category, Kind } from '../ports/category.js';
import type { EnrichedExplanation } from './create-explainer.js';

/** The CLI's `explain --json` shape (issue 6): stable keys, `category` always one of the twelve ids. */
export interface ExplanationJson {
  category: Category;
  kind: Kind | null;
  status: number | null;
  type: string | null;
  errorCode: string | null;
  requestId: string | null;
  title: string;
  cause: string;
  fixes: string[];
  /** `null` when the error was not recognised: whether a retry helps is then unknown. */
  retryable: boolean | null;
  enriched: boolean;
  enrichment?: string;
  enrichmentSkipped?: string;
  truncated: boolean;
  notes: string[];
}

/** Flattens an explanation for `--json` output; absent facts become `null` so the keys never move. */
export function toExplanationJson(e: EnrichedExplanation): ExplanationJson {
  return {
    category: e.category,
    kind: e.kind ?? null,
    status: e.facts.status ?? null,
    type: e.facts.type ?? null,
    errorCode: e.facts.errorCode ?? null,
    requestId: e.facts.requestId ?? null,
    title: e.title,
    cause: e.cause,
    fixes: e.fixSteps,
    retryable: e.category === 'unknown' ? null : e.retryable,
    enriched: e.enrichment !== undefined,
    ...(e.enrichment !== undefined ? { enrichment: e.enrichment } : {}),
    ...(e.enrichmentSkipped !== undefined ? { enrichmentSkipped: e.enrichmentSkipped } : {}),
    truncated: e.truncated,
    notes: e.notes,
  };
}
