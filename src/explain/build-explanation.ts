import type { Classification } from './weigh-evidence.js';
import { snippetFor } from './fix-snippets.js';
import { unknownHelp } from './unknown-help.js';
import type { Explanation } from './explanation.js';
import { lookupAdvice } from './knowledge-base.js';
import { PLAN_ALLOWANCE, planAllowanceIn } from './kb-access.js';
import type { ParsedError } from './parse-error-text.js';

/** Characters of the (scrubbed) input echoed back. */
export const ECHO_CHARS = 600;

/** Joins a classification with its knowledge-base advice and the facts read from the (already scrubbed) text. */
export function buildExplanation(parsed: ParsedError, classification: Classification, scrubbedText: string): Explanation {
  const advice =
    classification.kind === 'spend_cap' && planAllowanceIn(scrubbedText) ? PLAN_ALLOWANCE : lookupAdvice(classification.category, classification.kind);
  // ErrorFacts is ParsedError without its working state; taking the rest keeps the two in step by construction.
  const { credential: _credential, truncated: _truncated, originalLength: _originalLength, text: _text, ...facts } = parsed;
  const explanation: Explanation = {
    category: classification.category,
    ...(classification.kind ? { kind: classification.kind } : {}),
    confidence: classification.confidence,
    title: advice.title,
    cause: advice.cause,
    fixSteps: [...advice.fixSteps],
    retryable: advice.retryable,
    facts,
    echo: scrubbedText.length > ECHO_CHARS ? `${scrubbedText.slice(0, ECHO_CHARS - 1)}…` : scrubbedText,
    truncated: parsed.truncated,
    notes: notesFor(parsed, advice.retryable),
  };
  if (advice.snippets) {
    explanation.snippets = advice.snippets;
    explanation.snippet = snippetFor(advice.snippets, parsed.sdkLanguage);
  }
  // Cloudflare pages carry a Ray ID and no request id: name it as what it is.
  if (!parsed.requestId && parsed.rayId) {
    explanation.fixSteps = explanation.fixSteps.map((step) => step.replace(/\bthe request id\b/, `the Cloudflare Ray ID (${parsed.rayId})`));
  }
  if (classification.category === 'unknown') {
    const help = unknownHelp(parsed, classification);
    explanation.unknownHelp = help;
    explanation.cause = help.recognised.length
      ? `Read from the text: ${help.recognised.join(', ')} — not enough to tell which error this is.`
      : 'The text holds no status, error type, SDK class or wording the explainer knows.';
    explanation.fixSteps = [
      ...help.likelyCauses.map((c, i) => `Likely cause ${i + 1}: ${c.title} — ${c.check}.`),
      ...help.better,
    ];
  }
  return explanation;
}

function notesFor(parsed: ParsedError, retryable: boolean): string[] {
  const notes: string[] = [];
  if (parsed.truncated) {
    notes.push(`The text was ${Math.round(parsed.originalLength / 1024)} KB; only its first and last parts (${Math.round(parsed.text.length / 1024)} KB) were read.`);
  }
  if (parsed.inStream) notes.push('This error came inside a stream after HTTP 200: the SDK reports it without a status code; handle it like the same error on a normal response.');
  if (retryable && parsed.retryAfterSeconds !== undefined) notes.push(`The API asked to wait ${parsed.retryAfterSeconds} s before retrying (retry-after).`);
  if (parsed.requestId) notes.push(`Quote request id ${parsed.requestId} if you contact Anthropic support.`);
  else if (parsed.rayId) notes.push(`This page came from the Cloudflare edge, not from the API itself; it has no request id — quote its Ray ID ${parsed.rayId} instead.`);
  return notes;
}
