import { classificationReply, classificationText, type ClassifyAnswerer } from './classification-answers.js';
import type { LaneLimiter } from './lane-limiter.js';
import { answerFor, messageBody, writeStream } from './message-replies.js';
import { listModels, toModelInfo } from './models.js';
import type { Reply } from './reply.js';
import type { FakeModel, KeyInfo, Lane } from './types.js';
import { validateMessageRequest, type ValidRequest } from './validate-request.js';

/** What the handlers need from the server. */
export interface HandlerState {
  models(): FakeModel[];
  limiter(key: string, lane: Lane): LaneLimiter;
  now(): number;
  onRateLimited(): void;
  /** Answers classification requests from a table; counts them. */
  classify?: ClassifyAnswerer;
  onClassified(): void;
}

/** One authenticated request. */
export interface Call {
  reply: Reply;
  key: string;
  info: KeyInfo;
  body: unknown;
  query: URLSearchParams;
  modelId?: string;
  streamError: boolean;
}

/** Answers 429 rate_limit_error with `retry-after`, or charges the bucket and returns its headers. */
function admit(state: HandlerState, call: Call, lane: Lane, request?: ValidRequest): Record<string, string> | undefined {
  const limiter = state.limiter(call.key, lane);
  const verdict = limiter.admit({ inputTokens: request?.inputTokens, outputTokens: request?.maxTokens });
  if (verdict.ok) return verdict.headers;
  state.onRateLimited();
  const message = `This request would exceed the rate limit for your organization (${call.info.organizationId}) of `
    + `${limiter.limitOf(verdict.exceeded)} ${verdict.exceeded} per minute. For details, refer to: `
    + 'https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the '
    + 'prompt length or the maximum tokens requested, or try again later. You may also contact sales at '
    + 'https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.';
  call.reply.error(429, 'rate_limit_error', message,
    { headers: { ...verdict.headers, 'retry-after': String(verdict.retryAfterSeconds) } });
  return undefined;
}

/** The 400 a Messages call gets when the organization cannot pay (only Messages reveals it, never the free probes). */
function billingRefusal(info: KeyInfo, now: number): string | undefined {
  switch (info.billing) {
    case 'credit_balance_too_low':
      return 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.';
    case 'spend_cap_reached': {
      const d = new Date(now);
      const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
      return `You have reached your specified API usage limits. You will regain access on ${next} at 00:00 UTC.`;
    }
    case 'disabled':
      return 'This organization has been disabled.';
    default:
      return undefined;
  }
}

/** POST /v1/messages: validation, billing, the Messages bucket, then a message or an SSE stream. */
export function handleMessages(state: HandlerState, call: Call): void {
  const rateHeaders = (): Record<string, string> => state.limiter(call.key, 'messages').headers();
  const checked = validateMessageRequest(call.body, state.models(), call.info, false);
  if ('status' in checked) {
    call.reply.error(checked.status, checked.type, checked.message, { headers: rateHeaders() });
    return;
  }
  const billing = billingRefusal(call.info, state.now());
  if (billing) {
    call.reply.error(400, 'invalid_request_error', billing, { headers: rateHeaders() });
    return;
  }
  const headers = admit(state, call, 'messages', checked);
  if (!headers) return;
  const errorText = state.classify ? classificationText(call.body) : undefined;
  if (errorText !== undefined) state.onClassified();
  const answer = answerFor(checked, errorText !== undefined && state.classify ? classificationReply(errorText, state.classify) : undefined);
  // Output was reserved at max_tokens (as the API estimates OTPM); give back what was not produced.
  state.limiter(call.key, 'messages').refundOutput(checked.maxTokens - answer.outputTokens);
  if (checked.stream) writeStream(call.reply, checked, answer, headers, call.streamError);
  else call.reply.json(200, messageBody(checked, answer), headers);
}

/** POST /v1/messages/count_tokens: validated like Messages (minus max_tokens), charged to the free lane. */
export function handleCountTokens(state: HandlerState, call: Call): void {
  const checked = validateMessageRequest(call.body, state.models(), call.info, true);
  if ('status' in checked) {
    call.reply.error(checked.status, checked.type, checked.message, { headers: state.limiter(call.key, 'free').headers() });
    return;
  }
  const headers = admit(state, call, 'free');
  if (headers) call.reply.json(200, { input_tokens: checked.inputTokens }, headers);
}

/** GET /v1/models (a page) and GET /v1/models/{id} (any known model, retired too), charged to the free lane. */
export function handleModels(state: HandlerState, call: Call): void {
  const headers = admit(state, call, 'free');
  if (!headers) return;
  if (call.modelId === undefined) {
    call.reply.json(200, listModels(state.models(), call.query), headers);
    return;
  }
  const model = state.models().find((m) => m.id === call.modelId);
  if (model) call.reply.json(200, toModelInfo(model), headers);
  else call.reply.error(404, 'not_found_error', `model: ${call.modelId}`, { headers });
}
