import type { PerUserLimit } from '../per-user-limit.js';
import type { SlackExplainer } from './explain-for-command.js';
import { renderExplanation, type RenderedExplanation } from './render-explanation.js';
import { EXPLAIN_USAGE } from './text-to-explain.js';

/** Structured logger (pino fits): never given the pasted text, only ids and outcomes. */
export interface ExplainLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface AnswerDeps {
  explainer: SlackExplainer;
  limit: PerUserLimit;
  logger: ExplainLogger;
}

/** What to send back: the explanation, or a short text (usage, limit, failure) that is best shown to the asker only. */
export type Answer = { kind: 'explanation'; message: RenderedExplanation } | { kind: 'notice'; message: { text: string } };

/** Turns one user's request into the message to send, applying the per-user limit; never throws. */
export async function answerForUser(deps: AnswerDeps, text: string, userId: string, via: string): Promise<Answer> {
  if (!text.trim()) return { kind: 'notice', message: { text: EXPLAIN_USAGE } };
  const allowed = deps.limit.take(userId);
  if (!allowed.ok) {
    deps.logger.info({ user: userId, via, retryInSeconds: allowed.retryInSeconds }, 'explain refused by per-user limit');
    return { kind: 'notice', message: { text: `You have asked for a lot of explanations in the last few minutes; try again in ${allowed.retryInSeconds} s.` } };
  }
  try {
    const answer = await deps.explainer.explain(text, { priority: 'interactive' });
    deps.logger.info({ user: userId, via, category: answer.category, kind: answer.kind, enriched: Boolean(answer.enrichment) }, 'explained an error');
    return { kind: 'explanation', message: renderExplanation(answer) };
  } catch (err) {
    deps.logger.warn({ user: userId, via, err: err instanceof Error ? err.name : 'unknown' }, 'explain failed');
    return { kind: 'notice', message: { text: 'I could not explain that one: something failed on my side (it is in the bot’s log). Try again in a minute.' } };
  }
}
