import type { Category, Kind } from '../ports/category.js';
import { LiteralScan } from './literal-scan.js';

/**
 * Error classes of the clients and wrappers people call Claude through, other than the Anthropic SDKs (those are in
 * sdk-classes.ts): LiteLLM, the Vercel AI SDK, LangChain, the Java and Go clients, AWS Bedrock, Google Vertex, httpx,
 * requests, undici and Bun; and the transport failures of .NET, Java/Kotlin (OkHttp, Ktor, Spring, Netty), Ruby
 * (Net::HTTP, Faraday, ruby_llm), PHP (Guzzle, Symfony, the Anthropic PHP SDK), Elixir, Python and Rust, read from each
 * client's own source. Each stands for a category (a wrapper's own mapping, so weaker evidence than the status or
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
  /**
   * A network stack's own exception (a socket's, a TLS layer's, an HTTP client's transport failure): it says the call
   * failed on the way, and its message's words say how (`ConnectException: Connection timed out` is a connect timeout,
   * rule 6), so those words refine the category before the class's own default stands.
   */
  transport?: true;
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

const dotnet = (category: Category, status?: number): ClientClassInfo => ({
  client: 'Anthropic .NET SDK', category, ...(status ? { status } : {}),
});

/** A network stack's exception (see `transport`): connection unless its words say timeout; a timeout is the client's. */
const net = (client: string, category: 'connection' | 'timeout', language?: ClientLanguage, kind?: Kind): ClientClassInfo => ({
  client, category, transport: true, ...(language ? { language } : {}),
  ...(kind ? { kind } : category === 'timeout' ? { kind: 'client_timeout' as const } : {}),
});
const other = (client: string, category: Category, status?: number, kind?: Kind): ClientClassInfo => ({
  client, category, ...(status ? { status } : {}), ...(kind ? { kind } : {}),
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
  // "No such languageModel: anthropic:claude-x": the provider registry does not know the id.
  AI_NoSuchModelError: ts('Vercel AI SDK', 'not_found', undefined, 'unknown_model'),
  NoSuchModelError: ts('Vercel AI SDK', 'not_found', undefined, 'unknown_model'),
  // Java SDK (com.anthropic.errors).
  BadRequestException: java('invalid_request', 400),
  UnauthorizedException: java('auth', 401),
  PermissionDeniedException: java('permission', 403),
  NotFoundException: java('not_found', 404),
  UnprocessableEntityException: java('invalid_request', 422),
  RateLimitException: java('rate_limit', 429),
  InternalServerException: java('server_error', 500),
  // Its I/O failure wraps the network stack's exception ("Request failed", "Stream failed"): the words inside say how.
  AnthropicIoException: net('Anthropic Java SDK', 'connection', 'java'),
  // LangChain4j (dev.langchain4j.exception; its RateLimitException and InternalServerException share the Java SDK's
  // names and meaning).
  ModelNotFoundException: { client: 'LangChain4j', category: 'not_found', status: 404, language: 'java' },
  InvalidRequestException: { client: 'LangChain4j', category: 'invalid_request', status: 400, language: 'java' },
  AuthenticationException: { client: 'LangChain4j', category: 'auth', status: 401, language: 'java' },
  // .NET SDK (Anthropic.Exceptions, one class per status as AnthropicExceptionFactory maps them).
  AnthropicBadRequestException: dotnet('invalid_request', 400),
  AnthropicUnauthorizedException: dotnet('auth', 401),
  AnthropicForbiddenException: dotnet('permission', 403),
  AnthropicNotFoundException: dotnet('not_found', 404),
  AnthropicUnprocessableEntityException: dotnet('invalid_request', 422),
  AnthropicRateLimitException: dotnet('rate_limit', 429),
  Anthropic5xxException: dotnet('server_error'),
  // AWS Bedrock (botocore / the JS v3 client).
  ThrottlingException: { client: 'AWS Bedrock', category: 'rate_limit', status: 429 },
  ServiceQuotaExceededException: { client: 'AWS Bedrock', category: 'rate_limit', status: 429 },
  AccessDeniedException: { client: 'AWS Bedrock', category: 'permission', status: 403 },
  ValidationException: { client: 'AWS Bedrock', category: 'invalid_request', status: 400 },
  ResourceNotFoundException: { client: 'AWS Bedrock', category: 'not_found', status: 404 },
  ModelTimeoutException: { client: 'AWS Bedrock', category: 'timeout', status: 408, kind: 'gateway_timeout' },
  ModelNotReadyException: { client: 'AWS Bedrock', category: 'server_error', status: 429 },
  ServiceUnavailableException: { client: 'AWS Bedrock', category: 'server_error', status: 503 },
  // Bedrock's own failure of the model call (an Anthropic type or status inside, when there is one, decides first).
  ModelStreamErrorException: { client: 'AWS Bedrock', category: 'server_error' },
  ModelErrorException: { client: 'AWS Bedrock', category: 'server_error' },
  UnrecognizedClientException: { client: 'AWS Bedrock', category: 'auth', status: 403 },
  ExpiredTokenException: { client: 'AWS Bedrock', category: 'auth', status: 403 },
  InvalidSignatureException: { client: 'AWS Bedrock', category: 'auth', status: 403 },
  // Cloud credentials never found by the SDK: nothing was sent (the README's rule 4, a key never configured).
  NoCredentialsError: py('botocore', 'auth', undefined, 'missing_key'),
  CredentialsProviderError: ts('AWS SDK', 'auth', undefined, 'missing_key'),
  DefaultCredentialsError: py('google-auth', 'auth', undefined, 'missing_key'),
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
  ConnectError: net('httpx', 'connection', 'python'),
  RemoteProtocolError: py('httpx', 'connection'),
  ProxyError: py('httpx', 'connection'),
  SSLError: py('requests', 'connection'),
  SSLCertVerificationError: py('ssl', 'connection'),
  // aiohttp's connector errors wrap the OSError ("[Errno 110] Connection timed out" is a connect timeout, rule 6).
  ClientConnectorError: net('aiohttp', 'connection', 'python'),
  ServerDisconnectedError: py('aiohttp', 'connection'),
  // Node and Bun networking.
  SocketError: ts('undici', 'connection'),
  UND_ERR_SOCKET: ts('undici', 'connection'),
  UND_ERR_CONNECT_TIMEOUT: ts('undici', 'timeout', undefined, 'client_timeout'),
  UND_ERR_HEADERS_TIMEOUT: ts('undici', 'timeout', undefined, 'client_timeout'),
  UND_ERR_BODY_TIMEOUT: ts('undici', 'timeout', undefined, 'client_timeout'),
  FailedToOpenSocket: ts('Bun', 'connection'),
  ConnectionRefused: ts('Bun', 'connection'),

  // Below, each client's vocabulary for a transport failure, read from its own source (not from pastes). The words
  // inside a network stack's exception refine it (`transport`); a status or an Anthropic error type in the paste still
  // decides first (weigh-evidence.ts).
  // .NET (dotnet/runtime System.Net.Http, System.Net.Sockets, System.Security.Authentication): HttpClient's timeout
  // is a TaskCanceledException ("The request was canceled due to the configured HttpClient.Timeout of 100 seconds
  // elapsing", older runtimes "A task was canceled."); a token the caller cancelled, an OperationCanceledException.
  TaskCanceledException: net('.NET', 'timeout'),
  OperationCanceledException: net('.NET', 'timeout', undefined, 'aborted'),
  SocketException: net('.NET / Java / Dart sockets', 'connection'),
  HttpIOException: net('.NET', 'connection'),
  // System.Security.Authentication.AuthenticationException is the TLS handshake's failure ("The remote certificate is
  // invalid according to the validation procedure"), not LangChain4j's 401 of the same short name.
  'Security.Authentication.AuthenticationException': net('.NET', 'connection'),
  // anthropics/anthropic-sdk-csharp (src/Anthropic/Exceptions): an I/O failure around HttpRequestException.
  AnthropicIOException: net('Anthropic .NET SDK', 'connection'),
  // tghamm/Anthropic.SDK (EndpointBase.cs): its 429.
  RateLimitsExceeded: other('Anthropic.SDK (.NET)', 'rate_limit', 429),
  // Java and Kotlin: java.net, javax.net.ssl, java.net.http, OkHttp (square/okhttp), Ktor, Spring, Netty.
  SocketTimeoutException: net('Java', 'timeout', 'java'),
  ConnectException: net('Java / Guzzle', 'connection'),
  ConnectTimeoutException: net('Ktor', 'timeout', 'java'),
  UnknownHostException: net('Java', 'connection', 'java'),
  SSLHandshakeException: net('Java', 'connection', 'java'),
  SSLPeerUnverifiedException: net('Java', 'connection', 'java'),
  SSLException: net('Java', 'connection', 'java'),
  HttpTimeoutException: net('java.net.http', 'timeout', 'java'),
  HttpConnectTimeoutException: net('java.net.http', 'timeout', 'java'),
  HttpRequestTimeoutException: net('Ktor', 'timeout', 'java'),
  InterruptedIOException: net('OkHttp', 'timeout', 'java'),
  StreamResetException: net('OkHttp', 'connection', 'java'),
  ReadTimeoutException: net('Netty', 'timeout', 'java'),
  WebClientRequestException: net('Spring WebClient', 'connection', 'java'),
  ResourceAccessException: net('Spring RestTemplate', 'connection', 'java'),
  // LangChain4j maps a root UnresolvedAddressException (java.nio) to UnresolvedModelServerException
  // (langchain4j/langchain4j langchain4j-core/src/main/java/dev/langchain4j/exception, its ExceptionMapper).
  UnresolvedModelServerException: { client: 'LangChain4j', category: 'connection', language: 'java' },
  UnresolvedAddressException: net('Java NIO', 'connection', 'java'),
  // LangChain4j's (and java.util.concurrent's, and Dart's) TimeoutException.
  TimeoutException: net('LangChain4j / Dart', 'timeout'),
  // Ruby: Net::HTTP (Net::ReadTimeout and Net::WriteTimeout are read above), Faraday; ruby_llm (crmne/ruby_llm
  // lib/ruby_llm/error.rb maps 401, 403, 500, 502-504 and 529 to these, and its own cancellation).
  OpenTimeout: net('Net::HTTP', 'timeout'),
  ConnectionFailed: net('Faraday', 'connection'),
  ServerError: other('Faraday / ruby_llm', 'server_error'),
  UnauthorizedError: other('ruby_llm', 'auth', 401),
  ForbiddenError: other('ruby_llm', 'permission', 403),
  ContextLengthExceededError: other('ruby_llm', 'invalid_request', 400, 'prompt_too_long'),
  CancelledError: net('asyncio / ruby_llm', 'timeout', undefined, 'aborted'),
  // PHP: anthropics/anthropic-sdk-php (src/Core/Exceptions), Guzzle's and Symfony HttpClient's 5xx and transport
  // failures, mozex/anthropic-php's TransporterException (Guzzle's message inside), Prism's rate limit.
  APIConnectionException: net('Anthropic PHP SDK', 'connection'),
  APITimeoutException: net('Anthropic PHP SDK', 'timeout'),
  ServerException: other('Guzzle / Symfony HttpClient', 'server_error'),
  TransportException: net('Symfony HttpClient', 'connection'),
  TransporterException: net('anthropic-php', 'connection'),
  PrismRateLimitedException: other('Prism', 'rate_limit', 429),
  // Elixir: Mint and Req (`%Mint.TransportError{reason: :closed}`), HTTPoison.
  TransportError: net('Mint / Req', 'connection'),
  // Python extras: aiohttp, requests, urllib3, http.client.
  ClientOSError: net('aiohttp', 'connection', 'python'),
  ClientPayloadError: py('aiohttp', 'connection'),
  ChunkedEncodingError: py('requests', 'connection'),
  MaxRetryError: net('urllib3', 'connection', 'python'),
  NewConnectionError: net('urllib3', 'connection', 'python'),
  ProtocolError: py('urllib3', 'connection'),
  RemoteDisconnected: py('http.client', 'connection'),
  IncompleteRead: py('http.client', 'connection'),
  // httpx's other transport errors (encode/httpx httpx/_exceptions.py); aiohttp 3.10's finer classes (aio-libs/aiohttp
  // aiohttp/client_exceptions.py); urllib3 2's resolver failure; Python's own OSError subclasses. (Every `…TimeoutError`
  // class, undici's and aiohttp's too, is read by the `timeouterror` fragment.)
  ReadError: py('httpx', 'connection'),
  NetworkError: net('httpx', 'connection', 'python'),
  ClientConnectionError: net('aiohttp', 'connection', 'python'),
  ClientConnectorDNSError: py('aiohttp', 'connection'),
  ClientConnectorSSLError: py('aiohttp', 'connection'),
  ClientConnectorCertificateError: py('aiohttp', 'connection'),
  ClientConnectionResetError: py('aiohttp', 'connection'),
  NameResolutionError: py('urllib3', 'connection'),
  ConnectionError: net('requests / Python', 'connection', 'python'),
  ConnectionResetError: py('Python', 'connection'),
  ConnectionRefusedError: py('Python', 'connection'),
  ConnectionAbortedError: py('Python', 'connection'),
  BrokenPipeError: py('Python', 'connection'),
  // Rust's std::io::ErrorKind as reqwest and hyper print their source (`Os { code: 104, kind: ConnectionReset, … }`).
  ConnectionReset: other('Rust std::io', 'connection'),
  ConnectionAborted: other('Rust std::io', 'connection'),
  TimedOut: other('Rust std::io', 'timeout', undefined, 'client_timeout'),
};

/** One alternation of literal names (dots escaped), longer first; a dotted module prefix may precede. Linear to scan. */
export const CLIENT_CLASS_PATTERN = new RegExp(
  `\\b(${Object.keys(CLIENT_CLASSES)
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replaceAll('.', '\\.'))
    .join('|')})\\b`,
);

// botocore's own sentence names the AWS error code in parentheses: `An error occurred (ThrottlingException) when
// calling the InvokeModel operation`. Event streams spell the code in lower camel case (`throttlingException`).
const AWS_ERROR_CODE_RE = /\bAn error occurred \(([a-z][A-Za-z]{2,60})\)/;

/**
 * The client class a paste names: the first literal name, or else the code in botocore's sentence whatever the case
 * of its first letter (`throttlingException` → `ThrottlingException`).
 */
export function findClientClass(text: string): string | undefined {
  const named = CLIENT_CLASS_PATTERN.exec(text)?.[1];
  if (named || !text.includes('error occurred (')) return named;
  const code = AWS_ERROR_CODE_RE.exec(text)?.[1];
  const name = code ? code[0]!.toUpperCase() + code.slice(1) : undefined;
  return name && name in CLIENT_CLASSES ? name : undefined;
}

/** A wrapper recognised by its own words: lower-case needles (plain substring search), or a pattern behind a gate. */
export interface WrapperSign {
  name: string;
  language?: ClientLanguage;
  /** Any of these in the lower-cased text. */
  needles: readonly string[];
  /** A pattern tried only when the text contains `gate` (case-sensitive). */
  pattern?: { gate: string; re: RegExp };
}

/** Wrappers recognised by their own words, for "what was recognised" and the code sample's language; first wins. */
export const WRAPPERS: readonly WrapperSign[] = [
  { name: 'LiteLLM', language: 'python', needles: ['litellm', 'anthropicexception', 'anthropicerror - '] },
  { name: 'LangChain', needles: ['langchain', 'chatanthropic'] },
  { name: 'Vercel AI SDK', language: 'typescript', needles: ['@ai-sdk/'], pattern: { gate: 'AI_', re: /\bAI_[A-Z][A-Za-z]{2,40}Error\b/ } },
  { name: 'Anthropic Java SDK', language: 'java', needles: ['com.anthropic.', '.kt:', 'at com.'] },
  { name: 'Go client', language: 'go', needles: ['anthropic api error type', 'anthropic-sdk-go', 'goroutine '], pattern: { gate: '.go:', re: /\.go:\d{1,5}\b/ } },
  { name: 'Claude Code', language: 'typescript', needles: ['⎿', 'api error', 'retrying in ', '@anthropic-ai/claude-code', 'claude.exe', '/$bunfs/'] },
  { name: 'AWS Bedrock', needles: ['botocore', 'bedrock', 'invokemodel'] },
  { name: 'Google Vertex AI', needles: ['aiplatform.googleapis', 'google.api_core', 'vertex'] },
  { name: 'OpenRouter', needles: ['openrouter'] },
  { name: 'n8n', language: 'typescript', needles: ['n8n', 'nodeapierror', 'nodeoperationerror'] },
  { name: 'Axios', language: 'typescript', needles: ['axioserror'] },
];

/** Every needle of every wrapper in one alternation: one scan of the text instead of one per needle. */
const NEEDLES = WRAPPERS.flatMap((w, index) => w.needles.map((needle) => [needle, index] as const));
const ANY_NEEDLE = new LiteralScan(NEEDLES.map(([n]) => n));

/**
 * The first wrapper (in WRAPPERS order) whose signs show in `text`; `lower` is the same text lower-cased, computed
 * once by the caller.
 */
export function findWrapper(text: string, lower: string): WrapperSign | undefined {
  let best = Number.POSITIVE_INFINITY;
  // Nothing beats the first wrapper: the scan stops once it is found.
  ANY_NEEDLE.scan(lower, (i) => (best = Math.min(best, NEEDLES[i]![1])) === 0);
  for (let i = 0; i < Math.min(best, WRAPPERS.length); i++) {
    const pattern = WRAPPERS[i]!.pattern;
    if (pattern && text.includes(pattern.gate) && pattern.re.test(text)) return WRAPPERS[i];
  }
  return WRAPPERS[best];
}
