import type { EnrichedExplanation } from '../explain/create-explainer.js';
import type { Explanation } from '../explain/explanation.js';
import { toExplanationJson } from '../explain/explanation-json.js';
import { renderAdditionText, renderExplanationText } from './render-explanation-text.js';

/** How long `explain` waits for Claude's addition after printing the offline answer, unless `--timeout` says. */
export const EXPLAIN_TIMEOUT_SECONDS = 5;

/** Exit code when the text was not recognised as a Claude API error (documented in the usage and README). */
export const EXIT_UNKNOWN = 3;

export interface ExplainCommand {
  text: string;
  json: boolean;
  /** The knowledge base's answer: no network, no key. */
  offline: (text: string) => Explanation;
  /** Claude's enriched answer; absent with `--offline`, without a key, or when the configuration is unusable. */
  enrich?: (text: string) => Promise<EnrichedExplanation>;
  /** Why there is no `enrich`, said after the offline answer; nothing is said when it was not asked for (`--offline`). */
  noEnrichment?: string;
  timeoutSeconds?: number;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `claude-status explain`: the knowledge base's answer is printed as soon as the text is read; Claude's addition
 * follows if it comes within the timeout (the process does not wait longer). With `--json`, one object is printed
 * once the addition came or the wait ended. Exit 0, 2 for no input, 3 when the category is unknown.
 */
export async function runExplainCommand(command: ExplainCommand): Promise<number> {
  if (command.text.trim() === '') {
    command.stderr.write('nothing to explain: pass a FILE or pipe the error text to stdin\n');
    return 2;
  }
  const offline = command.offline(command.text);
  const exit = offline.category === 'unknown' ? EXIT_UNKNOWN : 0;
  if (!command.json) command.stdout.write(`${renderExplanationText(offline)}\n`);
  const seconds = command.timeoutSeconds ?? EXPLAIN_TIMEOUT_SECONDS;
  const full = command.enrich ? await within(seconds * 1000, command.enrich(command.text)) : undefined;
  const why = command.enrich ? `Claude did not answer within ${seconds} s` : (command.noEnrichment ?? 'offline answer requested');
  if (command.json) {
    const answer: EnrichedExplanation = full ?? { ...offline, enrichmentSkipped: why };
    command.stdout.write(`${JSON.stringify(toExplanationJson(answer), null, 2)}\n`);
  } else if (command.enrich || command.noEnrichment) {
    command.stdout.write(`${renderAdditionText(full, why)}\n`);
  }
  return exit;
}

/** The promise's value, or undefined once `ms` have passed (the caller exits; the call is not waited for). */
async function within<T>(ms: number, promise: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
