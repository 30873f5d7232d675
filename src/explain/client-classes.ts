import type { Category, Kind } from './category.js';

/**
 * Error classes of the clients and wrappers people call Claude through, other than the Anthropic SDKs (those are in
 * sdk-classes.ts): LiteLLM, the Vercel AI SDK, LangChain, the Java and Go clients, AWS Bedrock, Google Vertex, httpx,
 * requests, undici and Bun. Each stands for a category (a wrapper's own mapping, so weaker evidence than the status or
 * Anthropic's own error type) and names the language a code sample should be in.
 */

export type ClientLanguage = 'python' | 'typescript' | 'java' | 'go';

export interface ClientClassInfo {
  category: Category;
  kind?: Kind;
  status?: number;
  language?: ClientLanguage;
  /** The tool the class belongs to, for "what was recognised". */
  client: string;
}

const py = (client: string, category: Category, status?: number, kind?: Kind): ClientClassInfo => ({
  client, category, language: 'python', ...(status ? { status } : {}), ...(kind ? { kind } : {}),
});
const ts = (client: string, category: Category, status?: number, kind?: Kind): ClientClassInfo => ({
  client, category, language: 'typescript', ...(status ? { status } : {}), ...(kind ? { kind } : {}),
});
const java = (category: Category, status?: number): ClientClassInfo => ({
  client: 'Anthropic Java SDK', category, language: 'java', ...(status ? { status } : {}),
});

export const CLIENT_CLASSES: Readonly<Record<string, ClientClassInfo>> = {
  // LiteLLM (Python): its own exception classes wrap every provider's errors.
  ContextWindowExceededError: py('LiteLLM', 'invalid_request', 400, 'prompt_too_long'),
  ServiceUnavailableError: py('LiteLLM', 'server_error', 503),
  BudgetExceededError: py('LiteLLM', 'billing', undefined, 'spend_cap'),
  ContentPolicyViolationError: py('LiteLLM', 'invalid_request', 400),
  // Vercel AI SDK (TypeScript).
  AI_LoadAPIKeyError: ts('Vercel AI SDK', 'auth', undefined, 'missing_key'),
  LoadAPIKeyError: ts('Vercel AI SDK', 'auth', undefined, 'missing_key'),
  // Java SDK (com.anthropic.errors).
  BadRequestException: java('invalid_request', 400),
  UnauthorizedException: java('auth', 401),
  PermissionDeniedException: java('permission', 403),
  NotFoundException: java('not_found', 404),
  UnprocessableEntityException: java('invalid_request', 422),
  RateLimitException: java('rate_limit', 429),
  InternalServerException: java('server_error', 500),
  AnthropicIoException: java('connection'),
  // AWS Bedrock (botocore / the JS v3 client).
  ThrottlingException: { client: 'AWS Bedrock', category: 'rate_limit', status: 429 },
  ServiceQuotaExceededException: { client: 'AWS Bedrock', category: 'rate_limit', status: 429 },
  AccessDeniedException: { client: 'AWS Bedrock', category: 'permission', status: 403 },
  ValidationException: { client: 'AWS Bedrock', category: 'invalid_request', status: 400 },
  ResourceNotFoundException: { client: 'AWS Bedrock', category: 'not_found', status: 404 },
  ModelTimeoutException: { client: 'AWS Bedrock', category: 'timeout', status: 408, kind: 'gateway_timeout' },
  ModelNotReadyException: { client: 'AWS Bedrock', category: 'server_error', status: 429 },
  ServiceUnavailableException: { client: 'AWS Bedrock', category: 'server_error', status: 503 },
  UnrecognizedClientException: { client: 'AWS Bedrock', category: 'auth', status: 403 },
  ExpiredTokenException: { client: 'AWS Bedrock', category: 'auth', status: 403 },
  // Google clients (Vertex AI).
  ResourceExhausted: py('Google Vertex AI', 'rate_limit', 429),
  DeadlineExceeded: py('Google Vertex AI', 'timeout', 504, 'gateway_timeout'),
  Unauthenticated: py('Google Vertex AI', 'auth', 401),
  // Python HTTP stacks.
  ReadTimeout: py('httpx', 'timeout', undefined, 'client_timeout'),
  ConnectTimeout: py('httpx', 'timeout', undefined, 'client_timeout'),
  WriteTimeout: py('httpx', 'timeout', undefined, 'client_timeout'),
  PoolTimeout: py('httpx', 'timeout', undefined, 'client_timeout'),
  ReadTimeoutError: py('urllib3', 'timeout', undefined, 'client_timeout'),
  ConnectError: py('httpx', 'connection'),
  RemoteProtocolError: py('httpx', 'connection'),
  ProxyError: py('httpx', 'connection'),
  SSLError: py('requests', 'connection'),
  SSLCertVerificationError: py('ssl', 'connection'),
  ClientConnectorError: py('aiohttp', 'connection'),
  ServerDisconnectedError: py('aiohttp', 'connection'),
  // Node and Bun networking.
  SocketError: ts('undici', 'connection'),
  UND_ERR_SOCKET: ts('undici', 'connection'),
  UND_ERR_CONNECT_TIMEOUT: ts('undici', 'timeout', undefined, 'client_timeout'),
  UND_ERR_HEADERS_TIMEOUT: ts('undici', 'timeout', undefined, 'client_timeout'),
  UND_ERR_BODY_TIMEOUT: ts('undici', 'timeout', undefined, 'client_timeout'),
  FailedToOpenSocket: ts('Bun', 'connection'),
  ConnectionRefused: ts('Bun', 'connection'),
};

/** One alternation of literal names, longer first; a dotted module prefix may precede. Linear to scan. */
export const CLIENT_CLASS_PATTERN = new RegExp(
  `\\b(${Object.keys(CLIENT_CLASSES)
    .sort((a, b) => b.length - a.length)
    .join('|')})\\b`,
);

/** Wrappers recognised by their own words, for "what was recognised" and the code sample's language. */
export const WRAPPERS: readonly [RegExp, string, ClientLanguage?][] = [
  [/\blitellm\b|AnthropicException|AnthropicError - /, 'LiteLLM', 'python'],
  [/\blangchain|ChatAnthropic/i, 'LangChain'],
  [/\bAI_[A-Z][A-Za-z]{2,40}Error\b|@ai-sdk\//, 'Vercel AI SDK', 'typescript'],
  [/\bcom\.anthropic\.|\.kt:\d|\bat com\./, 'Anthropic Java SDK', 'java'],
  [/anthropic api error type|anthropic-sdk-go|\.go:\d{1,5}\b|goroutine \d/, 'Go client', 'go'],
  [/⎿|\bAPI Error[ :(]|Retrying in \d{1,4} seconds?…|@anthropic-ai\/claude-code|\bclaude\.exe\b|\/\$bunfs\//, 'Claude Code', 'typescript'],
  [/\bbotocore\b|\bbedrock\b|InvokeModel/i, 'AWS Bedrock'],
  [/aiplatform\.googleapis|google\.api_core|\bvertex/i, 'Google Vertex AI'],
  [/openrouter/i, 'OpenRouter'],
  [/\bn8n\b|NodeApiError|NodeOperationError/, 'n8n', 'typescript'],
  [/\bAxiosError\b/, 'Axios', 'typescript'],
];
