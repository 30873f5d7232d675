import { randomBytes } from 'node:crypto';
import type { Reply } from './reply.js';
import type { ValidRequest } from './validate-request.js';

/** The assistant's fixed answer; cut to fit `max_tokens` at 4 characters a token. */
export const REPLY_TEXT = 'Hello from the fake Claude API.';

/** What the fake assistant says to one request. */
export interface Answer {
  text: string;
  outputTokens: number;
  stopReason: 'end_turn' | 'max_tokens';
}

/** The fixed answer (or `text`), truncated (stop_reason `max_tokens`) when max_tokens is smaller than it. */
export function answerFor(request: ValidRequest, text = REPLY_TEXT): Answer {
  const fullTokens = Math.ceil(text.length / 4);
  if (request.maxTokens >= fullTokens) return { text, outputTokens: fullTokens, stopReason: 'end_turn' };
  return { text: text.slice(0, request.maxTokens * 4), outputTokens: request.maxTokens, stopReason: 'max_tokens' };
}

const messageId = (): string => `msg_011C${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 20)}`;

/** A non-streaming Messages answer. */
export function messageBody(request: ValidRequest, answer: Answer): Record<string, unknown> {
  return {
    id: messageId(),
    type: 'message',
    role: 'assistant',
    model: request.model.id,
    content: [{ type: 'text', text: answer.text }],
    stop_reason: answer.stopReason,
    stop_sequence: null,
    usage: { input_tokens: request.inputTokens, output_tokens: answer.outputTokens },
  };
}

/**
 * A streaming answer: message_start … message_stop. With `failMidway`, the stream breaks after message_start with an
 * `event: error` overloaded_error, as the API does when it is overloaded after the HTTP 200 was sent.
 */
export function writeStream(reply: Reply, request: ValidRequest, answer: Answer, headers: Record<string, string>,
  failMidway: boolean): void {
  reply.startStream(headers);
  reply.event('message_start', {
    type: 'message_start',
    message: { ...messageBody(request, answer), content: [], stop_reason: null,
      usage: { input_tokens: request.inputTokens, output_tokens: 1 } },
  });
  if (failMidway) {
    reply.event('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: reply.requestId });
    reply.res.end();
    return;
  }
  reply.event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
  reply.event('ping', { type: 'ping' });
  reply.event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: answer.text } });
  reply.event('content_block_stop', { type: 'content_block_stop', index: 0 });
  reply.event('message_delta', { type: 'message_delta', delta: { stop_reason: answer.stopReason, stop_sequence: null },
    usage: { output_tokens: answer.outputTokens } });
  reply.event('message_stop', { type: 'message_stop' });
  reply.res.end();
}
