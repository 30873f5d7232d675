import type { Category, Kind } from '../ports/category.js';

/** The classifier's tables (weigh-evidence.ts holds the precedence that reads them). Every pattern is bounded. */

/** `error.details.error_code` is the stable machine code: it wins over everything else. */
export const BY_ERROR_CODE: Readonly<Record<string, [Category, Kind?]>> = {
  enforced_spend_limit_reached: ['billing', 'spend_cap'],
  contract_spend_limit_reached: ['billing', 'spend_cap'],
  linked_organization_spend_limit_reached: ['billing', 'spend_cap'],
  linked_organization_billing_unavailable: ['billing', 'payment'],
  ramp_limit_exceeded: ['rate_limit', 'acceleration'],
  organization_on_hold: ['permission', 'org_disabled'],
  request_body_too_large_after_decoding: ['request_too_large'],
  image_dimensions_too_large: ['invalid_request', 'image_too_large'],
};

export const BY_TYPE: Readonly<Record<string, Category>> = {
  authentication_error: 'auth',
  permission_error: 'permission',
  forbidden: 'permission',
  not_found_error: 'not_found',
  invalid_request_error: 'invalid_request',
  conflict_error: 'invalid_request',
  request_too_large: 'request_too_large',
  rate_limit_error: 'rate_limit',
  overloaded_error: 'overloaded',
  api_error: 'server_error',
  timeout_error: 'timeout',
  billing_error: 'billing',
};

export const BY_STATUS: Readonly<Record<number, Category>> = {
  // 405: the API has no such route (a base URL set wrong): no category fits (the README's rule 9). 407: a proxy on the
  // way wants its own credentials, a network path to fix (rule 6).
  405: 'unknown', 407: 'connection',
  400: 'invalid_request', 401: 'auth', 402: 'billing', 403: 'permission', 404: 'not_found', 408: 'timeout',
  409: 'invalid_request', 413: 'request_too_large', 422: 'invalid_request', 429: 'rate_limit', 500: 'server_error',
  502: 'server_error', 503: 'server_error', 504: 'timeout', 520: 'server_error', 521: 'connection',
  522: 'timeout', 523: 'connection', 524: 'timeout', 529: 'overloaded',
};

/** For class names without a status (connection errors, timeouts, aborts). */
export const BY_SDK_CLASS: Readonly<Record<string, Category>> = {
  APIConnectionTimeoutError: 'timeout',
  APITimeoutError: 'timeout',
  APIUserAbortError: 'timeout',
  APIConnectionError: 'connection',
  OverloadedError: 'overloaded',
  InternalServerError: 'server_error',
};

/** Last resort, on the whole text: words people see in non-HTTP failures. */
export const KEYWORDS: readonly [RegExp, Category][] = [
  [/upstream request timeout|gateway time-?out|timed? ?out|etimedout|deadline exceeded/, 'timeout'],
  [/econnreset|econnrefused|enotfound|eai_again|getaddrinfo|socket hang up|fetch failed|connection (?:error|refused|reset)|certificate|self[- ]signed|unable to verify|network is unreachable|ehostunreach|und_err_socket/, 'connection'],
  [/upstream connect error|no healthy upstream|bad gateway|service unavailable|internal server error/, 'server_error'],
  [/overloaded/, 'overloaded'],
  [/rate[- ]limit|too many requests/, 'rate_limit'],
  [/invalid x-api-key|invalid[ _]api[ _-]?key|api[ _-]?key (?:is )?(?:invalid|incorrect|expired|revoked)|incorrect api key|authentication (?:failed|error)|unauthorized/, 'auth'],
  [/access ?denied|(?:don't|do not) have access|not authorized to (?:access|use|invoke)/, 'permission'],
];

// Anthropic's own 413 message ("Request exceeds the maximum size") is among them.
export const BODY_SIZE_WORDING = /value at 'body' failed to satisfy constraint: member must have length|request body (?:is )?too large|exceeds the maximum allowed number of bytes|request exceeds the maximum (?:allowed )?size/;

// A model id (one token, maybe a long resource path) and the verdict on it: `Publisher Model projects/…/models/x@y is
// not servable in region …`, `The model claude-x is not available on your deployment`.
const MODEL_NOT_SERVED = /\bmodel:? [^\s]{1,200} (?:is |was )?not (?:servable|found|available|supported)\b/;
export const MODEL_MISSING = new RegExp(`model[^.\\n]{0,80}(?:not found|does not exist|is not available|not supported)|(?:unknown|invalid|unsupported) model(?: name| id)?\\b|no such model|model (?:id|identifier|name) (?:is )?(?:invalid|not valid|unknown)|${MODEL_NOT_SERVED.source}`);

export const LITELLM_CATCH_ALL = new Set(['InternalServerError', 'APIConnectionError', 'APIError']);

/**
 * Product wordings of billing and access: they arrive under another type (a 400 about credit, a 429 about a plan's
 * usage limit, a 403 about a project), and say what fixes it better than the type does. First match wins; the
 * fourth field keeps a rule to the error's message (a debug log may mention OAuth without being about it).
 */
export const PRODUCT_WORDINGS: readonly [RegExp, Category, Kind | undefined, boolean?][] = [
  // Claude Code says so itself when the server, not the plan, is limiting; new-api rewrites an upstream 429 as "the
  // group's upstream load is saturated" (当前分组上游负载已饱和).
  [/not your usage limit|server is temporarily limiting requests|上游(?:负载)?已饱和/, 'rate_limit', undefined],
  // one-api / new-api's own key (令牌) and balance errors, whatever status they come under: quota of the key used up,
  // the user's balance too low; the key invalid, expired, disabled, or not sent.
  [/令牌(?:可用)?额度已用尽/, 'billing', 'spend_cap'],
  [/(?:用户|账户)?(?:额度|余额)不足/, 'billing', 'credit_balance'],
  [/未提供令牌/, 'auth', 'missing_key'],
  [/无效的令牌|令牌(?:已过期|状态不可用)/, 'auth', 'api_key'],
  [/credit balance|(?:run|ran) out of credits?|out of credits|insufficient credits?|requires more credits|no credits? (?:remaining|left)|credits? (?:are |is |have been )?(?:exhausted|depleted|used up)|insufficient (?:account )?(?:balance|funds)|credit limit|can only afford/, 'billing', 'credit_balance'],
  // Extra usage is a usage allowance beyond the plan: out of it, or needing it, is a usage limit (spend_cap).
  [/extra usage/, 'billing', 'spend_cap'],
  // A plan's limits as Claude Code words them ("5-hour limit reached ∙ resets 2am", "Opus weekly limit reached").
  [/specified (?:workspace )?api usage limits|spend (?:cap|limit)|usage limit|you(?:'|’)ve hit your (?:[a-z]{1,12} )?limit|limits? will reset|\b(?:\d{1,2}-hour|daily|weekly|monthly|session|opus|sonnet) limit reached|budget (?:has been )?exceeded|exceeded (?:the |your )?budget|key limit exceeded|exceeded your (?:[a-z0-9-]{1,20} ){0,2}(?:token )?usage\b|reached for (?:this|the) month\b|usage credits? (?:are |is )?required|turn on usage credits/, 'billing', 'spend_cap'],
  // OpenAI-compatible gateways' billing words (`insufficient_quota`: "You exceeded your current quota, please check
  // your plan and billing details"), unlike a provider's "Quota exceeded for …" per minute, which is a rate limit.
  [/billing error|billing_error|payment required|payment method|past due|card (?:was )?declined|payment (?:failed|was declined)|insufficient[ _](?:user_)?quota|exceeded your current quota/, 'billing', undefined],
  [/organi[sz]ation has been disabled|organi[sz]ation is disabled|organi[sz]ation (?:is|has been) (?:suspended|on hold)/, 'permission', 'org_disabled'],
  [/key is valid,? but|disabled by (?:your|an|the) organi[sz]ation|subscription access (?:has been |is )?disabled|is not allowed to use|not enabled for this organi[sz]ation|not authorized to (?:access|use|invoke)|(?:don't|do not|doesn't|does not) have (?:access|permission) to (?!it\b)|not available for your (?:organi[sz]ation|account|plan)|not allowed for your (?:organi[sz]ation|account|plan|tier)|model access is denied|users are not (?:currently )?able to use|(?:has|have) disabled (?:[a-z]{1,20} ){0,2}(?:subscription )?access\b|not authorized to perform the required|(?:missing|insufficient) permissions\b/, 'permission', undefined],
  // A credential good only for one product or use ("This credential is only authorized for use with Claude Code and
  // cannot be used for other API requests"): the key is valid, what it may be used for is not (rule 3's access).
  // Said as a prohibition too: "do not use this API outside the Claude Code CLI" (请勿在 Claude Code CLI 之外使用接口),
  // or as a relay group's rule: "this group only allows Claude Code clients" (仅允许 Claude Code 客户端).
  [/\b(?:credential|key|token|subscription)s? (?:is |are )?(?:only (?:authorized|allowed|permitted|valid)|can only be used) (?:for|with|to|in)\b|\bonly (?:allows|accepts|permits|supports) (?:[^."\n]{1,40} clients?\b|(?:requests|access|calls) from\b)|(?:仅|只)(?:允许|支持|限)[^"\n]{1,40}客户端|\b(?:do not|don't|must not|may not) use (?:this|the|these) (?:api|key|credential|token|service|interface|endpoint)s? outside\b|\b(?:api|key|credential|token)s? (?:cannot|can't|must not|may not) be used outside\b|(?:请勿|禁止|不允许|不得|不能)在[^"\n]{1,60}(?:之外|以外)使用/, 'permission', undefined],
  // Where the caller is: "User location is not supported for the API use", `unsupported_country_region_territory`.
  [/(?:country|region|location|territory) (?:is )?not supported|unsupported_country|unsupported countr(?:y|ies)|from unsupported (?:regions|territories|locations)/, 'permission', 'region'],
  [/cors requests|anthropic-dangerous-direct-browser-access|dangerouslyallowbrowser/, 'auth', 'cors'],
  [/oauth (?:access |refresh )?(?:authentication|token)|sk-ant-oat/, 'auth', 'oauth_token', true],
  [/token refresh failed|invalid_grant|refresh token (?:not found|is invalid|invalid|expired|has expired)/, 'auth', 'oauth_token'],
  [/could not resolve authentication method|api_key client option must be set|anthropic_api_key environment variable is (?:missing|not set)|couldn't find a secret|api[ _-]?key(?: environment variable)? (?:is )?(?:missing|not set|not configured|not provided|not found)|no api[ _-]?key (?:found|provided|set|configured)|missing (?:the )?(?:anthropic )?api[ _-]?key|x-api-key header is required|unable to locate credentials|could not load credentials|default credentials were not found|you must provide api authentication/, 'auth', 'missing_key'],
  // tghamm/Anthropic.SDK (EndpointBase.cs) throws its 401 as .NET's AuthenticationException with these words.
  [/anthropic rejected your authorization/, 'auth', 'api_key'],
  // A session or API token refused in so many words ("token expired or invalid: 403", as Copilot Chat words it): the
  // credential, not what it may do (rule 3's wording over a bare 403).
  [/\btoken (?:has )?expired or (?:is )?invalid|\b(?:invalid or expired|expired or invalid) (?:api |access |auth |session )?token/, 'auth', undefined],
  // AWS's words for a credential it read and refused (UnrecognizedClientException, ExpiredTokenException, SigV4).
  [/security token included in the request is (?:invalid|expired)|request signature we calculated does not match/, 'auth', undefined],
];

/** After the shared keywords: editors' and clients' own summaries of an API error. */
export const LAST_KEYWORDS: readonly [RegExp, Category][] = [
  [/internal_server_error|server_error\b/, 'server_error'],
  [/invalid request|invalid_request|does not support|(?:may|can) only be set to\b|cannot both be (?:set|specified)|must end with a user message|missing required|(?:was not specified|is required) (?:but|when|for)|required (?:field|argument|parameter)/, 'invalid_request'],
];

/**
 * The words of each kind of failure when nothing stronger showed: the API's validation vocabulary (pydantic-style
 * `Field required`, `Input should be`, `messages.0.content`), gateways' and clients' words for the other categories.
 * A parameter's name counts only outside quotes: `"budget_tokens": 1024` is a key of the request the paste shows, not
 * an error about it.
 */
export const VOCABULARY: readonly [RegExp, Category][] = [
  // The API's validation messages name the request's field, then the complaint: `messages: at least one message is
  // required`, `thinking: Input tag 'adaptive' … does not match`, `tools.2.name: String should match` — a verdict within
  // a few words (a request dump's `system: You are terse` or `temperature: 0.7` is not a complaint).
  [/\b(?:messages|tools|system)\.\d{1,4}\b|\b(?:messages|system|tools|thinking|tool_choice|stop_sequences|max_tokens)(?:\.[a-z0-9_]{1,40}){0,4}: [^:]{0,60}\b(?:required|must|should|expected|invalid|cannot|at least|at most|exceeds?|unexpected|does not|not (?:a |an )?(?:valid|allowed|supported|permitted))\b|not (?:a )?valid json|requires `?[a-z_.]{2,60}`? to be (?:enabled|set|specified|provided)|anthropic-version|field required|(?:input|string|list|value|dictionary) should (?:be|match|have)|extra inputs are not permitted|validation error|unprocessable|malformed (?:input|request|json)|invalid (?:value|type|json|schema|argument|parameter|role|format|input|body|model)|unexpected (?:role|field|value|token|end of)|bad request|must (?:be|have|contain) (?:a|an|one|at|non|the|less|greater|between)|cannot (?:both )?be (?:specified|set|used|combined)|please use only one|(?:is )?not supported (?:for|by|with) (?:this|the) model|unexpected value|unrecognized (?:request )?(?:argument|parameter|field|key)|unsupported (?:parameter|value|field|content|media type|image)|unknown (?:parameter|field|argument)|is not a valid|expected (?:a |an )?(?:string|object|array|number|integer|boolean)|invalid_params|invalid_argument|too many (?:images|tools|documents|cache_control)|(?:at most|a maximum of) \d|budget_tokens(?!["'])|cache_control(?!["'])|anthropic-beta/, 'invalid_request'],
  [/exceeds? (?:the )?(?:maximum|max) (?:request|body|payload) size|(?:request|body|payload) (?:is )?too large|too large for (?:the )?(?:request|api)/, 'request_too_large'],
  [/\bquota\b|throttl|too many (?:requests|tokens|concurrent)|requests per|tokens per|concurren(?:t requests|cy limit)|slow down/, 'rate_limit'],
  [/\boverload|over capacity|at capacity/, 'overloaded'],
  [/invalid (?:api[ _-]?key|token|credentials?)|unauthori[sz]ed|unauthenticated|incorrect api key/, 'auth'],
  [/\bforbidd?en\b|permission denied|access denied|not permitted to|not allowed to access/, 'permission'],
  [/does not exist|could not be found|not_found|\bnot found\b/, 'not_found'],
  [/gateway time-?out|read timed? ?out|\btimed out\b|\btimeout\b|deadline/, 'timeout'],
  [/econn|enotfound|epipe|err_network|could not resolve host|name or service not known|no route to host|temporary failure in name resolution|unexpected eof|eof occurred|stream disconnected|network (?:error|is unreachable)|dns|getaddrinfo|\bssl\b|\btls\b|certificate|proxy error|connection (?:error|failed|lost)/, 'connection'],
  [/bad gateway|internal (?:server )?error|server error|service unavailable|upstream/, 'server_error'],
];
export const ANY_VOCABULARY = new RegExp(VOCABULARY.map(([re]) => `(?:${re.source})`).join('|'));
// A status standing alone, only from the statuses the API and its edge document, and not a line number (`line 404`), a
// position (`:404:`), a size (`404.5`, `1,404`) or part of a path or id.
export const BARE_STATUS_RE = /(?<!line )(?<![\w:.,/-])(400|401|402|403|404|408|413|429|500|502|503|504|529)(?![\w.,:/-])/;

/** Anthropic's own short messages, as wrappers quote them without the type. */
export const EXACT_MESSAGES: Readonly<Record<string, Category>> = {
  overloaded: 'overloaded',
  'internal server error': 'server_error',
  // The API edge's 403 `forbidden` (a region it does not serve) and its other refusal to serve.
  'request not allowed': 'permission',
  'we are unable to serve your request': 'permission',
};

/**
 * A model out of capacity in so many words: Cursor's "We're experiencing high demand for Claude 3.7 Sonnet right now",
 * Copilot's "… is currently experiencing high demand", Claude's "unexpected capacity constraints", Google's
 * `MODEL_CAPACITY_EXHAUSTED` / "No capacity available for model" (Cloud Code serving Claude). Said under a 503, it
 * says which server-side failure the 503 was.
 */
export const CAPACITY_WORDING = /experiencing (?:high|heavy|unusually high|extremely high|extreme) (?:demand|load)|\bhigh demand for\b|capacity constraints|model_capacity_exhausted|no capacity available/;

/**
 * Fragments that carry no status and no type but still tell the story. Bounded patterns on collapsed text. A `null`
 * kind: the fragment shows that no kind of its category fits, so none is guessed from the wording.
 */
export const FRAGMENTS: readonly [RegExp, Category, (Kind | null)?][] = [
  [/ratelimit-requests-remaining["']?:? ?["']?0\b|x-ratelimit-remaining-requests["']?:? ?["']?0\b/, 'rate_limit', 'requests'],
  [/ratelimit-input-tokens-remaining["']?:? ?["']?0\b|ratelimit-tokens-remaining["']?:? ?["']?0\b/, 'rate_limit', 'input_tokens'],
  [/ratelimit-output-tokens-remaining["']?:? ?["']?0\b/, 'rate_limit', 'output_tokens'],
  // Claude Code's own words for a model the endpoint does not serve ("There's an issue with the selected model (…).
  // It may not exist or you may not have access to it.").
  [/issue with the selected model|it may not exist or you may not have access/, 'not_found', 'unknown_model'],
  [/unknown model\b|model\/deployment not found|model not found|no such model|\bmodel\b[^.\n]{0,80} does not exist/, 'not_found', 'unknown_model'],
  [MODEL_NOT_SERVED, 'not_found'],
  [/resource you are requesting could not be found|requested resource (?:was )?not found|404 not found/, 'not_found'],
  // A model id with the verdict that it is not (or no longer) served, when the words do not say which: no kind guessed.
  [/\bmodel:? ['"`]?[a-z0-9][\w.:@/-]{1,80}['"`]? (?:is|was) (?:retired or unsupported|unsupported|not supported)\b/, 'not_found', null],
  [/is no longer available|has been retired|model (?:was|is|has been) (?:retired|deprecated and removed)/, 'not_found', 'retired_model'],
  // The Anthropic SDKs' own messages for their timeout and connection classes ("Request timed out.", "Connection
  // error."), as Claude Code and other apps show them without the class.
  // AWS API Gateway's 504 body when the integration behind it ran past its limit: a gateway's timeout, not the client's.
  [/endpoint request timed out/, 'timeout', 'gateway_timeout'],
  [/(?:operation was )?aborted due to timeout|timeouterror|timeout of \d{1,9} ?ms exceeded|timed out after \d|\brequest timed out\b|stream idle timeout|read timeout on endpoint url/, 'timeout', 'client_timeout'],
  // Other clients' own timeouts, in their source's words: .NET's HttpClient.Timeout (its resource key too, when an
  // AOT build trimmed the text) and Winsock's connect timeout; Go's net ("i/o timeout", "TLS handshake timeout",
  // "timeout awaiting response headers", "Client.Timeout exceeded"); Ruby's Timeout::Error ("execution expired", what
  // Net::OpenTimeout says, inside Faraday's ConnectionFailed too); reqwest's "operation timed out"; Ktor's "…
  // timeout has expired"; Symfony's "Idle timeout reached"; Dio's timeout types; NSURLErrorTimedOut (-1001); cURL's 28;
  // the Anthropic PHP SDK's APITimeoutException.
  [/configured httpclient\.timeout|net_http_request_timedout|connected party did not properly respond after a period of time|\bi\/o timeout\b|tls handshake timeout|timeout awaiting response headers|client\.timeout exceeded|\boperation timed out\b|timeout has expired|idle timeout reached|dioexception \[(?:connection|send|receive) timeout\]|dioerrortype\.(?:connecttimeout|sendtimeout|receivetimeout)\b|nsurlerrordomain,? code=-1001\b|\bcurl error 28\b|anthropic api timeout exception|the operation has timed out|\bexecution expired\b|\betimedout\b|err_socket_connection_timeout|kind: timedout\b/, 'timeout', 'client_timeout'],
  // Node's and libc's error codes for a connection that failed: as sure as a class name.
  [/\bconnection error\.|\be(?:connreset|connrefused|connaborted|notfound|ai_again|hostunreach|netunreach|pipe)\b|getaddrinfo/, 'connection'],
  // Other clients' words for a connection that failed, from their source: Winsock's (as .NET and Go on Windows print
  // them), .NET's HttpClient, Apple's URL loading system (NSURLErrorDomain codes and their descriptions), the
  // resolver's, OkHttp's, Go's net/http and crypto/tls, reqwest and hyper, Dio, Mint, cURL's error numbers (5, 6, 7,
  // 35, 52, 55, 56, 60, 77), the Anthropic PHP SDK's APIConnectionException.
  [/forcibly closed by the remote host|actively refused it|no such host is known|the response ended prematurely|the ssl connection could not be established|the server shut down the connection|an error occurred while sending the request|nsurlerrordomain,? code=-(?:100[345689]|1020|120[0-6])\b|the network connection was lost|a server with the specified hostname could not be found|could not connect to the server|the internet connection appears to be offline|a secure connection to the server cannot be made|nodename nor servname provided|name or service not known|temporary failure in name resolution|no address associated with hostname|unexpected end of stream on|stream was reset: |server sent goaway|\bbroken pipe\b|\bx509: |\btls: (?:failed to verify|handshake failure|bad certificate|internal error|unrecognized name|first record does not look like a tls handshake)|server gave http response to https client|error sending request for url|error trying to connect|connection closed before message completed|failed host lookup|dioexception \[(?:connection error|bad certificate)\]|non-existing domain|reason: :(?:closed|econnrefused|econnreset|nxdomain|ehostunreach|enetunreach)\b|\bcurl error (?:5|6|7|35|52|55|56|60|77)\b|ssl_error_syscall|anthropic api connection error|client network socket disconnected|\bconnection refused\b|network is unreachable|no route to host|the remote name could not be resolved|\bsocket hang up\b|\bfetch failed\b|err_stream_premature_close|\beproto\b|unable_to_get_issuer_cert|err_tls_cert_altname_invalid|unexpected eof or 0 bytes from the transport stream|remote party has closed the transport stream/, 'connection'],
  // tghamm/Anthropic.SDK's sentence for a 500 it throws without the number (EndpointBase.cs HandleErrorResponseAsync).
  [/anthropic had an internal server error/, 'server_error'],
  // A model out of capacity in so many words (CAPACITY_WORDING above).
  [CAPACITY_WORDING, 'overloaded'],
  // A product's queue for a shared model ("Too many current requests. Your queue position is 140"): its capacity,
  // not the caller's own limit.
  [/\byour (?:queue )?position (?:in (?:the )?queue )?is \d/, 'overloaded'],
  // An app's own rate-limit verdict or code ("Sorry, you have been rate-limited", `Error Code: claude4_rate_limit_exceeded`,
  // `agent_mode_claude37_limit_exceeded`): standing after a capacity sentence, it is the code that says what happened.
  [/(?:you(?:'ve| have)|(?:request|requests|accounts?) (?:was|were|is|are|has been|have been)(?: temporarily)?) (?:been )?rate[- ]limited|\berror code: [a-z0-9_]{0,60}(?:rate_limit(?:ed|_exceeded)?|limit_exceeded)\b/, 'rate_limit'],
  // Anthropic's own 429 wording, quoted by an app that dropped the status and type.
  [/would exceed (?:the|your organi[sz]ation's) rate limit|has exceeded your (?:[a-z-]{1,20} )?rate limit/, 'rate_limit'],
  [/request was aborted|operation (?:was )?aborted|aborterror|user aborted|apiuseraborterror/, 'timeout', 'aborted'],
  // A cancellation the caller asked for: Go's context, .NET's CancellationToken, NSURLErrorCancelled (-999), Dio's.
  // Go's net/http says "request canceled" for both: "(Client.Timeout exceeded …)" after it is the timeout, read later in
  // the text. OkHttp's Call.cancel(): `IOException: Canceled`.
  [/\bcontext canceled\b|the operation was canceled|nsurlerrordomain,? code=-999\b|dioexception \[request cancelled\]|dioerrortype\.cancel\b|net\/http: request canceled|ioexception: canceled\b/, 'timeout', 'aborted'],
  [/request entity too large|payload too large|payloadtoolargeerror|content too large/, 'request_too_large'],
  // A client's own failure around the call, no API error in it: Python's AttributeError on the response ("'str' object
  // has no attribute 'usage'"), a structured-output check that found no tool call (browser-use wraps both with its own
  // 502, which is the library's number, not the API's).
  [/object has no attribute '|no tool use found in (?:the )?response/, 'unknown', null],
  // plenary.curl's failure before any response (Neovim plugins: "curl error exit_code=nil stderr={}").
  [/\bcurl error exit_code=/, 'connection'],
  // Axios' codes for a response that came back with an error status (its settle(): 4xx ERR_BAD_REQUEST, 5xx
  // ERR_BAD_RESPONSE), as Claude Code's start-up check prints them after "Failed to connect to api.anthropic.com: ":
  // the server answered, so the words around are not a connection failure. A 4xx with no number says no more.
  [/\berr_bad_response\b/, 'server_error'],
  [/\berr_bad_request\b/, 'unknown', null],
  [/self_signed_cert|self-signed certificate|unable_to_verify_leaf|unable to verify the first certificate|cert_has_expired|failed to connect to|unable to connect\b|failed to fetch|err_connection|net::err_/, 'connection'],
  // Claude's apps when the answer's stream broke off ("Claude's response was interrupted. Please check your network
  // connection …").
  [/did not get a response|no response (?:was )?received|empty reply from server|server disconnected without sending a response|response was interrupted/, 'connection'],
  [/socket connection was closed unexpectedly|other side closed|und_err_socket|typeerror: terminated|premature close|connection (?:was )?(?:closed|reset|aborted)/, 'connection'],
  // An OAuth sign-in that failed (the protocol's own error codes, RFC 6749 and PKCE): the login is what to fix (auth),
  // not the API call. After statuses and types, so a debug log's OAuth lines do not outvote an API error.
  [/invalid oauth (?:request|state|callback)|oauth (?:error|authorization failed|login failed)|invalid code_challenge|code_verifier|\b(?:invalid_client|unauthorized_client|invalid_scope|unsupported_grant_type|unsupported_response_type)\b|redirect_uri mismatch|invalid redirect_uri/, 'auth', null],
  // A client that has no credential to send: not signed in (Claude Code's "Not logged in · Please run /login"), or a
  // start-up check naming the variables of which one is required (rule 4).
  [/\bnot logged in\b|\b[a-z_]{0,30}(?:api_key|auth_token|oauth_token)\b[^.\n]{0,60}\b(?:is|are) required\b/, 'auth', 'missing_key'],
  // Go's net/http: `Post "https://…": dial tcp: lookup …: no such host`, `Post "…": EOF`.
  [/\bdial tcp\b|: no such host|\bpost "[^"\n]{1,200}": (?:eof|read: connection)/, 'connection'],
];

/**
 * A client's or proxy's verdict on the whole call, printed as the outermost message around inner messages that only say
 * how a socket saw it. It decides over the fragments after it (the first verdict standing in the text decides):
 * - .NET's "The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing. --->
 *   TimeoutException: The operation was canceled. ---> IOException: Unable to read data from the transport
 *   connection: Operation canceled." (dotnet/runtime HttpClient.cs);
 * - OkHttp's call timeout, `InterruptedIOException: timeout` caused by the `IOException: Canceled` of the call it
 *   cancelled (square/okhttp RealCall.kt timeoutExit);
 * - Envoy's "upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport
 *   failure reason: delayed connect error: Connection refused" (envoyproxy/envoy source/common/router/router.cc) and
 *   nginx's "connect() failed (111: Connection refused) while connecting to upstream" (nginx/nginx
 *   src/http/ngx_http_upstream.c): a proxy that could not reach what is behind it, a server error (the README's rule 2)
 *   whatever the socket said; nginx's "upstream timed out (110: Connection timed out) while reading response header
 *   from upstream": the gateway's timeout.
 */
export const VERDICTS: readonly [RegExp, Category, Kind?][] = [
  [/configured httpclient\.timeout|net_http_request_timedout|interruptedioexception: timeout\b/, 'timeout', 'client_timeout'],
  [/upstream connect error or disconnect\/reset before headers|while connecting to upstream/, 'server_error'],
  [/upstream timed out \(\d{1,3}: [a-z ]{1,40}\) while (?:reading|sending|connecting)/, 'timeout', 'gateway_timeout'],
];
/** Every verdict in its own named group (`v0`, `v1`, …): the first one in the text, and which, in one scan. */
export const ANY_VERDICT = new RegExp(VERDICTS.map(([re], i) => `(?<v${i}>${re.source})`).join('|'));

/** The union of each table, for a one-scan test before trying its rules one by one (in their order of precedence). */
const union = (rules: readonly (readonly [RegExp, ...unknown[]])[]): RegExp => new RegExp(rules.map(([re]) => `(?:${re.source})`).join('|'));
export const ANY_PRODUCT_WORDING = union(PRODUCT_WORDINGS);
export const ANY_FRAGMENT = union(FRAGMENTS);
/**
 * The same union with each rule in its own named group (`f0`, `f1`, …), scanned globally: the last fragment in the
 * text, and which rule it is, in one pass (rule 8: the last error reported decides).
 */
export const EVERY_FRAGMENT = new RegExp(FRAGMENTS.map(([re], i) => `(?<f${i}>${re.source})`).join('|'), 'g');
