import type { Category, Kind } from '../../../src/ports/category.js';
import { CLASSIFY_PROMPT_ID, classificationAnswerText } from '../../../src/explain/classify-with-claude.js';

/**
 * The explainer's "classify this error" requests (issue 13 item 4), answered from a fixed table so tests and the
 * bench can measure the accuracy with Claude's help and count the calls it costs. A request is a classification when
 * its system prompt carries CLASSIFY_PROMPT_ID; the pasted text is what sits between `<error>` tags.
 */
export type ClassifyAnswerer = (errorText: string) => { category: Category; kind?: Kind | undefined } | undefined;

const ERROR_RE = /<error>\n([\s\S]*)\n<\/error>/;

/** The pasted text of a classification request, or undefined when the request is something else. */
export function classificationText(body: unknown): string | undefined {
  const b = body as { system?: unknown; messages?: { content?: unknown }[] } | undefined;
  if (typeof b?.system !== 'string' || !b.system.includes(CLASSIFY_PROMPT_ID)) return undefined;
  const content = b.messages?.at(-1)?.content;
  const text = typeof content === 'string' ? content : '';
  return ERROR_RE.exec(text)?.[1]?.replaceAll('</ error>', '</error>') ?? '';
}

/** The JSON text the fake answers: the table's entry, or `unknown` for a text it does not hold. */
export function classificationReply(errorText: string, answer: ClassifyAnswerer): string {
  return classificationAnswerText(answer(errorText) ?? { category: 'unknown', reason: 'The fake has no entry for this text.' });
}

/** An answerer from a table of exact texts (as the explainer sends them: scrubbed and bounded). */
export function classificationTable(entries: Iterable<readonly [string, { category: Category; kind?: Kind | undefined }]>): ClassifyAnswerer {
  const table = new Map(entries);
  return (text) => table.get(text);
}
