import type { EnrichedExplanation } from '../explain/enrich-explanation.js';
import { toExplanationJson } from '../explain/explanation-json.js';

export interface ExplainCommand {
  text: string;
  json: boolean;
  /** `explainOffline` for `--offline`, else the Claude-enriched explainer. */
  explain: (text: string) => EnrichedExplanation | Promise<EnrichedExplanation>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** `claude-status explain`: the offline answer, enriched by Claude unless `--offline`. Exit 0, or 2 for no input. */
export async function runExplainCommand(command: ExplainCommand): Promise<number> {
  if (command.text.trim() === '') {
    command.stderr.write('nothing to explain: pass a FILE or pipe the error text to stdin\n');
    return 2;
  }
  const answer = await command.explain(command.text);
  command.stdout.write(command.json ? `${JSON.stringify(toExplanationJson(answer), null, 2)}\n` : `${renderText(answer)}\n`);
  return 0;
}

function renderText(answer: EnrichedExplanation): string {
  const facts = [
    answer.facts.status !== undefined ? `HTTP ${answer.facts.status}` : undefined,
    answer.facts.type,
    answer.facts.errorCode,
    answer.facts.requestId ? `request id ${answer.facts.requestId}` : undefined,
  ].filter(Boolean);
  const lines = [`${answer.title} [${answer.category}${answer.kind ? `/${answer.kind}` : ''}]`];
  if (facts.length > 0) lines.push(facts.join(' · '));
  lines.push('', `Why: ${answer.cause}`, '', 'Fix:', ...answer.fixSteps.map((step, i) => `  ${i + 1}. ${step}`));
  lines.push('', answer.retryable ? 'Retrying (with backoff) can help.' : 'Retrying will not help until the cause is fixed.');
  for (const note of answer.notes) lines.push(`Note: ${note}`);
  if (answer.enrichment) lines.push('', 'From Claude:', answer.enrichment);
  else if (answer.enrichmentSkipped) lines.push('', `(offline answer: ${answer.enrichmentSkipped})`);
  return lines.join('\n');
}
