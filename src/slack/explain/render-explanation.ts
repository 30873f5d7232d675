import type { Explanation } from '../../explain/explanation.js';
import { scrubSecrets } from '../../secrets/scrub-secrets.js';
import { clip, clipMrkdwn, fitBlocks, safeEcho, SLACK_LIMITS as BLOCK_LIMITS, type KnownBlock, type Part as ReportPart } from '../kit/index.js';

/** What the renderer shows: the offline explanation, plus Claude's enrichment or why there is none. */
export type ExplainAnswer = Explanation & {
  enrichment?: string;
  enrichmentSkipped?: string;
  /** Live context for rate-limit, overload and auth errors (the explainer's `live`): only its sentences are shown. */
  live?: { lines: string[] };
};

export interface RenderedExplanation {
  text: string;
  blocks: KnownBlock[];
}

/** Slack's cap on a message's top-level `text` (reference/slack.md). */
const MAX_TEXT_CHARS = 4000;
// A snippet is for reading at a glance; longer ones are cut (the knowledge base keeps them to a screenful anyway).
const MAX_SNIPPET_CHARS = 1800;
const CATEGORY_EMOJI: Record<Explanation['category'], string> = {
  auth: ':closed_lock_with_key:', permission: ':no_entry:', not_found: ':mag:', invalid_request: ':memo:',
  request_too_large: ':package:', rate_limit: ':hourglass_flowing_sand:', overloaded: ':fire:', server_error: ':boom:',
  timeout: ':stopwatch:', connection: ':electric_plug:', billing: ':credit_card:', unknown: ':grey_question:',
};

/** Anything that came from the user, the API or Claude: scrubbed, escaped, mass mentions defused, clipped. */
const safe = (text: string, max: number): string => safeEcho(text, max);
const plainSafe = (text: string): string => scrubSecrets(text.slice(0, 1000)).replace(/</g, '‹').replace(/>/g, '›');
const code = (text: string, max = 120): string => `\`${safe(text, max).replace(/`/g, "'")}\``;

function factsLine(answer: ExplainAnswer): string {
  const { facts } = answer;
  // The category and kind are in the header already: the facts are what the error itself said.
  const parts: string[] = [];
  if (facts.status !== undefined) parts.push(`*Status:* ${facts.status}${facts.inStream ? ' (in a stream)' : ''}`);
  if (facts.type) parts.push(`*Type:* ${code(facts.type)}`);
  if (facts.errorCode) parts.push(`*Error code:* ${code(facts.errorCode)}`);
  if (facts.sdkClass) parts.push(`*SDK:* ${code(facts.sdkClass)}`);
  if (facts.requestId) parts.push(`*Request id:* ${code(facts.requestId)}`);
  return parts.join(' · ');
}


function enrichmentParts(answer: ExplainAnswer, pending: boolean): ReportPart[] {
  if (pending) return [{ kind: 'context', texts: ['_:hourglass_flowing_sand: Offline answer from the knowledge base; asking Claude for more — this message updates itself._'] }];
  if (answer.enrichment) {
    return [{ kind: 'section', lines: [`*:sparkles: From Claude*\n${safe(answer.enrichment, BLOCK_LIMITS.sectionText - 200)}`] }];
  }
  const why = answer.enrichmentSkipped ? ` — ${safe(answer.enrichmentSkipped, 300)}` : '';
  return [{ kind: 'context', texts: [`_:books: Offline answer from the knowledge base${why}._`] }];
}

/**
 * The explainer's answer as a Slack message: what and why, numbered fixes, whether a retry helps, a TypeScript
 * snippet when code is the fix, Claude's refinement (or why the answer is offline), notes and the pasted text.
 * Every piece that did not come from our own templates is scrubbed and escaped, so nothing pasted can ping or link.
 */
export function renderExplanation(answer: ExplainAnswer, options: { pending?: boolean } = {}): RenderedExplanation {
  const title = `${answer.title} (${answer.category}${answer.kind ? ` · ${answer.kind}` : ''})`;
  const fixes = answer.fixSteps.map((step, i) => `${i + 1}. ${safe(step, 600)}`);
  // Of an error we could not place, we cannot say whether a retry helps: no line rather than a wrong one.
  const retry = answer.category === 'unknown'
    ? undefined
    : answer.retryable
      ? ':repeat: *Retrying can help* — with backoff, and after any `retry-after` the API sent.'
      : ':no_entry_sign: *Retrying the same request will not help* — change the request or the account first.';
  const parts: ReportPart[] = [
    // Header text is plain_text: Slack never parses it and would show `&lt;` literally, so angle brackets become
    // look-alikes instead of entities; scrubbed anyway, since a title could one day quote the input.
    { kind: 'header', text: clip(`${CATEGORY_EMOJI[answer.category]} ${plainSafe(title)}`, BLOCK_LIMITS.header) },
    ...(factsLine(answer) ? [{ kind: 'context', texts: [factsLine(answer)] } as ReportPart] : []),
    // What, why, what to do and whether a retry helps: one block, read top to bottom.
    { kind: 'section', lines: [`*Why:* ${safe(answer.cause, 1500)}`, ...(fixes.length ? ['*How to fix:*', ...fixes] : ['*How to fix:* _no specific steps; see below._']), ...(retry ? [retry] : [])] },
  ];
  // In the paste's language (Python for a Python traceback, TypeScript for TS/JS): explain/fix-snippets.ts snippetFor.
  const snippet = answer.snippet;
  if (snippet) parts.push({ kind: 'section', lines: [`*${snippet.label}:*\n\`\`\`${safe(snippet.code, MAX_SNIPPET_CHARS)}\`\`\``] });
  if (answer.live?.lines.length) parts.push({ kind: 'section', lines: ['*:satellite: What the bot sees right now:*', ...answer.live.lines.map((l) => `• ${safe(l, 300)}`)] });
  parts.push(...enrichmentParts(answer, options.pending === true));
  // A cut input already has its note (buildExplanation writes one whenever `truncated` is set).
  const notes = answer.notes.map((n) => `• ${safe(n, 400)}`);
  if (notes.length) parts.push({ kind: 'context', texts: [notes.join('\n')] });
  if (answer.echo) parts.push({ kind: 'context', texts: [`You pasted: \`${safe(answer.echo, 300).replace(/`/g, "'")}\``] });

  const summary = `${CATEGORY_EMOJI[answer.category]} ${safe(title, 300)}: ${safe(answer.cause, 1500)}${answer.category === 'unknown' ? '' : answer.retryable ? ' Retrying can help.' : ' Retrying will not help.'}`;
  return { text: clipMrkdwn(summary, MAX_TEXT_CHARS), blocks: fitBlocks(parts).blocks };
}
