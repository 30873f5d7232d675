import type { Entry } from './explanation.js';
import { COUNT_TOKENS_FIRST, LIST_MODELS, VALIDATE_REQUEST } from './fix-snippets.js';

/** Knowledge base: what was asked (not found, invalid request, too large). Our own words. */

export const NOT_FOUND: Entry<'not_found'> = {
  title: 'Not found (404)',
  cause: 'The path, model or resource named in the request does not exist for this key.',
  fixSteps: [
    'Check the URL: the base URL should end at the host (`https://api.anthropic.com`), the SDK adds `/v1/...`.',
    'Check the id in the request (model, batch, file) for typos and that it belongs to this organisation.',
  ],
  retryable: false,
  kinds: {
    retired_model: {
      title: 'Model retired',
      cause: 'The model id names a model that has been retired. The API answers 404 exactly as for a typo; `/v1/models` tells the two apart.',
      fixSteps: [
        'List models (`GET /v1/models`) and pick the current one in the same family.',
        'Move the model id into configuration, so the next retirement is a config change.',
        'Watch `deprecated_at` / `retires_at` in `/v1/models` to get warned before the next one.',
      ],
      retryable: false,
      snippets: LIST_MODELS,
    },
    unknown_model: {
      title: 'Unknown model id',
      cause: 'The model id is not one this key can see: usually a typo, a date suffix that does not exist, or a model that was retired (the API does not say which).',
      fixSteps: [
        'Compare the id with `GET /v1/models` (ids look like `claude-sonnet-4-6`; aliases have no date).',
        'Check that the value did not pick up quotes or whitespace from configuration.',
        'If it used to work, it has probably been retired: move to the current model of the family.',
      ],
      retryable: false,
      snippets: LIST_MODELS,
    },
  },
};

export const INVALID_REQUEST: Entry<'invalid_request'> = {
  title: 'Invalid request (400)',
  cause: 'The request body does not match what the Messages API accepts; the message names the offending field.',
  fixSteps: [
    'Read the message: it names the field (e.g. `messages.1.content`).',
    'Compare the body with the Messages API reference; validate it before sending.',
    'Retrying the same body will fail the same way.',
  ],
  retryable: false,
  snippets: VALIDATE_REQUEST,
  kinds: {
    prompt_too_long: {
      title: 'Prompt longer than the context window',
      cause: 'The input tokens (system + messages + tools + images), plus the room asked for the answer, exceed the model\'s context window.',
      fixSteps: [
        'Count tokens first with the free `count_tokens` endpoint.',
        'Drop or summarise old turns, shorten tool results and documents, or retrieve only the relevant parts.',
        'Use a model with a larger window if the content really is needed.',
      ],
      retryable: false,
      snippets: COUNT_TOKENS_FIRST,
    },
    max_tokens_too_large: {
      title: 'max_tokens above the model\'s limit',
      cause: '`max_tokens` asks for more output than this model can produce in one answer.',
      fixSteps: [
        'Read the model\'s `max_tokens` from `GET /v1/models/{id}` and cap the value to it.',
        'For long outputs, stream and continue in a follow-up turn instead of one huge answer.',
      ],
      retryable: false,
      snippets: COUNT_TOKENS_FIRST,
    },
    max_tokens_missing: {
      title: 'max_tokens missing',
      cause: 'The Messages API requires `max_tokens` on every request; it has no default.',
      fixSteps: ['Add `max_tokens` to the request (e.g. 1024), within the model\'s limit.'],
      retryable: false,
    },
    tool_result_missing: {
      title: 'tool_use without a tool_result',
      cause: 'An assistant turn asked for a tool (`tool_use`), and the next user turn does not answer it with a `tool_result` carrying the same `tool_use_id`.',
      fixSteps: [
        'After every assistant turn with `tool_use` blocks, send one user turn whose first blocks are the `tool_result`s, one per id.',
        'When trimming history, remove a `tool_use` together with its `tool_result`, never one of them alone.',
        'If a tool failed, still answer it: a `tool_result` with `is_error: true`.',
      ],
      retryable: false,
      snippets: VALIDATE_REQUEST,
    },
    empty_content: {
      title: 'Empty message content',
      cause: 'A message has no content, or a text block holds only an empty string or whitespace (only the last assistant turn may be empty).',
      fixSteps: [
        'Filter out empty messages and blank text blocks before sending.',
        'Check what produced the empty string (a failed tool, a blank form field).',
      ],
      retryable: false,
      snippets: VALIDATE_REQUEST,
    },
    roles_not_alternating: {
      title: 'Roles do not alternate',
      cause: 'Two turns of the same role follow each other, or the conversation does not start with a user turn.',
      fixSteps: [
        'Start with a `user` message; put instructions in `system`, not in a first `assistant` turn.',
        'Merge consecutive same-role messages into one message with several content blocks.',
      ],
      retryable: false,
      snippets: VALIDATE_REQUEST,
    },
    image_too_large: {
      title: 'Image too large',
      cause: 'An image exceeds the per-image limit (bytes or pixel dimensions), or the request holds too many images.',
      fixSteps: [
        'Resize images so the long side is at most about 1568 px and each is well under 5 MB; re-encode as JPEG or WebP.',
        'Send fewer images per request, or upload them with the Files API.',
      ],
      retryable: false,
    },
  },
};

export const REQUEST_TOO_LARGE: Entry<'request_too_large'> = {
  title: 'Request body too large (413)',
  cause: 'The HTTP body is over the size the edge accepts (32 MB for Messages); it is refused before the API sees it, so there is no request id.',
  fixSteps: [
    'Send large documents and images through the Files API and reference them by id.',
    'Split the work into several requests, or shrink the images.',
    'Check for something accidental, such as a whole log file or a base64 blob twice.',
  ],
  retryable: false,
  kinds: {},
};
