import type { ApiFailure, ClaudeApi, Priority } from '../ports/claude-api.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { scrubSecrets } from '../secrets/scrub-secrets.js';
import { boundText } from './bound-text.js';
import { buildExplanation } from './build-explanation.js';
import { buildClassificationPrompt, parseClassificationAnswer } from './classify-with-claude.js';
import { explainReading, readPaste, type PasteReading } from './explain-offline.js';
import { LOW_CONFIDENCE } from './weigh-evidence.js';
import type { Explanation } from './explanation.js';
import { LIVE_CONTEXT_CATEGORIES, readLiveContext, type LiveContext } from './live-context.js';
import { buildEnrichmentPrompt } from './enrichment-prompt.js';

/** Minimal structured logger (pino fits). */
export interface ExplainLogger {
  warn(obj: object, msg: string): void;
}

export interface ExplainerDeps {
  claude: ClaudeApi;
  model: string;
  /** Characters of the (scrubbed) error sent to Claude. Default 4000. */
  maxInputChars?: number;
  /** Total budget for the Claude call, queueing included. Default 20 s. */
  deadlineMs?: number;
  /** Skip Claude when this many calls already wait in the Messages lane. Default 5. */
  maxQueued?: number;
  logger?: ExplainLogger;
  /** For the live context's times ("3 min ago"). Default the system clock. */
  clock?: Clock;
}

export interface ExplainOptions {
  priority?: Priority;
  /** Answer from the knowledge base only (the CLI's `--offline`). */
  offline?: boolean;
  /**
   * `readPaste(text)` when the caller already read this text (for the offline answer it shows first), so the paste
   * is cut and scrubbed once: everything here, the prompt included, uses its scrubbed text.
   */
  reading?: PasteReading;
}

export type EnrichedExplanation = Explanation & {
  /** Claude's answer, scrubbed, to show under the offline explanation. */
  enrichment?: string;
  /** Why there is no enrichment (breaker open, queue long, call failed…): the offline answer stands alone. */
  enrichmentSkipped?: string;
  /** For rate-limit, overload and auth errors: what the bot sees right now. */
  live?: LiveContext;
  /**
   * `claude` when the rules were unsure (confidence below LOW_CONFIDENCE) and Claude's validated classification
   * replaced theirs: say "classified with Claude's help".
   */
  classifiedWith?: 'claude';
};

/** What `createExplainer` returns; the Slack listeners and the CLI hold one. */
export interface Explainer {
  explain(text: string, options?: ExplainOptions): Promise<EnrichedExplanation>;
}

const MAX_ENRICHMENT_CHARS = 3000;
const ENRICHMENT_MAX_TOKENS = 500;
const CLASSIFY_MAX_TOKENS = 400;
/** The note an answer carries when Claude classified it. */
export const CLASSIFIED_WITH_CLAUDE = "Classified with Claude's help: the text alone did not settle which error this is.";

/** The explainer: the offline answer always, Claude's refinement when the guarded client can give it in time. */
export function createExplainer(deps: ExplainerDeps): Explainer {
  const maxInputChars = deps.maxInputChars ?? 4000;
  const deadlineMs = deps.deadlineMs ?? 20_000;
  const maxQueued = deps.maxQueued ?? 5;
  const clock = deps.clock ?? systemClock;

  async function explain(text: string, options: ExplainOptions = {}): Promise<EnrichedExplanation> {
    const reading = options.reading ?? readPaste(text);
    const result: EnrichedExplanation = explainReading(reading);
    if (LIVE_CONTEXT_CATEGORIES.has(result.category)) result.live = readLiveContext(deps.claude, clock);
    const skip = reasonToSkip(options);
    if (skip) return { ...result, enrichmentSkipped: skip };

    // The paste as read: cut to 64 KB and scrubbed once, before any of it reaches the prompt; cut again to the prompt's
    // share keeping its head and its tail (a traceback's last line holds the error: only the head lost it).
    const bounded = boundText(reading.scrubbed, maxInputChars);
    const scrubbed = bounded.text;
    const cut = reading.parsed.truncated || bounded.truncated;
    // Unsure (unknown, or evidence that conflicts): ask Claude to classify, in the same call that adds its notes.
    const unsure = result.confidence < LOW_CONFIDENCE;
    try {
      const request = unsure
        ? { model: deps.model, maxTokens: CLASSIFY_MAX_TOKENS, ...buildClassificationPrompt(result, scrubbed, cut) }
        : { model: deps.model, maxTokens: ENRICHMENT_MAX_TOKENS, ...buildEnrichmentPrompt(result, scrubbed, cut) };
      const outcome = await withDeadline(deadlineMs, (signal) =>
        deps.claude.createMessage(request, { priority: options.priority ?? 'interactive', deadlineMs, signal }),
      );
      if (!outcome) return { ...result, enrichmentSkipped: 'Claude did not answer in time' };
      if (outcome.ok) return unsure ? withClaudesClassification(result, reading, outcome.value.text) : withEnrichment(result, outcome.value.text);
      deps.logger?.warn({ category: outcome.failure.category, kind: outcome.failure.kind, status: outcome.failure.status, requestId: outcome.failure.requestId }, 'explain enrichment failed');
      return { ...result, enrichmentSkipped: skipReason(outcome.failure) };
    } catch (err) {
      // The port returns failures as values; a throw is a bug somewhere, but the user still gets the offline answer.
      deps.logger?.warn({ err: err instanceof Error ? err.name : 'unknown' }, 'explain enrichment threw');
      return { ...result, enrichmentSkipped: 'the Claude call failed unexpectedly' };
    }
  }

  /** Claude's validated classification replaces the unsure one; an invalid or `unknown` answer leaves the offline one. */
  function withClaudesClassification(offline: EnrichedExplanation, reading: PasteReading, text: string): EnrichedExplanation {
    const answer = parseClassificationAnswer(text);
    if (!answer) {
      deps.logger?.warn({ chars: text.length }, 'explain classification answer was not valid');
      return { ...offline, enrichmentSkipped: "Claude's classification was not a valid answer" };
    }
    const notes = [answer.reason, ...answer.tips].filter((n): n is string => Boolean(n)).map((n) => `- ${scrubSecrets(n).trim()}`);
    const enrichment = notes.join('\n').slice(0, MAX_ENRICHMENT_CHARS);
    if (answer.category === 'unknown') {
      return { ...offline, ...(enrichment ? { enrichment } : { enrichmentSkipped: 'Claude could not tell either' }) };
    }
    const helped: EnrichedExplanation = buildExplanation(
      reading.parsed,
      { category: answer.category, ...(answer.kind ? { kind: answer.kind } : {}), confidence: 0.8, basis: 'claude' },
      reading.scrubbed,
    );
    helped.notes.unshift(CLASSIFIED_WITH_CLAUDE);
    helped.classifiedWith = 'claude';
    if (LIVE_CONTEXT_CATEGORIES.has(helped.category)) helped.live = readLiveContext(deps.claude, clock);
    return enrichment ? { ...helped, enrichment } : helped;
  }

  function reasonToSkip(options: ExplainOptions): string | undefined {
    if (options.offline) return 'offline answer requested';
    const { breaker, limiter } = deps.claude.resilience();
    if (breaker.state === 'open') return 'the Claude API is failing for the bot too (breaker open)';
    if (limiter.lanes.messages.queued >= maxQueued) return `the bot's Claude queue is long (${limiter.lanes.messages.queued} waiting)`;
    return undefined;
  }

  return { explain };
}

function withEnrichment(result: EnrichedExplanation, text: string): EnrichedExplanation {
  const answer = scrubSecrets(text).trim().slice(0, MAX_ENRICHMENT_CHARS);
  return answer ? { ...result, enrichment: answer } : { ...result, enrichmentSkipped: 'Claude returned an empty answer' };
}

/**
 * Runs `call` with an abort signal and gives up after `ms` even if the callee ignores the signal, so a stuck
 * client can never hold an explanation back. Resolves `undefined` on timeout.
 */
async function withDeadline<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why the answer comes without enrichment, in words for the user (the failure of the Claude call, not of theirs). */
function skipReason(failure: ApiFailure): string {
  if (failure.kind === 'circuit_open') return 'the Claude API is failing for the bot too (breaker open)';
  if (failure.kind === 'queue_full') return "the bot's Claude queue is full";
  if (failure.kind === 'held') return "the bot's own rate limit held the call (the API answered 429 or the pace is spent)";
  if (failure.category === 'timeout') return 'Claude did not answer in time';
  return `the Claude API call failed (${failure.category}${failure.status ? ` ${failure.status}` : ''})`;
}
