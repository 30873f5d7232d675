import type { Category, Kind } from '../ports/category.js';
import type { ParsedError } from './parse-error-text.js';

/**
 * Rules for the finer kind inside a category, read from the (lower-cased) message. The first match wins, so the
 * more specific wording comes first. Every pattern is bounded.
 */
const KIND_RULES: Partial<Record<Category, readonly [RegExp, Kind][]>> = {
  invalid_request: [
    [/prompt is too long|input is too long|input length .{0,40}exceed|prompt token count of \d{1,9} exceeds|context size exceeds|exceeds? (?:the )?(?:model's )?(?:maximum )?context|context (?:window|limit|length)/, 'prompt_too_long'],
    [/max_tokens.{0,20}(?:field required|is required|missing)|missing.{0,60}max_tokens/, 'max_tokens_missing'],
    // `max_tokens: 128000 > 64000`; not "max_tokens must be greater than thinking.budget_tokens" (too small).
    [/max_tokens`?: \d{1,9} > \d|max_tokens.{0,60}(?:exceeds?|too large|at most|less than or equal)|\d{1,9} is not less or equal to \d|maximum tokens.{0,40}exceed/, 'max_tokens_too_large'],
    // Before the tool rule: an empty text block inside a tool_result is an empty-content problem.
    // Bedrock's words too: "The content field in the Message object at messages.3 is empty", and its schema check's
    // "messages/1/content: expected minimum item count: 1, found: 0".
    [/non-?empty|non-?whitespace|must not be empty|empty (?:content|text|message)|content.{0,30}(?:empty|cannot be blank)|content field [^\n]{0,60}is empty|content: expected minimum item count: 1, found: 0/, 'empty_content'],
    [/tool_use.{0,120}(?:without|no corresponding|must have|missing).{0,60}tool_result|tool_result.{0,80}(?:corresponding|missing)|unexpected `?tool_use_id|did not find \d{1,4} `?tool_result|expected toolresult blocks/, 'tool_result_missing'],
    [/image.{0,80}(?:exceeds|too large|maximum|dimensions|mb)/, 'image_too_large'],
    [/alternat|first message must use the "?user"? role|roles must|consecutive (?:user|assistant)|must start with a user/, 'roles_not_alternating'],
  ],
  auth: [
    [/cors requests|origin header|dangerouslyallowbrowser/, 'cors'],
    [/header is required|no api key|api key (?:is )?(?:missing|not set|not provided)/, 'missing_key'],
    [/x-api-key|api.key|bearer token|invalid.{0,20}(?:key|token|credentials)|authentication/, 'api_key'],
  ],
  permission: [[/request not allowed|region|country|territor|unsupported_country|not available in your|location is not supported/, 'region']],
  rate_limit: [
    [/acceleration|ramp|sharp increase/, 'acceleration'],
    [/output[ _]tokens/, 'output_tokens'],
    [/input[ _]tokens|request tokens|prompt tokens|tokens per minute/, 'input_tokens'],
    [/requests per minute|requests_per|request rate|concurrent connections|number of requests|too many requests|\brpm\b/, 'requests'],
  ],
  billing: [
    [/credit/, 'credit_balance'],
    [/spend|usage limit|cap\b/, 'spend_cap'],
    [/payment|billing|card|invoice/, 'payment'],
  ],
};

/**
 * Model ids the API no longer serves: Claude 1, 2 and Instant, and the retired 3.x models (their real dated ids and
 * their aliases). A 404 on one of these means retired; a 3.x id with a date that never existed is a typo.
 */
const RETIRED_FAMILY = /^claude-(?:instant|1|2)(?:[.-]|$)|^claude-3-(?:sonnet|opus|haiku|5-sonnet|5-haiku|7-sonnet)(?:-latest)?$/;
const RETIRED_DATED = new Set([
  'claude-3-sonnet-20240229', 'claude-3-opus-20240229', 'claude-3-haiku-20240307', 'claude-3-5-sonnet-20240620',
  'claude-3-5-sonnet-20241022', 'claude-3-5-haiku-20241022', 'claude-3-7-sonnet-20250219',
]);

const BEDROCK_ID = /^(?:[a-z]{2,4}\.)?anthropic\.claude|-v\d:\d$/i;

/** Whether `model` names a retired model (vendor prefixes and `@date` spellings of cloud platforms accepted). */
export function isRetiredModel(model: string): boolean {
  const id = model.toLowerCase().replace(/^(?:anthropic[./])|^us\.anthropic\.|-v\d(?::\d)?$/g, '').replace('@', '-');
  return RETIRED_FAMILY.test(id) || RETIRED_DATED.has(id);
}

/**
 * For text with no status, type or class at all: an invalid-request kind whose wording is unmistakable
 * (`prompt is too long: …`) still tells the category.
 */
export function invalidRequestKindByWording(haystack: string): Kind | undefined {
  return firstKind('invalid_request', haystack);
}

/** The finer kind of `category` for this error, when the wording or facts tell one. */
export function chooseKind(category: Category, parsed: ParsedError, haystack: string): Kind | undefined {
  switch (category) {
    case 'auth':
      // An OAuth token pasted alongside an auth error: the key was fine, its kind was wrong.
      if (parsed.credential === 'oauth_token') return 'oauth_token';
      return firstKind(category, haystack);
    case 'not_found':
      // A model named by its product name ("Claude Opus 4.8 is not available") is a model too.
      if (!parsed.model && !/\bmodel\b|\bclaude [\w .-]{1,30} is (?:not|no longer) available\b/.test(haystack)) return undefined;
      // `model: claude-… ` with trailing whitespace: the id sent was not the id meant (a stray space from a config).
      if (/^model: \S{1,100}\s{1,10}$/.test(parsed.message ?? '')) return 'unknown_model';
      // A model the platform has but does not serve there ("not servable in region …", "not available on your
      // deployment"): the id is right, the place is not — no kind.
      if (/\bnot (?:servable|available) (?:in|on)\b/.test(haystack)) return undefined;
      // A Bedrock id (`us.anthropic.claude-…-v1:0`) answered by the Anthropic API's own `not_found_error`: an id of
      // another platform, unknown here whatever model it names.
      if (parsed.type === 'not_found_error' && parsed.model && BEDROCK_ID.test(parsed.model)) return 'unknown_model';
      return parsed.model && isRetiredModel(parsed.model) ? 'retired_model' : 'unknown_model';
    case 'timeout':
      if (parsed.sdkClass === 'APIUserAbortError' || /request was aborted/.test(haystack)) return 'aborted';
      // Go's net/http and context: the client's own deadline, not a gateway's (rule 6).
      if (!parsed.status && /context deadline exceeded|client\.timeout exceeded/.test(haystack)) return 'client_timeout';
      if (parsed.status || parsed.type === 'timeout_error' || /gateway|upstream|deadline/.test(haystack)) return 'gateway_timeout';
      return 'client_timeout';
    default:
      return firstKind(category, haystack) ?? (category === 'billing' && (parsed.status === 402 || parsed.type === 'billing_error') ? 'payment' : undefined);
  }
}

function firstKind(category: Category, haystack: string): Kind | undefined {
  return KIND_RULES[category]?.find(([re]) => re.test(haystack))?.[1];
}
