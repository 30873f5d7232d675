import { describe, expect, it } from 'vitest';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { answerOf as classify } from './support/answer-of.js';
import { toExplanationJson } from '../../src/explain/explanation-json.js';
import { normalizePaste } from '../../src/explain/normalize-paste.js';
import { parseErrorText } from '../../src/explain/parse-error-text.js';

/**
 * The families issue 13 lists, one case each, in the shapes people paste them (texts modelled on public issue
 * threads). The real-paste corpus measures accuracy; these pin the behaviour of each rule.
 */

describe('normalising a paste', () => {
  it('undoes JSON escaped inside another string, two levels deep', () => {
    expect(normalizePaste('{"error":"Error: 429 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"rate_limit_error\\"}}"}')).toContain('"type":"rate_limit_error"');
    expect(normalizePaste('"{\\\\\\"type\\\\\\":\\\\\\"overloaded_error\\\\\\"}"')).toContain('"type":"overloaded_error"');
  });

  it('drops a log prefix (timestamp, level, logger) standing on every line, so a message the log broke re-joins', () => {
    expect(classify('2026-12-02T10:41:07.512Z ERROR [relay] API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This organization has been\n2026-12-02T10:41:07.513Z ERROR [relay] disabled."}}')).toBe('permission/org_disabled');
    expect(classify('[2026-12-02 10:41:07,512] ERROR app.client: 529 {"error":{"message":"upstream busy"}}')).toBe('overloaded');
    // A class after the level is not a logger's name; a line without the prefix keeps every prefix in place.
    expect(normalizePaste('2026-12-02 10:41:07 ERROR anthropic.RateLimitError: Error code: 429')).toBe('anthropic.RateLimitError: Error code: 429');
    expect(normalizePaste('2026-12-02 10:41:07 ERROR a\nTraceback (most recent call last):')).toBe('2026-12-02 10:41:07 ERROR a\nTraceback (most recent call last):');
  });

  it('re-joins a one-line paste a terminal of a usual width wrapped once, mid-word (nothing else to measure the width by)', () => {
    const cut = 'BadRequestError: Error code: 400 - Model claude-sonnet-4-6@default is not servab\nle in region europe-west1';
    expect(cut.indexOf('\n')).toBe(80);
    expect(normalizePaste(cut)).toContain('is not servable in region');
    expect(classify(cut)).toBe('not_found');
    // Two lines of which the first merely happens to be short, or not of a usual width, stay two lines.
    expect(normalizePaste(`${'x'.repeat(79)}\nError: 529`).split('\n')).toHaveLength(2);
    expect(normalizePaste(`${'x'.repeat(80)}\n${'y'.repeat(81)}`).split('\n')).toHaveLength(2);
  });

  it('re-joins a JSON string wrapped by the terminal, and lines cut at the wrap width', () => {
    expect(normalizePaste('{"type":"error","error":{"message":"Your credit\n   balance is too low"}}')).toContain('"message":"Your credit balance is too low"');
    const w = 'x'.repeat(70);
    expect(normalizePaste(`${w}\nyz\n${w}\nab`)).toBe(`${w}yz\n${w}ab`);
    // A stack frame is indented: never joined to the line above.
    expect(normalizePaste(`${w}\n    at f (a.js:1:2)\n${w}\n    at g (b.js:3:4)`).split('\n')).toHaveLength(4);
  });

  it('undoes quotes escaped as \\u0022 (.NET\'s default JSON encoder)', () => {
    expect(normalizePaste('{"log":"Error: {\\u0022type\\u0022:\\u0022error\\u0022,\\u0022error\\u0022:{\\u0022type\\u0022:\\u0022api_error\\u0022}}"}')).toContain('"type":"api_error"');
  });

  it('drops ANSI colours and HTML entities', () => {
    expect(normalizePaste('\u001b[31mError:\u001b[0m 529 &quot;Overloaded&quot;')).toBe('Error: 529 "Overloaded"');
  });
});

describe('the message read', () => {
  it('is the innermost of nested bodies and the last of several errors', () => {
    const nested = '{"error":{"message":"Provider returned error","code":400,"metadata":{"raw":"{\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_request_error\\",\\"message\\":\\"max_tokens: 100000 > 64000\\"}}"}}}';
    expect(parseErrorText(nested).message).toBe('max_tokens: 100000 > 64000');
    const two = 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}\n> retry\nAPI Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your per-minute rate limit"}}';
    expect(parseErrorText(two).message).toBe('Number of requests has exceeded your per-minute rate limit');
  });
});

describe('statuses read from prose', () => {
  it.each([
    ['AxiosError: Request failed with status code 500', 500],
    ['error, status code: 404, message: not found', 404],
    ['POST /v1/messages failed: HTTP 413', 413],
    ['402 Payment Required', 402],
    ['POST https://api.anthropic.com/v1/messages 401 (Unauthorized)', 401],
    ['⎿  API Error (503 upstream connect error or disconnect/reset before headers)', 503],
    ['{"error":{"code":402,"message":"This request requires more credits"}}', 402],
    ['Error from the provider: status code 402Your balance is empty', 402],
    ['✘ main.py: 529 Server Error: None for url: https://api.anthropic.com/v1/messages', 529],
    ['⎿  API Error: Request rejected (429) · Rate limited', 429],
    ['[ 429 Rate limited · Retrying in 4s · attempt 3/10 ]', 429],
    ['System.Net.Http.HttpRequestException: Response status code does not indicate success: 529 ().', 529],
    ['google.api_core.exceptions.NotFound: 404 Publisher Model `x` was not found', 404],
    ['详情: "状态码: 429 - 上游繁忙 (request id: 1)"', 429],
    // The reason phrase first, the status after it in parentheses.
    ['{"code":"builder_error","message":"Bad Request (400) - temperature: Input should be less than or equal to 1"}', 400],
    ['ClientException: Too Many Requests (429)', 429],
    // A terminal wrapped at the space before the reason phrase.
    ['POST http://localhost:8080/https%3A%2F%2Fapi.anthropic.com%2Fv1%2Fmessages 401 \n(Unauthorized)', 401],
    // An access log wrapped by a terminal inside its request line; a probe before it is not the call (rule 8).
    ['INFO:     127.0.0.1:5001 - "HEAD / HTTP/1.1" 404 Not Found\nINFO:     127.0.0.1:5002 - "POST\n/v1/messages?beta=true\nHTTP/1.1" 529 \n', 529],
    // An access log shipped as JSON: its quotes escaped.
    ['{"log":"INFO: 10.0.0.1:5000 - \\"POST /v1/messages HTTP/1.1\\" 529 \\n","stream":"stdout"}', 529],
    // An access log's 500 is the app's catch-all for the exception beside it: the exception's own status decides.
    ['botocore.errorfactory.ThrottlingException: An error occurred (ThrottlingException) when calling the Converse operation: Too many requests\nINFO:     127.0.0.1:5000 - "POST /api/chat HTTP/1.1" 500 Internal Server Error', 429],
  ])('%s → %i', (text, status) => {
    expect(parseErrorText(text).status).toBe(status);
  });
});

describe('wrappers, clients and product wordings', () => {
  it.each([
    ['litellm.InternalServerError: AnthropicException - Overloaded. Handle with `litellm.InternalServerError`.', 'overloaded'],
    ['Messages stream error, type: not_found_error, message: Not Found, message: anthropic api error type: not_found_error, message: Not Found', 'not_found'],
    ['⎿  API Error (503 upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: delayed connect error: Connection refused) · Retrying in 4 seconds… (attempt 4/10)', 'server_error'],
    ['[{"error":"Error: 429 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"rate_limit_error\\",\\"message\\":\\"Number of request tokens has exceeded your per-minute rate limit\\"}}\\n    at generate (/$bunfs/root/claude:798:2661)"}]', 'rate_limit/input_tokens'],
    ['413 {"type":"error","error":{"type":"invalid_request_error","message":"prompt exceeds the context window"}}', 'request_too_large'],
    ['Error: 500 {"type":"error","error":{"type":"api_error","message":"Overloaded"},"request_id":null}', 'server_error'],
    ['Claude AI usage limit reached|1762952400', 'billing/spend_cap'],
    ["You're out of extra usage · resets 4pm", 'billing/spend_cap'],
    ['Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.', 'billing/credit_balance'],
    ['API Error: Server is temporarily limiting requests (not your usage limit) · Rate limited', 'rate_limit'],
    ["'anthropic-ratelimit-requests-remaining': '0',\n'anthropic-ratelimit-tokens-remaining': '16000',", 'rate_limit/requests'],
    ['error: The socket connection was closed unexpectedly. For more information, pass `verbose: true` in the second argument to fetch()', 'connection'],
    ['2024-03-13 08:14:02 ERROR litellm request failed <class \'litellm.exceptions.APIConnectionError\'>=list index out of range.', 'unknown'],
    ['botocore.errorfactory.ThrottlingException: An error occurred (ThrottlingException) when calling the InvokeModel operation: Too many requests, please wait before trying again.', 'rate_limit/requests'],
  ])('%s → %s', (text, want) => {
    expect(classify(text)).toBe(want);
  });
});

describe('clients and wordings beyond the first round (made-up texts in the shapes these clients print)', () => {
  it.each([
    // Statuses in other HTTP stacks' prose.
    ['System.Net.Http.HttpRequestException: Response status code does not indicate success: 529 ().', 'overloaded'],
    ["httpx.HTTPStatusError: Server error '529 ' for url 'https://api.anthropic.com/v1/messages'", 'overloaded'],
    ["httpx.HTTPStatusError: Client error '413 Payload Too Large' for url 'https://example.test/v1/messages'", 'request_too_large'],
    // The .NET SDK's classes (one per status).
    ['Unhandled exception. Anthropic.Exceptions.AnthropicRateLimitException: Exception of type \'Anthropic.Exceptions.AnthropicRateLimitException\' was thrown.', 'rate_limit'],
    ['Anthropic.Exceptions.AnthropicForbiddenException: Exception of type was thrown.', 'permission'],
    // The Vercel AI SDK's registry does not know the id.
    ['AI_NoSuchModelError: No such languageModel: anthropic:claude-sonnet-9', 'not_found/unknown_model'],
    // LangChain4j's classes.
    ['dev.langchain4j.exception.InvalidRequestException: {"detail":"bad"}', 'invalid_request'],
    ['dev.langchain4j.exception.ModelNotFoundException: {"detail":"Not Found"}', 'not_found'],
    // Anthropic's message after an app's label.
    ["{'message': 'API Error: Overloaded'}", 'overloaded'],
    // Ruby and Elixir hashes.
    ['%{"error" => %{"type" => "api_error", "message" => "boom"}}', 'server_error'],
    // Rust and .NET structs: the type in an `error_type` / `ErrorType` field.
    ['Error: Api(ApiError { error_type: "api_error", message: "boom" })', 'server_error'],
    ['ClaudeClientException { ErrorType = "api_error", Message = "boom" }', 'server_error'],
    // Bedrock's own failure of the model call.
    ['botocore.errorfactory.ModelStreamErrorException: An error occurred (ModelStreamErrorException) when calling the InvokeModelWithResponseStream operation: The system encountered an unexpected error during processing. Try your request again.', 'server_error'],
    // Go's net/http.
    ['Post "https://api.anthropic.com/v1/messages": dial tcp: lookup api.anthropic.com: no such host', 'connection'],
    ['Post "https://api.anthropic.com/v1/messages": EOF', 'connection'],
    // Bun's fetch when nothing answers (Claude Code runs on Bun): "Unable to connect", with or without its class.
    ['⎿  API Error (Unable to connect. Is the computer able to access the url?) · Retrying in 2 seconds… (attempt 2/10)', 'connection'],
    // Product wordings of billing and access with no status or type at all (rule 3).
    ['{"error":{"message":"Your account has insufficient balance","type":"new_api_error"}}', 'billing/credit_balance'],
    ['Error: Your card was declined.', 'billing/payment'],
    ['Budget has been exceeded! Current cost: 10.02, Max budget: 10.0', 'billing/spend_cap'],
    ['{"error":{"code":"insufficient_quota","message":"You exceeded your current quota, please check your plan and billing details."}}', 'billing/payment'],
    ['Error: Your API key does not have access to claude-opus-4-1', 'permission'],
    ['Claude Code is not available for your organization', 'permission'],
    ['User location is not supported for the API use.', 'permission/region'],
    ['Error: invalid_api_key', 'auth/api_key'],
    ['Authentication failed: please check your API key', 'auth/api_key'],
    // n8n's sentence for a status, shown without the number (NodeApiError's STATUS_CODE_MESSAGES).
    ['NodeApiError: Authorization failed - please check your credentials', 'auth'],
    ['{"errorMessage": "The service was not able to process your request", "errorDetails": {}}', 'server_error'],
    // Anthropic's message quoted by LiteLLM, without LiteLLM's own tail, beats the status its class stands for.
    ['litellm.ServiceUnavailableError: AnthropicException - Overloaded. Handle with `litellm.ServiceUnavailableError`.', 'overloaded'],
    // Go's own deadline is the client's timeout, not a gateway's.
    ['Post "https://api.anthropic.com/v1/messages": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'timeout/client_timeout'],
    // Aider's hint under every InternalServerError is not evidence: the cause inside (a dropped connection) decides.
    ["litellm.InternalServerError: AnthropicException - Server disconnected without sending a response.\nThe API provider's servers are down or overloaded.\nRetrying in 0.2 seconds...", 'connection'],
    ["litellm.InternalServerError: AnthropicException - Overloaded\nThe API provider's servers are down or overloaded.", 'overloaded'],
    // Cloud credentials: never found by the SDK (nothing sent), or read and refused by AWS.
    ['botocore.exceptions.NoCredentialsError: Unable to locate credentials', 'auth/missing_key'],
    ['CredentialsProviderError: Could not load credentials from any providers', 'auth/missing_key'],
    ['litellm.APIConnectionError: BedrockException - {"message":"The security token included in the request is expired"}', 'auth'],
    // one-api / new-api's own words (their source's error strings), whatever status carries them.
    ['Error: 429 {"error":{"message":"当前分组上游负载已饱和，请稍后再试 (request id: 20250101)","type":"new_api_error"}}', 'rate_limit'],
    ['401 {"error":{"code":"","message":"该令牌额度已用尽 TokenStatusExhausted[sk-abc***xyz]","type":"new_api_error"}}', 'billing/spend_cap'],
    ['{"error":{"message":"无效的令牌 (request id: 1)","type":"one_api_error"}}', 'auth/api_key'],
    // Agents' own category words (goose's ProviderError: "Authentication error: …", "Credits exhausted: …").
    ['Error: Authentication error: Request failed with bad credentials', 'auth/api_key'],
    ['Credits exhausted: add more at the console', 'billing/credit_balance'],
    // Statuses no API category fits: a 405 from a base URL set wrong (rule 9); a 407 from a proxy on the way (rule 6).
    ['POST https://example.test/v1/chat 405 (Method Not Allowed)', 'unknown'],
    ['HTTP/1.1 407 Proxy Authentication Required', 'connection'],
    // Anthropic's own 413 message, quoted without status or type.
    ['{"message":"Request exceeds the maximum size"}', 'request_too_large'],
    // A key never configured, however the tool words it.
    ['ANTHROPIC_API_KEY is not set', 'auth/missing_key'],
    ['Error: Missing Anthropic API key', 'auth/missing_key'],
    // A plan's limits in Claude Code's words.
    ['5-hour limit reached ∙ resets 2am', 'billing/spend_cap'],
    ['Opus weekly limit reached ∙ resets Oct 9, 10am', 'billing/spend_cap'],
    // An OpenAI-compatible layer's words for a model it does not serve.
    ['The model `claude-sonnet-9` does not exist or you do not have access to it.', 'not_found/unknown_model'],
    // Rule 9: a 400 saying the model identifier is invalid (Bedrock's ValidationException stands for a 400).
    ['An error occurred (ValidationException) when calling the Converse operation: The provided model identifier is invalid.', 'not_found/unknown_model'],
    // A model the platform does not serve where asked: not_found, and no kind (the id itself is right).
    ['InvalidArgument: 400 Publisher Model projects/p/locations/europe-west1/publishers/anthropic/models/claude-haiku-4-5@20251001 is not servable in region europe-west1', 'not_found'],
    ['The model claude-sonnet-4-5 is not available on your bedrock deployment.', 'not_found'],
    ['Publisher Model `projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514` was not found or your project does not have access to it.', 'not_found/unknown_model'],
    // A Bedrock id answered by the Anthropic API's own not_found_error: an id of another platform, not a retired one.
    ['Error: 404 {"type":"error","error":{"type":"not_found_error","message":"model: anthropic.claude-3-haiku-20240307-v1:0"}}', 'not_found/unknown_model'],
    ['Error: 404 {"type":"error","error":{"type":"not_found_error","message":"model: claude-3-haiku-20240307"}}', 'not_found/retired_model'],
    // A request body shown beside an error that says nothing is not evidence: its keys name no failure.
    ['Error: Unknown error\nRequest body: {"model":"claude-sonnet-4-5","thinking":{"type":"enabled","budget_tokens":2048},"messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}]}', 'unknown'],
    ['thinking.budget_tokens: Input should be greater than or equal to 1024', 'invalid_request'],
    // Extra usage is a usage allowance: needing it under a 429 is billing/spend_cap (rule 3).
    ['Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Extra usage is required for this model."}}', 'billing/spend_cap'],
    // `api_error` is the catch-all a gateway puts on whatever came back from upstream: a sure status naming which
    // server-side failure it was decides (rules 2 and 6); a 500 or 503 under it stays a server error.
    ['API Error: 504 {"error":{"message":"Error from provider(relay: 504): <html><title>504 Gateway Time-out</title></html>","type":"api_error"}}', 'timeout/gateway_timeout'],
    ['Error: 529 {"type":"error","error":{"type":"api_error","message":"upstream busy"}}', 'overloaded'],
    ['Error: 503 {"type":"error","error":{"type":"api_error","message":"upstream connect error"}}', 'server_error'],
    ['Error: 500 {"type":"error","error":{"type":"api_error","message":"Overloaded"}}', 'server_error'],
    // A credential good only for one product, refused for anything else: an access wording under a 400 (rule 3). A
    // parameter that "can only be used with" another is not a credential: still an invalid request.
    ['400 Bad Request, body: {"message":"This key is only permitted for use with the Workbench.","type":"invalid_request_error"}', 'permission'],
    ['Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"Your subscription can only be used in the desktop app."}}', 'permission'],
    ['Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"tool_choice can only be used with tools"}}', 'invalid_request'],
    // The same refusal said as a prohibition, in English or in a Chinese relay's words; a parameter that cannot be
    // used outside something is not a credential.
    ['{"error":{"message":"Please do not use this key outside the official client","type":"invalid_request_error"}}', 'permission'],
    ['模型 claude-x | 详情: "状态码: 400 - 禁止在官方客户端以外使用 (request id: 1)"', 'permission'],
    ['{"error":{"message":"this channel only accepts official desktop clients","type":"api_error"},"type":"error"}', 'permission'],
    ['{"error":{"message":"当前分组仅允许 Claude Code 客户端访问","type":"new_api_error"}}', 'permission'],
    ['Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"cache_control cannot be used outside of content blocks"}}', 'invalid_request'],
    // A terminal that wrapped after `'type':` and indented the value: the type still decides (a 500 api_error saying
    // "Overloaded" stays a server error, rule 2).
    ["WARNING  Sample error (id: 42): {'type': 'error', 'error': {'details': None, 'type':\n    'api_error', 'message': 'Overloaded'}})", 'server_error'],
    // AWS event streams name their exceptions in lower camel case.
    ["<class 'botocore.exceptions.EventStreamError'>:An error occurred (serviceUnavailableException) when calling the InvokeModelWithResponseStream operation: Bedrock is unable to process your request.", 'server_error'],
    // An app's access log after the upstream exception it relayed as a 500: the API's error decides (rule 8).
    ['Error: An error occurred (ValidationException) when calling the InvokeModel operation: Malformed input request: #: extraneous key [foo] is not permitted\nINFO:     127.0.0.1:57771 - "POST /chat/invoke HTTP/1.1" 500 Internal Server Error', 'invalid_request'],
    // An OAuth sign-in that failed, in the protocol's own words: the login is what to fix. A debug log's OAuth lines
    // do not outvote the API's error after them.
    ['Invalid OAuth Request\nunsupported_response_type: expected "code"', 'auth'],
    ['Sign-in failed: {"error":"invalid_client","error_description":"client authentication failed"}', 'auth'],
    ['debug: oauth error: invalid_scope (retrying with defaults)\nError: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your per-minute rate limit"}}', 'rate_limit/requests'],
    // Fragments without status or type: the one reported last decides (rule 8), whatever the table's order — a retry
    // banner's timeout, then the connection failure that ended the retries; and the other way round.
    ['⎿  API Error (Request timed out.) · Retrying in 1 seconds… (attempt 1/10)\n⎿  API Error (Connection error.) · Retrying in 2 seconds… (attempt 2/10)\nError: connect ECONNREFUSED 10.0.0.1:443', 'connection'],
    ['Error: connect ECONNREFUSED 10.0.0.1:443 (proxy restarting)\n⎿  API Error (Request timed out.) · Retrying in 8 seconds… (attempt 10/10)', 'timeout/client_timeout'],
    // A retry banner reports a failed attempt, not how the call ended: the error reported after it decides, even when
    // only its words are left (rule 8); a banner with nothing after it is still the evidence.
    ['⎿  API Error (Request timed out.) · Retrying in 1 seconds… (attempt 1/10)\nagent stopped: the upstream model is overloaded right now', 'overloaded'],
    ['[ Request timed out · retrying in 4s · attempt 3/10 ]\nfatal: gave up, access denied for this workspace', 'permission'],
    ['[ Request timed out · retrying in 4s · attempt 3/10 ]', 'timeout/client_timeout'],
    // Batch 4's dev misses, in their general form: a model id with a not-served verdict that does not say which (no
    // kind guessed; a parameter the model does not support is not that); no credential to send (rule 4).
    ['Error: model \'claude-opus-9\' is retired or unsupported.', 'not_found'],
    ['model claude-3-haiku: parameter top_k is not supported', 'unknown'],
    ['Either MY_APP_API_KEY or MY_APP_AUTH_TOKEN is required when using the direct API.', 'auth/missing_key'],
    ['Not logged in · Please run /login', 'auth/missing_key'],
    ['botocore ValidationException: Claude models cannot be used from unsupported countries or territories.', 'permission/region'],
    // A retry banner's status reports a failed attempt: a status elsewhere decides, and so does an error the paste
    // reports after the banners in words only — but not the user's own abort after them (rule 8).
    ['⎿  API Error: 503 Service Unavailable · Retrying in 2 seconds… (attempt 1/10)\nError: Request failed with status code 401', 'auth'],
    ['⎿  API Error: 503 Service Unavailable · Retrying in 2 seconds… (attempt 1/10)\nfatal: gave up, access denied for this workspace', 'permission'],
    ['⎿  API Error (api.example.com | 504: Gateway time-out) · Retrying in 33 seconds… (attempt 8/10)\n⎿  API Error: Operation aborted', 'timeout/gateway_timeout'],
    // A status and the error body it came with, after a log's words (a JSON log line's message, unescaped).
    ['{"level":"error","msg":"request failed: 502 {\\"error\\":{\\"message\\":\\"All upstreams failed. Last error: fetch failed\\"}}"}', 'server_error'],
    // An app that names the model between its label and the status; Bedrock's words for a tool_use left unanswered.
    ['API Error (claude-opus-9): 400 The provided model identifier is invalid.', 'not_found/unknown_model'],
    ['$ my-agent run\nAPI Error (claude-opus-9): 400 The provided model identifier is invalid.', 'not_found/unknown_model'],
    ['botocore.errorfactory.ValidationException: An error occurred (ValidationException) when calling the Converse operation: Expected toolResult blocks at messages.4.content for the following Ids: tooluse_abc123', 'invalid_request/tool_result_missing'],
    // A server's access-log line for a page or probe it served beside the call (a GET, HEAD or OPTIONS) is not the
    // call's status, neither as a status (it lost to the earlier-standing 404) nor as a last resort (rule 8).
    ['INFO:     127.0.0.1:51234 - "GET /favicon.ico HTTP/1.1" 404 Not Found\nupstream said: 503 Service Unavailable', 'server_error'],
    ['127.0.0.1 - - [02/Dec/2026 10:41:07] "GET /favicon.ico HTTP/1.1" 404 -\nthe assistant could not answer, please try again', 'unknown'],
    // A class line's message wrapped by the terminal: its verdict on the next line is still part of it; a log record
    // after it is not.
    ['BadRequestError: Error code: 400 - Publisher Model projects/p/locations/us-central1/publishers/anthropic/models/claude-x@default\nis not servable in region us-central1', 'not_found'],
    ['BadRequestError: Error code: 400 - messages.1.content: Field required\n2025-01-01 10:00:00 INFO model not found in cache, loading', 'invalid_request'],
    // The API's own messages, shown by an app without the type or status around them.
    ['Anthropic: Request not allowed', 'permission/region'],
    ['Error: We are unable to serve your request', 'permission'],
    ['Request failed: Missing permissions. Ask your workspace admin.', 'permission'],
    ['This proxy only accepts requests from the official CLI', 'permission'],
    ['model: claude-3-opus-20240229', 'not_found/retired_model'],
    ['Error: model: claude-sonnet-9-turbo', 'not_found/unknown_model'],
    // The API's validation shape, `field: complaint`, whatever the field; a request dump's `field: value` is not one.
    ['messages: at least one message is required', 'invalid_request'],
    ['tool_choice.name: Field required', 'invalid_request'],
    ['The request body is not valid JSON: unexpected end of data', 'invalid_request'],
    ['`context_management` strategy requires `thinking` to be enabled', 'invalid_request'],
    ['Error: Unknown error\nmax_tokens: 1024\ntemperature: 0.7\nsystem: You are terse', 'unknown'],
    // Several errors in one paste: the last one reported decides (rule 8).
    ['⎿  API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}\n\n> try again\n⎿  API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your per-minute rate limit"}}', 'rate_limit/requests'],
    // The API's other wording of an empty block.
    ['Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"system: text content blocks must contain non-whitespace text"}}', 'invalid_request/empty_content'],
    // An access log: the last failed POST is the call; a GET or HEAD probe before it is not (rule 8).
    ['INFO:     127.0.0.1:5000 - "GET /health HTTP/1.1" 404 Not Found\nINFO:     127.0.0.1:5001 - "POST /v1/messages HTTP/1.1" 529 \nINFO:     127.0.0.1:5002 - "HEAD / HTTP/1.1" 405 Method Not Allowed', 'overloaded'],
    // The API's validation vocabulary (pydantic) on other fields than messages.
    ['Error from the API: tools.3.input_schema: Input should be a valid dictionary', 'invalid_request'],
    ['system.0.text: String should have at least 1 character', 'invalid_request'],
    // LiteLLM's router appends its own sentences to the quoted cause, glued on: the cause inside still decides (rule 4).
    ['Error: 502 litellm.ServiceUnavailableError: litellm.InternalServerError: AnthropicException - OverloadedNo fallback model group found for original model_group=claude-sonnet. Fallbacks=[]', 'overloaded'],
    // Editor assistants' own words (made up in the shapes Cursor and Copilot Chat print): capacity, their rate-limit
    // verdict or code after a capacity sentence, a product's token allowance used up, a session token refused.
    ["We're experiencing high demand for Claude Opus 4.5 right now. Please try again in a few minutes.", 'overloaded'],
    ['Server Error: Claude Opus 4.5 is currently experiencing high demand. Please try another model. Error Code: opus45_rate_limit_exceeded', 'rate_limit'],
    ['Sorry, you have been rate-limited. Please wait a moment before trying again.', 'rate_limit'],
    ['Server Error: Sorry, you have exceeded your monthly token usage for Claude Opus 4.5. Error Code: rate_limited', 'billing/spend_cap'],
    ['Request failed. Reason: token expired or invalid: 403', 'auth'],
    // The API's parameter constraints and a proxy's prompt-length wording.
    ['top_p may only be set to 1 when thinking is enabled', 'invalid_request'],
    ['API error: {"error":{"message":"prompt token count of 210443 exceeds the limit of 200000","type":""}}', 'invalid_request/prompt_too_long'],
    // More products' own words (made up in the shapes Cloud Code, Windsurf relays, Copilot, Amazon Q, Warp, Trae,
    // Claude Code and Claude Desktop print): a 503 that names the model's capacity, a request or keys rate-limited, a
    // monthly allowance, an account not allowed a model, a queue, the error after a throttle notice, a full context.
    ['Error: HTTP 503 Service Unavailable\n{"error":{"code":503,"message":"No capacity available for model claude-opus-4-5 on the server","status":"UNAVAILABLE","details":[{"reason":"MODEL_CAPACITY_EXHAUSTED"}]}}', 'overloaded'],
    ['Stream error after retries: all keys temporarily rate-limited on claude-sonnet-4-5. Wait before retrying.', 'rate_limit'],
    ['Sorry, your request was rate-limited. Please wait and try again later.', 'rate_limit'],
    ['Error { code: "ThrottlingException", message: "Maximum requests reached for this month." }', 'billing/spend_cap'],
    ['Request failed with error: ErrorStatus(400, "{\\"error\\":\\"Invalid request: the requested model (claude-opus-4-5) is not allowed for your plan\\"}")', 'permission'],
    ['Too many current requests. Your position in queue is 12. Please wait or switch models.', 'overloaded'],
    ['The server is temporarily limiting requests.\nAPI Error: Usage credits required for this model · turn on usage credits at claude.ai/settings/usage', 'billing/spend_cap'],
    ['Error: context size exceeds the limit of the model', 'invalid_request/prompt_too_long'],
    // Batch 9's shapes, made up: Claude Code's selected-model notice, a relay's attempts summary inside its own 429
    // overloaded_error, Bedrock's Marketplace refusal under an app's 502, 'extreme load', a model named by its product
    // name, Bedrock's empty content field, an expired OAuth refresh token.
    ["There's an issue with the selected model (claude-opus-9). It may not exist or you may not have access to it. Run /model to pick a different model.", 'not_found/unknown_model'],
    ['429 {"error":{"message":"All 3 attempts failed. Last error: HTTP 400 Bad Request: {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_request_error\\",\\"message\\":\\"messages.1.content: Field required\\"}}","type":"overloaded_error"},"type":"error"}', 'invalid_request'],
    ['Chat error: 502 Bedrock invoke failed: Model access is denied due to a missing AWS Marketplace subscription.', 'permission'],
    ["We're currently experiencing extreme load on Claude Sonnet 4.5. Please try again later.", 'overloaded'],
    ['Error: 404 {"type":"error","error":{"type":"not_found_error","message":"Claude Nova 7 is not available. Please use Opus 4.8."}}', 'not_found/unknown_model'],
    ['botocore.errorfactory.ValidationException: An error occurred (ValidationException) when calling the Converse operation: The content field in the Message object at messages.7 is empty. Add a ContentBlock object to the content field and try again.', 'invalid_request/empty_content'],
    ['API HTTP 401: {"type":"error","error":{"type":"authentication_error","message":"OAuth access token is no longer valid."}}', 'auth/oauth_token'],
    // Batch 10's shapes, made up: a client's own bug or check around the call under its own 502 (unknown), a plan that
    // may not use a model, an app's log quoting the API's model-id message, subscription access disabled by the
    // organisation, plenary.curl failing before any response.
    ['("\'NoneType\' object has no attribute \'content\'", 502)', 'unknown'],
    ['("No tool use found in the response", 502)', 'unknown'],
    ['Invalid model. Claude Team users are not currently able to use Opus 4.5 here.', 'permission'],
    ['12:01:07.330 key check failed: Error: API error: model: claude-2.1', 'not_found/retired_model'],
    ['Your organization has disabled Claude subscription access for this app · Use an API key instead', 'permission'],
    ['request failed: post https://llm.example.com/v1/messages - curl error exit_code=nil stderr={}', 'connection'],
    // Claude's apps when the answer's stream broke off.
    ["Claude's response was interrupted. Please try again.", 'connection'],
    // Axios' code for a response with a 5xx status (its settle()), after a start-up check's "Failed to connect".
    ['Could not reach the model\n Failed to connect to llm-gateway.internal: ERR_BAD_RESPONSE', 'server_error'],
  ])('%s → %s', (text, want) => {
    expect(classify(text)).toBe(want);
  });
});

describe('what a paste does not tell', () => {
  it("stays unknown and unsure for Axios' ERR_BAD_REQUEST: the server answered with some 4xx, not a connection failure", () => {
    const e = explainOffline('Could not reach the model\n Failed to connect to llm-gateway.internal: ERR_BAD_REQUEST');
    expect(e.category).toBe('unknown');
    expect(e.confidence).toBeLessThan(0.6);
    // What it does tell: some 4xx came back, so the likely causes are the 4xx ones a connectivity check meets.
    expect(e.unknownHelp?.recognised.join(' ')).toContain('4xx');
    expect(e.unknownHelp?.likelyCauses.map((c) => c.category)).toEqual(['auth', 'permission', 'not_found']);
  });
});

describe('confidence', () => {
  it('is high for an explicit type, lower for keywords, lowest for unknown, and capped when evidence conflicts', () => {
    expect(explainOffline('RateLimitError: 429 {"type":"error","error":{"type":"rate_limit_error","message":"x"}}').confidence).toBeGreaterThanOrEqual(0.9);
    expect(explainOffline('hit a rate limit, try later').confidence).toBeLessThan(0.6);
    // Node's "socket hang up" is its fixed text for ECONNRESET (nodejs/node lib/_http_client.js), as sure as the code.
    expect(explainOffline('socket hang up')).toMatchObject({ category: 'connection', confidence: 0.7 });
    // The SDKs' own messages for their connection and timeout classes are fragments, sure enough not to ask Claude.
    expect(explainOffline('⎿  API Error (Connection error.) · Retrying in 1 seconds… (attempt 1/10)')).toMatchObject({ category: 'connection' });
    expect(explainOffline('⎿  API Error (Connection error.) · Retrying in 1 seconds… (attempt 1/10)').confidence).toBeGreaterThanOrEqual(0.6);
    expect(explainOffline('API Error (Request timed out.) · Retrying in 4 seconds…')).toMatchObject({ category: 'timeout', kind: 'client_timeout', confidence: 0.7 });
    expect(explainOffline('The stream was cancelled (caused by: connect ECONNREFUSED 10.0.0.1:443)')).toMatchObject({ category: 'connection', confidence: 0.7 });
    expect(explainOffline('Number of request tokens has exceeded your per-minute rate limit')).toMatchObject({ category: 'rate_limit', kind: 'input_tokens', confidence: 0.7 });
    expect(explainOffline('Last error: This request would exceed your organization\'s rate limit of 8,000 output tokens per minute.')).toMatchObject({ category: 'rate_limit', kind: 'output_tokens', confidence: 0.7 });
    expect(explainOffline('nothing to see').confidence).toBeLessThan(0.2);
    expect(explainOffline('AuthenticationError: 401 {"type":"error","error":{"type":"not_found_error","message":"x"}}').confidence).toBeLessThan(0.6);
  });
});

describe('the answer around the category', () => {
  it('shows code samples in the paste\'s language', () => {
    const py = explainOffline("anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error', 'message': 'x'}}");
    expect(py.snippet).toMatchObject({ language: 'python', label: 'Python' });
    expect(py.snippet?.code).toContain('def ');
    const ts = explainOffline('RateLimitError: 429 {"type":"error","error":{"type":"rate_limit_error","message":"x"}}\n    at Anthropic.makeRequest (node_modules/@anthropic-ai/sdk/core.mjs:304:65)');
    expect(ts.snippet).toMatchObject({ language: 'typescript', label: 'TypeScript' });
  });

  it('names a Cloudflare Ray ID as such, never as a request id', () => {
    const e = explainOffline('<html><head><title>api.anthropic.com | 502: Bad gateway</title></head><body>Cloudflare Ray ID: <strong>8f1a2b3c4d5e6f70</strong></body></html>');
    expect(e.category).toBe('server_error');
    expect(e.fixSteps.join(' ')).not.toMatch(/request id/i);
    expect(e.fixSteps.join(' ')).toContain('Ray ID (8f1a2b3c4d5e6f70)');
    expect(e.notes.join(' ')).toContain('Ray ID 8f1a2b3c4d5e6f70');
  });

  it('still helps when unknown: what was read, three likely causes, how to get a better answer, no retry verdict', () => {
    const e = explainOffline('Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>\n    client.messages.create(**req)\n  File "/venv/lib/python3.12/site-packages/anthropic/_base_client.py", line 1061, in _request');
    expect(e.category).toBe('unknown');
    expect(e.unknownHelp?.recognised).toContain('Python code');
    expect(e.unknownHelp?.likelyCauses).toHaveLength(3);
    expect(e.fixSteps.filter((s) => s.startsWith('Likely cause'))).toHaveLength(3);
    expect(e.fixSteps.join(' ')).toContain('Paste the whole error');
    expect(`${e.cause} ${e.fixSteps.join(' ')}`).not.toMatch(/retrying will not help/i);
    expect(toExplanationJson(e).retryable).toBeNull();
    const withId = explainOffline('the call failed, see req_011CAbCdEf9xyz');
    expect(withId.category).toBe('unknown');
    expect(withId.unknownHelp?.recognised).toContain('request id req_011CAbCdEf9xyz');
  });
});
