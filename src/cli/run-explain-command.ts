import type { Core } from '../create-core.js';
import type { Explanation } from '../explain/explanation.js';
import { explainOffline } from '../explain/explain-offline.js';

export interface ExplainCommand {
  text: string;
  json: boolean;
  offline: boolean;
  core: Pick<Core, 'explainer'>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type Enriched = Explanation & { enrichment?: string; enrichmentSkipped?: string };

/** `claude-status explain`: the offline answer, enriched by Claude unless `--offline`. Exit 0, or 2 for no input. */
export async function runExplainCommand(command: ExplainCommand): Promise<number> {
  if (command.text.trim() === '') {
    command.stderr.write('nothing to explain: pass a FILE or pipe the error text to stdin\n');
    return 2;
  }
  const answer: Enriched = command.offline ? explainOffline(command.text) : await command.core.explainer.explain(command.text);
  command.stdout.write(command.json ? `${JSON.stringify(toJsonExplanation(answer), null, 2)}\n` : `${renderText(answer)}\n`);
  return 0;
}

/** The documented `--json` shape. */
export function toJsonExplanation(answer: Enriched): Record<string, unknown> {
  return {
    category: answer.category,
    kind: answer.kind ?? null,
    status: answer.facts.status ?? null,
    type: answer.facts.type ?? null,
    errorCode: answer.facts.errorCode ?? null,
    requestId: answer.facts.requestId ?? null,
    title: answer.title,
    cause: answer.cause,
    fixes: answer.fixSteps,
    retryable: answer.retryable,
    enriched: Boolean(answer.enrichment),
    ...(answer.enrichment ? { enrichment: answer.enrichment } : {}),
    ...(answer.notes.length > 0 ? { notes: answer.notes } : {}),
  };
}

function renderText(answer: Enriched): string {
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
