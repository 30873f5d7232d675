import { setImmediate as afterAck } from 'node:timers/promises';
import { explainReading, readPaste, type PasteReading } from '../../explain/explain-offline.js';
import type { SlackMessage } from '../kit/index.js';
import type { PerUserLimit } from '../per-user-limit.js';
import { fromSlackText } from './from-slack-text.js';
import { renderExplanation, type ExplainAnswer } from './render-explanation.js';
import { EXPLAIN_USAGE } from './text-to-explain.js';

/** The explainer as the Slack side needs it (structurally `createExplainer(...)` from src/explain). */
export interface SlackExplainer {
  /** `reading`: the paste as `readPaste` read it for the offline answer, so it is cut and scrubbed once. */
  explain(text: string, options?: { priority?: 'interactive' | 'background'; reading?: PasteReading }): Promise<ExplainAnswer>;
}

/** Structured logger (pino fits): never given the pasted text, only ids and outcomes. */
export interface ExplainLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface AnswerDeps {
  explainer: SlackExplainer;
  limit: PerUserLimit;
  logger: ExplainLogger;
  /** The knowledge base's answer, with no network: `explainOffline` unless a test passes another. */
  offline?: (text: string) => ExplainAnswer;
}

/** Replaces the message that `first` sent (response_url `replace_original`, or chat.update). */
export type Replace = (message: SlackMessage) => Promise<void>;

/** How one surface sends its answers: the slash command, the shortcut, a mention or a DM. */
export interface Delivery {
  /** Sends the first answer; resolves how to replace it, or undefined when it could not be sent at all. */
  first(message: SlackMessage): Promise<Replace | undefined>;
  /** A short text for the asker only: usage, the per-user limit, a failure on our side. */
  notice(text: string): Promise<void>;
}

/**
 * One person's "explain this": the knowledge base's answer goes out at once (well within the second after the ack),
 * marked as still asking Claude; Claude's addition, or why there is none, then replaces that same message. Parsing
 * waits for the next turn of the event loop, so the ack is on the wire before any pasted text is read. Never throws.
 */
export async function answerForUser(deps: AnswerDeps, slackText: string, userId: string, via: string, delivery: Delivery): Promise<void> {
  await afterAck();
  const text = fromSlackText(slackText);
  try {
    if (!text.trim()) return await delivery.notice(EXPLAIN_USAGE);
    // Explanations cost (a Claude call each): they count against the per-user limit; usage and refusals do not.
    const allowed = deps.limit.take(userId);
    if (!allowed.ok) {
      deps.logger.info({ user: userId, via, retryInSeconds: allowed.retryInSeconds }, 'explain refused by per-user limit');
      return await delivery.notice(`You have asked for a lot of explanations in the last few minutes; try again in ${allowed.retryInSeconds} s.`);
    }
    // Read (cut, scrubbed, parsed) once: the offline answer and the explainer's call to Claude share it.
    const reading = deps.offline ? undefined : readPaste(text);
    const offline = reading ? explainReading(reading) : deps.offline!(text);
    const replace = await delivery.first(renderExplanation(offline, { pending: true }));
    const full = await deps.explainer.explain(text, { priority: 'interactive', ...(reading ? { reading } : {}) }).catch((err: unknown): ExplainAnswer => {
      deps.logger.warn({ user: userId, via, err: err instanceof Error ? err.name : 'unknown' }, 'explain enrichment failed');
      return { ...offline, enrichmentSkipped: 'the Claude call failed on our side' };
    });
    deps.logger.info({ user: userId, via, category: full.category, kind: full.kind, enriched: Boolean(full.enrichment) }, 'explained an error');
    if (replace) await replace(renderExplanation(full));
  } catch (err) {
    deps.logger.warn({ user: userId, via, err: err instanceof Error ? err.name : 'unknown' }, 'explain failed');
    await delivery.notice('I could not explain that one: something failed on my side (it is in the bot’s log). Try again in a minute.').catch(() => undefined);
  }
}
