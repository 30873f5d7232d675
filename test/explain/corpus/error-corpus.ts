import type { Category, Kind } from '../../../src/ports/category.js';
import { logLine, nodeInspect, pyTraceback, rawHttp, tsLine } from './corpus-shapes.js';

/** One pasted error and what the explainer should say it is. */
export interface CorpusCase {
  name: string;
  text: string;
  category: Category;
  kind?: Kind;
}

/** Secrets planted in some pastes; none may ever appear in an explanation. */
export const PLANTED_SECRETS = {
  apiKey: `sk-ant-api03-${'Zq7_Xw-9'.repeat(11)}Lm4p1AA`,
  adminKey: `sk-ant-admin01-${'k3Y_9v'.repeat(15)}AA`,
  oauth: `sk-ant-oat01-${'Hh2-pQ'.repeat(14)}`,
  slackBot: 'xoxb-2718281828-3141592653-Ab3dEf6hIj9kLmNoPqRsTuVw',
  bearerJwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMtY2xhdWRlIn0.q1w2e3r4t5y6u7i8o9p0',
  proxySecret: 'gw-Secr3t-v4lue-998877',
} as const;
const S = PLANTED_SECRETS;

const rid = (n: number) => `req_011CV${String(n).padStart(4, '0')}AbCdEfGhJkLmN`;

export const ERROR_CORPUS: CorpusCase[] = [
  // ---- auth --------------------------------------------------------------------------------------------------
  { name: 'ts invalid key', category: 'auth', kind: 'api_key', text: tsLine('AuthenticationError', 401, { type: 'authentication_error', message: 'invalid x-api-key', requestId: rid(1) }) },
  { name: 'py invalid key', category: 'auth', kind: 'api_key', text: pyTraceback('AuthenticationError', 401, { type: 'authentication_error', message: 'invalid x-api-key', requestId: rid(2) }) },
  { name: 'curl invalid key with key in command', category: 'auth', kind: 'api_key', text: `$ curl https://api.anthropic.com/v1/messages -H "x-api-key: ${S.apiKey}" -H "anthropic-version: 2023-06-01" -d @req.json\n{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"${rid(3)}"}` },
  { name: 'old bearer refusal', category: 'auth', kind: 'api_key', text: `Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Invalid bearer token"}}\nsent Authorization: Bearer ${S.apiKey}` },
  { name: 'oauth token not supported', category: 'auth', kind: 'oauth_token', text: tsLine('AuthenticationError', 401, { type: 'authentication_error', message: 'OAuth authentication is currently not supported.', requestId: rid(4) }) },
  { name: 'oauth token pasted as key (py)', category: 'auth', kind: 'oauth_token', text: `client = anthropic.Anthropic(api_key="${S.oauth}")\n` + pyTraceback('AuthenticationError', 401, { type: 'authentication_error', message: 'invalid x-api-key' }) },
  { name: 'missing header', category: 'auth', kind: 'missing_key', text: rawHttp(401, 'Unauthorized', { type: 'authentication_error', message: 'x-api-key header is required', requestId: rid(5) }) },
  { name: 'py could not resolve auth', category: 'auth', kind: 'missing_key', text: 'TypeError: "Could not resolve authentication method. Expected either api_key or auth_token to be set. Or for one of the `X-Api-Key` or `Authorization` headers to be explicitly omitted"' },
  { name: 'ts env var missing', category: 'auth', kind: 'missing_key', text: 'AnthropicError: The ANTHROPIC_API_KEY environment variable is missing or empty; either provide it, or instantiate the Anthropic client with an apiKey option, like new Anthropic({ apiKey: \'My API Key\' }).' },
  { name: 'cors', category: 'auth', kind: 'cors', text: 'AuthenticationError: 401 {"type":"error","error":{"type":"authentication_error","message":"CORS requests are not allowed for this Organization because of a policy. Please use the dangerouslyAllowBrowser option."}}' },
  { name: 'node inspect auth with admin key', category: 'auth', kind: 'api_key', text: `using ${S.adminKey}\n` + nodeInspect('AuthenticationError', 401, { type: 'authentication_error', message: 'invalid x-api-key', requestId: rid(6) }) },
  // ---- permission --------------------------------------------------------------------------------------------
  { name: 'ts permission model', category: 'permission', text: tsLine('PermissionDeniedError', 403, { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.', requestId: rid(7) }) },
  { name: 'py permission', category: 'permission', text: pyTraceback('PermissionDeniedError', 403, { type: 'permission_error', message: 'This workspace does not have access to claude-opus-5-5.', requestId: rid(8) }) },
  { name: 'edge region 403', category: 'permission', kind: 'region', text: 'PermissionDeniedError: 403 {"error":{"type":"forbidden","message":"Request not allowed"}}' },
  { name: 'py region 403', category: 'permission', kind: 'region', text: "anthropic.PermissionDeniedError: Error code: 403 - {'error': {'type': 'forbidden', 'message': 'Request not allowed'}}" },
  { name: 'org disabled', category: 'permission', kind: 'org_disabled', text: 'BadRequestError: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."}}' },
  { name: 'org on hold code', category: 'permission', kind: 'org_disabled', text: logLine(403, { type: 'permission_error', message: 'Organization is on hold.', errorCode: 'organization_on_hold', requestId: rid(9) }) },
  // ---- not_found ---------------------------------------------------------------------------------------------
  { name: 'retired claude-3 opus', category: 'not_found', kind: 'retired_model', text: tsLine('NotFoundError', 404, { type: 'not_found_error', message: 'model: claude-3-opus-20240229', requestId: rid(10) }) },
  { name: 'py retired claude-2.1', category: 'not_found', kind: 'retired_model', text: pyTraceback('NotFoundError', 404, { type: 'not_found_error', message: 'model: claude-2.1', requestId: rid(11) }) },
  { name: 'retired instant', category: 'not_found', kind: 'retired_model', text: '{"type":"error","error":{"type":"not_found_error","message":"model: claude-instant-1.2"}}' },
  { name: 'typo model', category: 'not_found', kind: 'unknown_model', text: tsLine('NotFoundError', 404, { type: 'not_found_error', message: 'model: claude-sonet-4-6', requestId: rid(12) }) },
  { name: 'bad date suffix', category: 'not_found', kind: 'unknown_model', text: "anthropic.NotFoundError: Error code: 404 - {'type': 'error', 'error': {'type': 'not_found_error', 'message': 'model: claude-sonnet-4-6-20991231'}, 'request_id': 'req_011CV9z8y7x6w5v4'}" },
  { name: 'wrong path', category: 'not_found', text: rawHttp(404, 'Not Found', { type: 'not_found_error', message: 'Not Found', requestId: rid(13) }) },
  // ---- invalid_request ---------------------------------------------------------------------------------------
  { name: 'prompt too long ts', category: 'invalid_request', kind: 'prompt_too_long', text: tsLine('BadRequestError', 400, { type: 'invalid_request_error', message: 'prompt is too long: 214378 tokens > 200000 maximum', requestId: rid(14) }) },
  { name: 'prompt too long py', category: 'invalid_request', kind: 'prompt_too_long', text: pyTraceback('BadRequestError', 400, { type: 'invalid_request_error', message: 'prompt is too long: 1048577 tokens > 1000000 maximum', requestId: rid(15) }) },
  { name: 'input + max_tokens over context', category: 'invalid_request', kind: 'prompt_too_long', text: 'Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, decrease input length or `max_tokens` and try again"}}' },
  { name: 'max_tokens too large', category: 'invalid_request', kind: 'max_tokens_too_large', text: tsLine('BadRequestError', 400, { type: 'invalid_request_error', message: 'max_tokens: 128000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-6', requestId: rid(16) }) },
  { name: 'max_tokens too large py', category: 'invalid_request', kind: 'max_tokens_too_large', text: pyTraceback('BadRequestError', 400, { type: 'invalid_request_error', message: 'max_tokens: 100000 > 32000, which is the maximum allowed number of output tokens for claude-opus-5-5' }) },
  { name: 'max_tokens missing', category: 'invalid_request', kind: 'max_tokens_missing', text: rawHttp(400, 'Bad Request', { type: 'invalid_request_error', message: 'max_tokens: Field required', requestId: rid(17) }) },
  { name: 'max_tokens missing py', category: 'invalid_request', kind: 'max_tokens_missing', text: "anthropic.BadRequestError: Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'max_tokens: Field required'}}" },
  { name: 'tool_use without tool_result', category: 'invalid_request', kind: 'tool_result_missing', text: tsLine('BadRequestError', 400, { type: 'invalid_request_error', message: 'messages.3: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01A09q90qw90lq917835lq9. Each `tool_use` block must have a corresponding `tool_result` block in the next message.', requestId: rid(18) }) },
  { name: 'tool_result py', category: 'invalid_request', kind: 'tool_result_missing', text: pyTraceback('BadRequestError', 400, { type: 'invalid_request_error', message: 'messages.5.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01XyZ. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.' }) },
  { name: 'empty text block', category: 'invalid_request', kind: 'empty_content', text: tsLine('BadRequestError', 400, { type: 'invalid_request_error', message: 'messages: text content blocks must be non-empty', requestId: rid(19) }) },
  { name: 'empty message py', category: 'invalid_request', kind: 'empty_content', text: pyTraceback('BadRequestError', 400, { type: 'invalid_request_error', message: 'messages.2: all messages must have non-empty content except for the optional final assistant message' }) },
  { name: 'roles alternate', category: 'invalid_request', kind: 'roles_not_alternating', text: tsLine('BadRequestError', 400, { type: 'invalid_request_error', message: 'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row', requestId: rid(20) }) },
  { name: 'first message user', category: 'invalid_request', kind: 'roles_not_alternating', text: "anthropic.BadRequestError: Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'messages: first message must use the \"user\" role'}}" },
  { name: 'image too large', category: 'invalid_request', kind: 'image_too_large', text: tsLine('BadRequestError', 400, { type: 'invalid_request_error', message: 'messages.0.content.1.image.source.base64: image exceeds 5 MB maximum: 7340032 bytes > 5242880 bytes', requestId: rid(21) }) },
  { name: 'image dimensions code', category: 'invalid_request', kind: 'image_too_large', text: logLine(400, { type: 'invalid_request_error', message: 'messages.0.content.2.image: image dimensions exceed max allowed size: 8000 pixels', errorCode: 'image_dimensions_too_large' }) },
  { name: 'generic invalid field', category: 'invalid_request', text: tsLine('BadRequestError', 400, { type: 'invalid_request_error', message: 'temperature: Input should be less than or equal to 1', requestId: rid(22) }) },
  { name: 'unprocessable entity', category: 'invalid_request', text: 'UnprocessableEntityError: 422 status code (no body)' },
  { name: 'py invalid json', category: 'invalid_request', text: pyTraceback('BadRequestError', 400, { type: 'invalid_request_error', message: 'messages.0.content: Input should be a valid list' }) },
  // ---- request_too_large -------------------------------------------------------------------------------------
  { name: 'edge 413 ts 1.x', category: 'request_too_large', text: 'ContentTooLargeError: 413 {"error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}' },
  { name: 'edge 413 py', category: 'request_too_large', text: "anthropic.RequestTooLargeError: Error code: 413 - {'error': {'type': 'request_too_large', 'message': 'Request exceeds the maximum allowed number of bytes.'}}" },
  { name: 'edge 413 raw', category: 'request_too_large', text: 'HTTP/2 413 \ncontent-type: application/json\n\n{"error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}' },
  { name: 'old ts 413 generic', category: 'request_too_large', text: 'Error: 413 {"error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}\n    at APIError.generate (node_modules/@anthropic-ai/sdk/error.js:60:14)' },
  { name: 'nginx 413 page', category: 'request_too_large', text: '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>' },
  // ---- rate_limit --------------------------------------------------------------------------------------------
  { name: 'rpm ts', category: 'rate_limit', kind: 'requests', text: tsLine('RateLimitError', 429, { type: 'rate_limit_error', message: 'This request would exceed the rate limit for your organization (3f2a…) of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.', requestId: rid(23) }) },
  { name: 'rpm py', category: 'rate_limit', kind: 'requests', text: pyTraceback('RateLimitError', 429, { type: 'rate_limit_error', message: 'This request would exceed the rate limit for your organization of 4,000 requests per minute.', requestId: rid(24) }) },
  { name: 'itpm ts', category: 'rate_limit', kind: 'input_tokens', text: tsLine('RateLimitError', 429, { type: 'rate_limit_error', message: "This request would exceed your organization's rate limit of 30,000 input tokens per minute (org: 5c1d…, model: claude-sonnet-4-6).", requestId: rid(25) }) },
  { name: 'itpm raw with retry-after', category: 'rate_limit', kind: 'input_tokens', text: rawHttp(429, 'Too Many Requests', { type: 'rate_limit_error', message: "This request would exceed your organization's rate limit of 400,000 input tokens per minute.", requestId: rid(26) }, 'retry-after: 17\nanthropic-ratelimit-input-tokens-remaining: 0\n') },
  { name: 'otpm py', category: 'rate_limit', kind: 'output_tokens', text: pyTraceback('RateLimitError', 429, { type: 'rate_limit_error', message: "This request would exceed your organization's rate limit of 8,000 output tokens per minute.", requestId: rid(27) }) },
  { name: 'otpm inspect', category: 'rate_limit', kind: 'output_tokens', text: nodeInspect('RateLimitError', 429, { type: 'rate_limit_error', message: "This request would exceed your organization's rate limit of 16,000 output tokens per minute.", requestId: rid(28) }) },
  { name: 'legacy request tokens', category: 'rate_limit', kind: 'input_tokens', text: "anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error', 'message': 'Number of request tokens has exceeded your per-minute rate limit (https://docs.anthropic.com/en/api/rate-limits); see the response headers for current usage.'}}" },
  { name: 'legacy concurrent', category: 'rate_limit', kind: 'requests', text: 'Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of concurrent connections has exceeded your rate limit. Please try again later or contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase."}}' },
  { name: 'acceleration', category: 'rate_limit', kind: 'acceleration', text: tsLine('RateLimitError', 429, { type: 'rate_limit_error', message: 'Your usage increased too quickly. This request exceeds your acceleration limit; ramp up traffic gradually.', requestId: rid(29) }) },
  { name: 'ramp code', category: 'rate_limit', kind: 'acceleration', text: logLine(429, { type: 'rate_limit_error', message: 'Rate limited.', errorCode: 'ramp_limit_exceeded', requestId: rid(30) }) },
  { name: 'bare 429 no body', category: 'rate_limit', text: 'RateLimitError: 429 status code (no body)' },
  { name: 'openai-compat proxy 429', category: 'rate_limit', text: `litellm.RateLimitError: AnthropicException - {"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}} headers: {'x-api-key': '${S.proxySecret}'}` },
  // ---- billing -----------------------------------------------------------------------------------------------
  { name: 'spend cap code ts', category: 'billing', kind: 'spend_cap', text: tsLine('RateLimitError', 429, { type: 'rate_limit_error', message: "You have reached your organization's monthly usage limit for this tier.", errorCode: 'enforced_spend_limit_reached', requestId: rid(31) }) },
  { name: 'spend cap ts class', category: 'billing', kind: 'spend_cap', text: tsLine('EnforcedSpendLimitReachedError', 429, { type: 'rate_limit_error', message: 'Monthly spend threshold reached.', errorCode: 'enforced_spend_limit_reached', requestId: rid(32) }) },
  { name: 'spend cap py', category: 'billing', kind: 'spend_cap', text: pyTraceback('RateLimitError', 429, { type: 'rate_limit_error', message: 'Monthly spend threshold reached.', errorCode: 'enforced_spend_limit_reached', requestId: rid(33) }) },
  { name: 'own usage limit', category: 'billing', kind: 'spend_cap', text: tsLine('BadRequestError', 400, { type: 'invalid_request_error', message: 'You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC.', requestId: rid(34) }) },
  { name: 'credit balance ts', category: 'billing', kind: 'credit_balance', text: tsLine('BadRequestError', 400, { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.', requestId: rid(35) }) },
  { name: 'credit balance py', category: 'billing', kind: 'credit_balance', text: pyTraceback('BadRequestError', 400, { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' }) },
  { name: 'payment 402 ts', category: 'billing', kind: 'payment', text: tsLine('PaymentRequiredError', 402, { type: 'billing_error', message: 'There is an issue with your payment method. Please update your billing information.', requestId: rid(36) }) },
  { name: 'billing error raw', category: 'billing', kind: 'payment', text: rawHttp(402, 'Payment Required', { type: 'billing_error', message: 'Billing information is missing for this organization.', requestId: rid(37) }) },
  { name: 'contract cap', category: 'billing', kind: 'spend_cap', text: logLine(429, { type: 'rate_limit_error', message: 'Contract spend limit reached.', errorCode: 'contract_spend_limit_reached' }) },
  // ---- overloaded --------------------------------------------------------------------------------------------
  { name: 'overloaded ts 1.x', category: 'overloaded', text: tsLine('OverloadedError', 529, { type: 'overloaded_error', message: 'Overloaded', requestId: rid(38) }) },
  { name: 'overloaded old ts', category: 'overloaded', text: 'InternalServerError: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n    at APIError.generate (/app/node_modules/@anthropic-ai/sdk/error.js:62:20)' },
  { name: 'overloaded py', category: 'overloaded', text: pyTraceback('OverloadedError', 529, { type: 'overloaded_error', message: 'Overloaded', requestId: rid(39) }) },
  { name: 'overloaded py old', category: 'overloaded', text: "anthropic.InternalServerError: Error code: 529 - {'type': 'error', 'error': {'type': 'overloaded_error', 'message': 'Overloaded'}}" },
  { name: 'overloaded in stream sse', category: 'overloaded', text: 'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_01","model":"claude-sonnet-4-6"}}\n\nevent: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}' },
  { name: 'overloaded stream ts no status', category: 'overloaded', text: 'Error: {"type":"error","error":{"details":null,"type":"overloaded_error","message":"Overloaded"}}\n    at MessageStream._emit (node_modules/@anthropic-ai/sdk/lib/MessageStream.mjs:301:19) // while streaming' },
  { name: 'bare 529 no body', category: 'overloaded', text: 'APIStatusError: Error code: 529' },
  { name: 'overloaded log line', category: 'overloaded', text: logLine(529, { type: 'overloaded_error', message: 'Overloaded', requestId: rid(40) }) },
  // ---- server_error ------------------------------------------------------------------------------------------
  { name: 'api_error ts', category: 'server_error', text: tsLine('InternalServerError', 500, { type: 'api_error', message: 'Internal server error', requestId: rid(41) }) },
  { name: 'api_error py', category: 'server_error', text: pyTraceback('InternalServerError', 500, { type: 'api_error', message: 'Internal server error', requestId: rid(42) }) },
  { name: 'cloudflare 502', category: 'server_error', text: '<!DOCTYPE html>\n<html lang="en-US"><head><title>api.anthropic.com | 502: Bad gateway</title></head><body><div id="cf-error-details"><h1>Bad gateway</h1><span class="cf-error-code">Error code 502</span><p>Cloudflare Ray ID: <strong class="font-semibold">8e2f9a0b1c3d4e5f</strong></p></div></body></html>' },
  { name: 'upstream connect 503', category: 'server_error', text: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111' },
  { name: 'ts 503 upstream text', category: 'server_error', text: 'ServiceUnavailableError: 503 "upstream connect error or disconnect/reset before headers. reset reason: overflow"' },
  { name: 'py 503', category: 'server_error', text: "anthropic.ServiceUnavailableError: Error code: 503 - 'no healthy upstream'" },
  { name: 'plain 500 log', category: 'server_error', text: '2026-11-26T09:12:44Z ERROR worker: POST https://api.anthropic.com/v1/messages -> HTTP 500 Internal Server Error (request-id req_011CVsrv500abcdef)' },
  // ---- timeout -----------------------------------------------------------------------------------------------
  { name: 'ts client timeout', category: 'timeout', kind: 'client_timeout', text: 'APIConnectionTimeoutError: Request timed out.\n    at Anthropic.makeRequest (file:///app/node_modules/@anthropic-ai/sdk/client.mjs:420:19)\n    at async main (file:///app/index.js:9:15)' },
  { name: 'py client timeout', category: 'timeout', kind: 'client_timeout', text: 'Traceback (most recent call last):\n  File "/app/.venv/lib/python3.11/site-packages/httpx/_transports/default.py", line 72, in map_httpcore_exceptions\n    yield\nhttpx.ReadTimeout: The read operation timed out\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File "/app/main.py", line 20, in <module>\n    msg = client.messages.create(**req)\nanthropic.APITimeoutError: Request timed out.' },
  { name: 'cloudflare 524', category: 'timeout', kind: 'gateway_timeout', text: '<!DOCTYPE html><html><head><title>api.anthropic.com | 524: A timeout occurred</title></head><body><h1>A timeout occurred</h1><span>Error code 524</span><p>Cloudflare Ray ID: <strong>8f1a2b3c4d5e6f70</strong></p></body></html>' },
  { name: 'cloudflare 504', category: 'timeout', kind: 'gateway_timeout', text: '<html><head><title>api.anthropic.com | 504: Gateway time-out</title></head><body>The web server reported a gateway time-out error. Error code 504. Ray ID: 7a6b5c4d3e2f1a0b</body></html>' },
  { name: 'api timeout_error', category: 'timeout', kind: 'gateway_timeout', text: tsLine('GatewayTimeoutError', 504, { type: 'timeout_error', message: 'Request timed out. Please use streaming for long requests.', requestId: rid(43) }) },
  { name: 'py deadline exceeded', category: 'timeout', kind: 'gateway_timeout', text: pyTraceback('DeadlineExceededError', 504, { type: 'timeout_error', message: 'Request timed out.', requestId: rid(44) }) },
  { name: 'envoy upstream timeout', category: 'timeout', kind: 'gateway_timeout', text: 'upstream request timeout' },
  { name: 'aborted', category: 'timeout', kind: 'aborted', text: 'APIUserAbortError: Request was aborted.\n    at Anthropic.makeRequest (node_modules/@anthropic-ai/sdk/client.mjs:398:13)' },
  { name: 'lambda timeout', category: 'timeout', kind: 'client_timeout', text: '2026-11-26T10:01:02.123Z 5f3c Task timed out after 30.03 seconds (calling anthropic messages.create)' },
  // ---- connection --------------------------------------------------------------------------------------------
  { name: 'ts connection error', category: 'connection', text: 'APIConnectionError: Connection error.\n    at Anthropic.makeRequest (file:///app/node_modules/@anthropic-ai/sdk/client.mjs:412:15) {\n  status: undefined,\n  [cause]: FetchError: request to https://api.anthropic.com/v1/messages failed, reason: getaddrinfo ENOTFOUND api.anthropic.com' },
  { name: 'py connection error', category: 'connection', text: 'httpx.ConnectError: [Errno -3] Temporary failure in name resolution\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File "bot.py", line 5, in <module>\nanthropic.APIConnectionError: Connection error.' },
  { name: 'econnreset', category: 'connection', text: `Error: read ECONNRESET\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:218:20) {\n  errno: -104,\n  code: 'ECONNRESET',\n  syscall: 'read'\n}\nAuthorization: Bearer ${S.bearerJwt}` },
  { name: 'self-signed cert', category: 'connection', text: 'APIConnectionError: Connection error.\n  [cause]: TypeError: fetch failed\n  [cause]: Error: self-signed certificate in certificate chain { code: \'SELF_SIGNED_CERT_IN_CHAIN\' }' },
  { name: 'py ssl', category: 'connection', text: 'httpcore.ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)' },
  { name: 'undici socket', category: 'connection', text: "TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13 {\n  [cause]: SocketError: other side closed { code: 'UND_ERR_SOCKET' } }" },
  { name: 'econnrefused proxy', category: 'connection', text: `connect ECONNREFUSED 10.0.0.12:3128 (HTTPS_PROXY) while calling api.anthropic.com; slack token ${S.slackBot}` },
  // ---- unknown -----------------------------------------------------------------------------------------------
  { name: 'unrelated js error', category: 'unknown', text: "TypeError: Cannot read properties of undefined (reading 'map')\n    at renderList (/app/src/ui.js:14:22)" },
  { name: 'greeting', category: 'unknown', text: 'hey @here can someone look at why the bot is slow? <!channel>' },
  { name: 'python keyerror', category: 'unknown', text: 'Traceback (most recent call last):\n  File "x.py", line 3, in <module>\n    print(d["content"])\nKeyError: \'content\'' },
  { name: 'empty', category: 'unknown', text: '   ' },
];
