import type { EnrichedExplanation } from '../explain/create-explainer.js';
import type { Explanation } from '../explain/explanation.js';

/** The knowledge base's answer for a terminal: title and facts, why, numbered fixes, whether a retry helps, notes. */
export function renderExplanationText(answer: Explanation): string {
  const facts = [
    answer.facts.status !== undefined ? `HTTP ${answer.facts.status}` : undefined,
    answer.facts.type,
    answer.facts.errorCode,
    answer.facts.requestId ? `request id ${answer.facts.requestId}` : undefined,
  ].filter(Boolean);
  const lines = [`${answer.title} [${answer.category}${answer.kind ? `/${answer.kind}` : ''}]`];
  if (facts.length > 0) lines.push(facts.join(' · '));
  lines.push('', `Why: ${answer.cause}`, '', 'Fix:', ...answer.fixSteps.map((step, i) => `  ${i + 1}. ${step}`));
  // Of an error we could not place we cannot say whether retrying helps: no line rather than a wrong one.
  if (answer.category !== 'unknown') lines.push('', answer.retryable ? 'Retrying (with backoff) can help.' : 'Retrying will not help until the cause is fixed.');
  for (const note of answer.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

/** What follows the offline answer: Claude's addition, or one line saying why there is none. */
export function renderAdditionText(answer: EnrichedExplanation | undefined, why: string): string {
  if (answer?.enrichment) return `\nFrom Claude:\n${answer.enrichment}`;
  return `\n(offline answer only: ${answer?.enrichmentSkipped ?? why})`;
}
