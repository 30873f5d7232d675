import type { FakeModel, KeyInfo } from './types.js';

/** A refusal as the API words it (status, `error.type`, message). */
export interface Refusal {
  status: 400 | 403 | 404;
  type: 'invalid_request_error' | 'permission_error' | 'not_found_error';
  message: string;
}

/** A Messages/count_tokens request that passed validation, with its token estimate. */
export interface ValidRequest {
  model: FakeModel;
  inputTokens: number;
  maxTokens: number;
  stream: boolean;
}

const invalid = (message: string): Refusal => ({ status: 400, type: 'invalid_request_error', message });

/** Characters of text a content value carries (a string or an array of blocks). */
function textLength(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  return content.reduce<number>((sum, block) => {
    const text = (block as { text?: unknown } | null)?.text;
    return sum + (typeof text === 'string' ? text.length : JSON.stringify(block ?? '').length);
  }, 0);
}

/** The fake's token estimate: ceil(chars/4) over the system prompt and every message, at least 1. */
export function estimateInputTokens(body: Record<string, unknown>): number {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const chars = textLength(body.system) + messages.reduce<number>(
    (sum, m) => sum + textLength((m as { content?: unknown } | null)?.content), 0);
  return Math.max(1, Math.ceil(chars / 4));
}

/**
 * Validates a Messages (or, with `countOnly`, a count_tokens) body as the API does, in its order: schema errors
 * (400), unknown or retired model (404 "model: <id>"), a model the key may not use (403), then the model's limits.
 */
export function validateMessageRequest(
  body: unknown,
  models: FakeModel[],
  key: KeyInfo,
  countOnly: boolean,
): Refusal | ValidRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid('There was an error parsing the body of your request. Please check that it is valid JSON.');
  }
  const b = body as Record<string, unknown>;
  if (b.model === undefined) return invalid('model: Field required');
  if (typeof b.model !== 'string') return invalid('model: Input should be a valid string');
  if (b.messages === undefined) return invalid('messages: Field required');
  if (!Array.isArray(b.messages)) return invalid('messages: Input should be a valid list');
  if (!countOnly) {
    if (b.max_tokens === undefined) return invalid('max_tokens: Field required');
    if (typeof b.max_tokens !== 'number' || !Number.isInteger(b.max_tokens)) {
      return invalid('max_tokens: Input should be a valid integer');
    }
    if (b.max_tokens < 1) return invalid('max_tokens: Input should be greater than or equal to 1');
  }
  if (b.messages.length === 0) return invalid('messages: at least one message is required');
  for (const [i, m] of b.messages.entries()) {
    const role = (m as { role?: unknown } | null)?.role;
    if (role !== 'user' && role !== 'assistant') return invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if ((m as { content?: unknown }).content === undefined) return invalid(`messages.${i}.content: Field required`);
  }
  if ((b.messages[0] as { role: string }).role !== 'user') return invalid('messages: first message must use the "user" role');

  const model = models.find((m) => m.id === b.model);
  if (!model || model.lifecycle === 'retired') {
    return { status: 404, type: 'not_found_error', message: `model: ${b.model}` };
  }
  if (key.forbiddenModels?.includes(model.id)) {
    return { status: 403, type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' };
  }
  const maxTokens = countOnly ? 0 : (b.max_tokens as number);
  const maxOutput = model.max_tokens ?? 64_000;
  if (maxTokens > maxOutput) {
    return invalid(`max_tokens: ${maxTokens} > ${maxOutput}, which is the maximum allowed number of output tokens for ${model.id}`);
  }
  const inputTokens = estimateInputTokens(b);
  const maxInput = model.max_input_tokens ?? 200_000;
  if (inputTokens + maxTokens > maxInput) {
    return invalid(`prompt is too long: ${inputTokens + maxTokens} tokens > ${maxInput} maximum`);
  }
  return { model, inputTokens, maxTokens, stream: b.stream === true };
}
