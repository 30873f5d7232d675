import { renderExplanation, type ExplainAnswer, type RenderedExplanation } from './render-explanation.js';

/** The explainer as the Slack side needs it (structurally `createExplainer(...)` from src/explain). */
export interface SlackExplainer {
  explain(text: string, options?: { priority?: 'interactive' | 'background' }): Promise<ExplainAnswer>;
}

/**
 * `/claude-status explain <text>`: the rendered answer for the status command to send through `respond()`. The
 * command applies the per-user limit itself, so this does not take from it again.
 */
export function explainForCommand(explainer: SlackExplainer): (text: string, userId: string) => Promise<RenderedExplanation> {
  return async (text) => renderExplanation(await explainer.explain(text, { priority: 'interactive' }));
}
