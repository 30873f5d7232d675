import { describe, expect, it } from 'vitest';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { answerOf as classify } from './support/answer-of.js';
import { parseErrorText } from '../../src/explain/parse-error-text.js';
import { LOW_CONFIDENCE } from '../../src/explain/weigh-evidence.js';

/**
 * What other clients print for a failure on the way (connection, timeout, cancellation) and for an HTTP status, learnt
 * from each client's own source rather than from pastes. Every text is made up from the template in the file named
 * beside it (repository and path), filled in as the client would fill it. Each is answered offline, sure enough not to
 * need Claude (confidence at or above LOW_CONFIDENCE); before these rules each was wrong, or right only by a keyword
 * below that line.
 */

type Case = readonly [text: string, want: string, source: string];

const VOCABULARY_CASES: readonly Case[] = [
  // .NET
  ['System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.', 'connection', 'Winsock WSAECONNRESET text, as System.Net.Sockets prints it'],
  ['System.Net.Http.HttpRequestException: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (api.anthropic.com:443)', 'timeout/client_timeout', 'Winsock WSAETIMEDOUT (a connect timeout, rule 6)'],
  ['System.Net.Http.HttpRequestException: An error occurred while sending the request.\n ---> System.IO.IOException: The response ended prematurely.', 'connection', 'dotnet/runtime src/libraries/System.Net.Http/src/Resources/Strings.resx (net_http_invalid_response_premature_eof)'],
  ['System.Net.Http.HttpIOException: The response ended prematurely while waiting for the next frame from the server. (ResponseEnded)', 'connection', 'dotnet/runtime Strings.resx (net_http_invalid_response_missing_frame)'],
  ['System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch', 'connection', 'System.Security.Authentication: a TLS handshake, not LangChain4j\'s 401 AuthenticationException'],
  ['System.OperationCanceledException: The operation was canceled.', 'timeout/aborted', 'a CancellationToken the caller cancelled'],
  // A chain of inner exceptions, outer first: the HttpClient's verdict decides over how the socket saw it; the inner
  // message after "Unable to read data from the transport connection:" says what happened.
  ['System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.\n ---> System.TimeoutException: The operation was canceled.\n ---> System.Threading.Tasks.TaskCanceledException: The operation was canceled.\n ---> System.IO.IOException: Unable to read data from the transport connection: Operation canceled.\n ---> System.Net.Sockets.SocketException (125): Operation canceled\n   --- End of inner exception stack trace ---', 'timeout/client_timeout', 'dotnet/runtime System.Net.Http HttpClient.cs (a timeout rethrown around the cancelled read)'],
  ['System.Threading.Tasks.TaskCanceledException: The operation was canceled.\n ---> System.IO.IOException: Unable to read data from the transport connection: Operation canceled.', 'timeout/aborted', 'dotnet/runtime: the caller\'s token cancelled a read'],
  ['System.Net.Http.HttpRequestException: An error occurred while sending the request.\n ---> System.IO.IOException: Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host..', 'connection', 'dotnet/runtime Strings.resx (net_http_client_execution_error) around Winsock WSAECONNRESET'],
  ['System.Threading.Tasks.TaskCanceledException: A task was canceled.', 'timeout/client_timeout', 'HttpClient.Timeout before .NET 5 (TaskCanceledException without words)'],
  ['System.Threading.Tasks.TaskCanceledException: net_http_request_timedout, 100', 'timeout/client_timeout', 'dotnet/runtime Strings.resx net_http_request_timedout, its key as an AOT build prints it'],
  ['Failed to load: net_http_message_not_success_statuscode_reason, 529, ', 'overloaded', 'dotnet/runtime HttpResponseMessage.EnsureSuccessStatusCode, resource key as an AOT build prints it'],
  ['Anthropic.Exceptions.Anthropic5xxException: Status Code: GatewayTimeout\n{"error":{"message":"boom"}}', 'timeout/gateway_timeout', 'anthropics/anthropic-sdk-csharp src/Anthropic/Exceptions/AnthropicApiException.cs ("Status Code: {0}\\n{1}", HttpStatusCode by name)'],
  ['System.Net.Http.HttpRequestException: Request failed with status code ServiceUnavailable', 'server_error', 'restsharp/RestSharp and apps: `status code {response.StatusCode}` (HttpStatusCode by name)'],
  ['Anthropic.Exceptions.Anthropic4xxException: Status Code: TooManyRequests\n{"error":{"message":"boom"}}', 'rate_limit', 'AnthropicApiException.cs with HttpStatusCode.TooManyRequests'],
  ['Anthropic.Exceptions.AnthropicIOException: I/O Exception\n ---> System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.', 'connection', 'anthropics/anthropic-sdk-csharp src/Anthropic/AnthropicClient.cs ("I/O Exception") around net_http_ssl_connection_failed'],
  ['System.Security.Authentication.AuthenticationException: You must provide API authentication.', 'auth/missing_key', 'tghamm/Anthropic.SDK Anthropic.SDK/EndpointBase.cs (GetClient without a key)'],
  ['Anthropic.SDK.RateLimitsExceeded: Please wait and retry your request. <no content>', 'rate_limit', 'tghamm/Anthropic.SDK Anthropic.SDK/RateLimitsExceeded.cs'],
  ['System.Net.Http.HttpRequestException: Connection refused (localhost:8080)', 'connection', 'System.Net.Sockets on Linux: strerror(ECONNREFUSED)'],
  ["System.Net.WebException: The remote name could not be resolved: 'api.anthropic.com'", 'connection', '.NET Framework System.Net WebException (NameResolutionFailure)'],
  ['System.Net.WebException: The operation has timed out', 'timeout/client_timeout', '.NET Framework System.Net WebException (Timeout)'],
  ['System.IO.IOException: Received an unexpected EOF or 0 bytes from the transport stream.', 'connection', 'dotnet/runtime System.Net.Security SslStream (net_io_eof)'],
  ['System.Net.Http.HttpRequestException: Anthropic had an internal server error, which can happen occasionally. Please retry your request. <no content>', 'server_error', 'tghamm/Anthropic.SDK EndpointBase.cs (HandleErrorResponseAsync, 500)'],
  // Java and Kotlin
  ['java.io.IOException: Canceled', 'timeout/aborted', 'square/okhttp RealCall (Call.cancel())'],
  ['io.ktor.client.plugins.ServerResponseException: Server error(POST https://api.anthropic.com/v1/messages: 529 Unknown Status Code. Text: "{}")', 'overloaded', 'ktorio/ktor ktor-client-core DefaultResponseValidation.kt (ServerResponseException)'],
  ['io.ktor.client.plugins.ClientRequestException: Client request(POST https://api.anthropic.com/v1/messages) invalid: 409 Conflict. Text: "{}"', 'invalid_request', 'ktorio/ktor DefaultResponseValidation.kt (ClientRequestException)'],
  ['java.net.UnknownHostException: api.anthropic.com', 'connection', 'java.net.UnknownHostException (message is the host)'],
  ['java.net.ConnectException: Connection timed out: connect', 'timeout/client_timeout', 'java.net.ConnectException: its words say a connect timeout (rule 6)'],
  ['java.io.IOException: unexpected end of stream on https://api.anthropic.com/...', 'connection', 'square/okhttp okhttp/src/commonJvmAndroid/kotlin/okhttp3/internal/http1/Http1ExchangeCodec.kt'],
  ['java.io.InterruptedIOException: timeout\n\tat okhttp3.internal.connection.RealCall.timeoutExit(RealCall.kt:398)\nCaused by: java.io.IOException: Canceled', 'timeout/client_timeout', 'square/okhttp RealCall.kt (timeoutExit: the call timeout, caused by the cancel it made)'],
  ['okhttp3.internal.http2.StreamResetException: stream was reset: INTERNAL_ERROR', 'connection', 'square/okhttp okhttp3/internal/http2/StreamResetException.kt'],
  ['com.anthropic.errors.AnthropicIoException: Request failed\nCaused by: java.net.SocketTimeoutException: timeout', 'timeout/client_timeout', 'anthropics/anthropic-sdk-java anthropic-java-client-okhttp/.../OkHttpClient.kt ("Request failed") around OkHttp\'s timeout'],
  ['org.springframework.web.reactive.function.client.WebClientRequestException: Read timed out', 'timeout/client_timeout', 'Spring WebClient\'s transport failure, refined by its words'],
  // Swift (NSURLErrorDomain codes: swiftlang/swift-corelibs-foundation Sources/Foundation/NSURLError.swift)
  ['Error Domain=NSURLErrorDomain Code=-1005 "The network connection was lost."', 'connection', 'NSURLErrorNetworkConnectionLost'],
  ['Error Domain=NSURLErrorDomain Code=-1003 "A server with the specified hostname could not be found."', 'connection', 'NSURLErrorCannotFindHost (not a not_found)'],
  ['Error Domain=NSURLErrorDomain Code=-1004 "Could not connect to the server."', 'connection', 'NSURLErrorCannotConnectToHost'],
  ['Error Domain=NSURLErrorDomain Code=-1009 "The Internet connection appears to be offline."', 'connection', 'NSURLErrorNotConnectedToInternet'],
  ['URLError(_nsError: Error Domain=NSURLErrorDomain Code=-1001 "(null)")', 'timeout/client_timeout', 'NSURLErrorTimedOut'],
  ['Error Domain=NSURLErrorDomain Code=-999 "cancelled"', 'timeout/aborted', 'NSURLErrorCancelled'],
  // Ruby
  ['RubyLLM::ServerError: boom', 'server_error', 'crmne/ruby_llm lib/ruby_llm/error.rb (500)'],
  ['RubyLLM::ContextLengthExceededError: this conversation is longer than the model accepts', 'invalid_request/prompt_too_long', 'crmne/ruby_llm lib/ruby_llm/error.rb'],
  ['Anthropic::Errors::RateLimitError: {:url=>"https://api.anthropic.com/v1/messages", :status=>529, :body=>{:type=>"error"}}', 'overloaded', 'anthropics/anthropic-sdk-ruby lib/anthropic/errors.rb (message ||= {url:, status:, body:}, as Ruby before 3.4 inspects it)'],
  // PHP
  ['cURL error 35: OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to api.anthropic.com:443', 'connection', 'curl/curl docs/libcurl/libcurl-errors.md (CURLE_SSL_CONNECT_ERROR, 35)'],
  ['GuzzleHttp\\Exception\\ServerException: Server error: `POST https://api.anthropic.com/v1/messages` resulted in a `529 ` response', 'overloaded', 'guzzle/guzzle src/Exception/RequestException.php (\'%s: `%s %s` resulted in a `%s %s` response\')'],
  ['Anthropic\\Core\\Exceptions\\APIConnectionException: Anthropic API Connection Error', 'connection', 'anthropics/anthropic-sdk-php src/Core/Exceptions/APIConnectionException.php (DESC)'],
  ['Anthropic\\Core\\Exceptions\\APITimeoutException: Anthropic API Timeout Exception', 'timeout/client_timeout', 'anthropics/anthropic-sdk-php src/Core/Exceptions/APITimeoutException.php'],
  ['Symfony\\Component\\HttpClient\\Exception\\TransportException: Idle timeout reached for "https://api.anthropic.com/v1/messages".', 'timeout/client_timeout', 'symfony/http-client Response/TransportResponseTrait.php (\'Idle timeout reached for "%s".\')'],
  // Go
  ['Post "https://api.anthropic.com/v1/messages": dial tcp 160.79.104.10:443: i/o timeout', 'timeout/client_timeout', 'golang/go src/internal/poll/fd.go (DeadlineExceededError: "i/o timeout"; a connect timeout, rule 6)'],
  ['Post "https://api.anthropic.com/v1/messages": context canceled', 'timeout/aborted', 'golang/go src/context/context.go (Canceled)'],
  ['Post "https://api.anthropic.com/v1/messages": http2: server sent GOAWAY and closed the connection; LastStreamID=1, ErrCode=NO_ERROR, debug=""', 'connection', 'golang/go net/http h2_bundle.go (GoAwayError)'],
  ['Post "https://api.anthropic.com/v1/messages": read tcp 10.0.0.2:5->160.79.104.10:443: wsarecv: An existing connection was forcibly closed by the remote host.', 'connection', 'Go on Windows: Winsock WSAECONNRESET'],
  ['Post "https://api.anthropic.com/v1/messages": net/http: request canceled', 'timeout/aborted', 'golang/go src/net/http/transport.go (errRequestCanceled)'],
  ['Post "https://relay.example.test:8443/v1/messages": tls: first record does not look like a TLS handshake', 'connection', 'golang/go src/crypto/tls/conn.go'],
  ['Post "https://relay.example.test:8080/v1/messages": http: server gave HTTP response to HTTPS client', 'connection', 'golang/go src/net/http/transport.go'],
  // Rust
  ['hyper::Error(Io, Custom { kind: TimedOut, error: Elapsed(()) })', 'timeout/client_timeout', 'Rust std::io::ErrorKind::TimedOut as hyper prints its source'],
  ['error sending request for url (https://api.anthropic.com/v1/messages)', 'connection', 'seanmonstar/reqwest src/error.rs (Kind::Request)'],
  ['HTTP status server error (529 <unknown status code>) for url (https://api.anthropic.com/v1/messages)', 'overloaded', 'seanmonstar/reqwest src/error.rs (Kind::Status)'],
  // Dart
  ['DioException [bad response]: This exception was thrown because the response has a status code of 529 and RequestOptions.validateStatus was configured to throw for this status code.', 'overloaded', 'cfug/dio dio/lib/src/dio_exception.dart (badResponse)'],
  ['DioError [DioErrorType.connectTimeout]: Connecting timed out [30000ms]', 'timeout/client_timeout', 'cfug/dio 4.x dio/lib/src/dio_error.dart and adapters/io_adapter.dart'],
  ['DioError [DioErrorType.cancel]: cancelled by user', 'timeout/aborted', 'cfug/dio 4.x dio/lib/src/dio_error.dart'],
  ["ClientException with SocketException: Failed host lookup: 'api.anthropic.com' (OS Error: No address associated with hostname, errno = 7), uri=https://api.anthropic.com/v1/messages", 'connection', 'dart:io SocketException'],
  // Elixir
  ['** (Mint.TransportError) socket closed', 'connection', 'elixir-mint/mint lib/mint/transport_error.ex (format_reason(:closed))'],
  ['%HTTPoison.Error{reason: :nxdomain, id: nil}', 'connection', 'elixir-mint/mint lib/mint/transport_error.ex (:inet.posix reasons)'],
  // A gateway's timeout in its own words, without its status.
  ['{"message": "Endpoint request timed out"}', 'timeout/gateway_timeout', 'AWS API Gateway 504 integration timeout body'],
  // A proxy that could not reach what is behind it is a server error whatever the socket said (rule 2), its status or not.
  ['upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: Connection refused', 'server_error', 'envoyproxy/envoy source/common/router/router.cc'],
  ['2025/01/01 10:00:00 [error] 29#29: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, request: "POST /v1/messages HTTP/1.1"', 'server_error', 'nginx/nginx src/http/ngx_http_upstream.c'],
  ['2025/01/01 10:00:00 [error] 29#29: *1 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.1', 'timeout/gateway_timeout', 'nginx/nginx src/http/ngx_http_upstream.c'],
  // Python and Node extras
  ["urllib3.exceptions.NameResolutionError: <urllib3.connection.HTTPSConnection object at 0x7f>: Failed to resolve 'api.anthropic.com' ([Errno -2] Name or service not known)", 'connection', 'urllib3/urllib3 src/urllib3/exceptions.py (NameResolutionError)'],
  ['Error: connect ETIMEDOUT 160.79.104.10:443', 'timeout/client_timeout', 'Node.js lib/net.js (a connect timeout, rule 6)'],
  ['asyncio.exceptions.CancelledError', 'timeout/aborted', 'CPython Lib/asyncio/exceptions.py'],
  // Node's own codes and texts (nodejs/node lib/_http_client.js "socket hang up", lib/internal/errors.js codes;
  // undici's "fetch failed"; OpenSSL's certificate verdicts as Node names them).
  ['Error: socket hang up', 'connection', 'nodejs/node lib/_http_client.js (connResetException)'],
  ['TypeError: fetch failed', 'connection', 'nodejs/undici lib/web/fetch/index.js'],
  ['Error: write EPROTO 00B8F2F701000000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number', 'connection', 'libuv/OpenSSL via Node (EPROTO)'],
  ["Error: unable to get local issuer certificate\n  code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'", 'connection', 'nodejs/node src/crypto (X509 verify error codes)'],
  ["Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames", 'connection', 'nodejs/node lib/internal/errors.js'],
  ['DOMException [TimeoutError]: The operation was aborted due to timeout', 'timeout/client_timeout', 'WHATWG AbortSignal.timeout(): a timeout, not the user\'s abort'],
];

/**
 * The clients' exception classes for a failure on the way, with a message that says no more than the class (each was
 * unknown, or right only by a keyword below LOW_CONFIDENCE, before the class was known).
 */
const CLASS_CASES: readonly Case[] = [
  ['System.Net.Http.HttpIOException: The response ended prematurely. (ResponseEnded)', 'connection', 'dotnet/runtime System.Net.Http HttpIOException'],
  ['javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake', 'connection', 'javax.net.ssl'],
  ['javax.net.ssl.SSLPeerUnverifiedException: Hostname api.anthropic.com not verified', 'connection', 'javax.net.ssl (OkHttp\'s hostname check)'],
  ['javax.net.ssl.SSLException: Unsupported or unrecognized SSL message', 'connection', 'javax.net.ssl'],
  ['java.net.http.HttpConnectTimeoutException: HTTP connect timed out', 'timeout/client_timeout', 'java.net.http (JDK HttpClient)'],
  ['io.ktor.client.plugins.HttpRequestTimeoutException: Request timeout has expired [url=https://api.anthropic.com/v1/messages, request_timeout=60000 ms]', 'timeout/client_timeout', 'ktorio/ktor ktor-client-core plugins/HttpTimeout.kt'],
  ['io.ktor.client.network.sockets.ConnectTimeoutException: Connect timeout has expired [url=https://api.anthropic.com/v1/messages, connect_timeout=unknown ms]', 'timeout/client_timeout', 'ktorio/ktor plugins/HttpTimeout.kt'],
  ['java.io.InterruptedIOException: timeout', 'timeout/client_timeout', 'square/okhttp RealCall (callTimeout)'],
  ['io.netty.handler.timeout.ReadTimeoutException', 'timeout/client_timeout', 'netty/netty handler/timeout/ReadTimeoutException.java (Reactor Netty under Spring WebClient)'],
  ['org.springframework.web.client.ResourceAccessException: I/O error on POST request for "https://api.anthropic.com/v1/messages": api.anthropic.com', 'connection', 'spring-projects/spring-framework RestTemplate (ResourceAccessException)'],
  ['TimeoutException after 0:01:00.000000: Future not completed', 'timeout/client_timeout', 'dart:async Future.timeout'],
  ['Net::OpenTimeout: execution expired', 'timeout/client_timeout', 'ruby/net-http (Net::OpenTimeout)'],
  ['Faraday::ConnectionFailed: Failed to open TCP connection to api.anthropic.com:443 (Connection refused - connect(2) for "api.anthropic.com" port 443)', 'connection', 'lostisland/faraday lib/faraday/error.rb around ruby/net-http\'s connect'],
  ['Faraday::ConnectionFailed: Failed to open TCP connection to api.anthropic.com:443 (execution expired)', 'timeout/client_timeout', 'ruby/timeout lib/timeout.rb ("execution expired", Net::OpenTimeout: a connect timeout, rule 6)'],
  ['RubyLLM::UnauthorizedError: bad credentials', 'auth', 'crmne/ruby_llm lib/ruby_llm/error.rb (401)'],
  ['RubyLLM::ForbiddenError: nope', 'permission', 'crmne/ruby_llm lib/ruby_llm/error.rb (403)'],
  ['RubyLLM::CancelledError: Chat generation cancelled', 'timeout/aborted', 'crmne/ruby_llm lib/ruby_llm/error.rb (CancelledError)'],
  ['Symfony\\Component\\HttpClient\\Exception\\TransportException: Could not resolve host: api.anthropic.com', 'connection', 'symfony/http-client Exception/TransportException.php'],
  ['Anthropic\\Exceptions\\TransporterException: cURL error 6: Could not resolve host: api.anthropic.com', 'connection', 'mozex/anthropic-php src/Exceptions/TransporterException.php'],
  ['Prism\\Prism\\Exceptions\\PrismRateLimitedException: You hit a provider rate limit. Details: []', 'rate_limit', 'prism-php/prism src/Exceptions/PrismRateLimitedException.php'],
  ['aiohttp.client_exceptions.ClientOSError: [Errno 32] Broken pipe', 'connection', 'aio-libs/aiohttp aiohttp/client_exceptions.py'],
  ['aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host api.anthropic.com:443 ssl:default [Connection timed out]', 'timeout/client_timeout', 'aio-libs/aiohttp aiohttp/client_exceptions.py (ClientConnectorError around OSError ETIMEDOUT: a connect timeout, rule 6)'],
  ['httpx.ConnectError: [Errno 110] Connection timed out', 'timeout/client_timeout', 'encode/httpx httpx/_transports/default.py (ConnectError around OSError ETIMEDOUT)'],
  ['aiohttp.client_exceptions.ClientPayloadError: Response payload is not completed', 'connection', 'aio-libs/aiohttp aiohttp/client_exceptions.py'],
  ["requests.exceptions.ChunkedEncodingError: (\"Connection broken: InvalidChunkLength(got length b'', 0 bytes read)\", InvalidChunkLength(got length b'', 0 bytes read))", 'connection', 'psf/requests src/requests/exceptions.py'],
  ["urllib3.exceptions.MaxRetryError: HTTPSConnectionPool(host='api.anthropic.com', port=443): Max retries exceeded with url: /v1/messages", 'connection', 'urllib3/urllib3 src/urllib3/exceptions.py'],
  ['urllib3.exceptions.ProtocolError: Response ended prematurely', 'connection', 'urllib3/urllib3 src/urllib3/exceptions.py'],
  ['http.client.RemoteDisconnected: Remote end closed connection without response', 'connection', 'CPython Lib/http/client.py'],
  ['http.client.IncompleteRead: IncompleteRead(0 bytes read)', 'connection', 'CPython Lib/http/client.py'],
  ['httpx.ReadError', 'connection', 'encode/httpx httpx/_exceptions.py'],
  ['httpx.NetworkError: boom', 'connection', 'encode/httpx httpx/_exceptions.py'],
  ['aiohttp.client_exceptions.ClientConnectorDNSError: Cannot connect to host api.anthropic.com:443 ssl:default [Domain name not found]', 'connection', 'aio-libs/aiohttp aiohttp/client_exceptions.py (3.10)'],
  ["requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.anthropic.com', port=443): Max retries exceeded", 'connection', 'psf/requests src/requests/exceptions.py'],
  ["ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 8080)", 'connection', 'CPython (asyncio sock_connect)'],
  ['BrokenPipeError: [Errno 32] Broken pipe', 'connection', 'CPython builtins'],
  ['Os { code: 103, kind: ConnectionAborted, message: "Software caused connection abort" }', 'connection', 'Rust std::io::ErrorKind'],
  ['dev.langchain4j.exception.UnresolvedModelServerException: java.nio.channels.UnresolvedAddressException', 'connection', 'langchain4j/langchain4j langchain4j-core dev/langchain4j/exception/UnresolvedModelServerException.java'],
  ['okhttp3.internal.http2.StreamResetException: stream was reset: CANCEL', 'connection', 'square/okhttp okhttp3/internal/http2/StreamResetException.kt'],
];

describe('client vocabulary learnt from the clients\' own source', () => {
  it.each(CLASS_CASES)('%s → %s (%s)', (text, want) => {
    expect(classify(text)).toBe(want);
    expect(explainOffline(text).confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });

  it.each(VOCABULARY_CASES)('%s → %s (%s)', (text, want) => {
    expect(classify(text)).toBe(want);
    expect(explainOffline(text).confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });
});

describe('a status or an Anthropic error type still beats a transport class around it', () => {
  it.each([
    ['java.net.SocketTimeoutException: timeout\n{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 'overloaded'],
    ['System.Net.Sockets.SocketException: Connection reset by peer\nSystem.Net.Http.HttpRequestException: Response status code does not indicate success: 401 (Unauthorized).', 'auth'],
    ['Faraday::ConnectionFailed: upstream said 529\nAPI Error: 529 {"type":"error","error":{"type":"api_error","message":"upstream busy"}}', 'overloaded'],
    // tghamm/Anthropic.SDK throws its 401 as .NET's AuthenticationException, now read as a TLS failure: its words
    // (EndpointBase.cs HandleErrorResponseAsync) keep it an auth error.
    ['System.Security.Authentication.AuthenticationException: Anthropic rejected your authorization, most likely due to an invalid API Key. Full API response follows: {"type":"error"}', 'auth/api_key'],
    ['GuzzleHttp\\Exception\\ConnectException: Server error: `POST https://api.anthropic.com/v1/messages` resulted in a `503 Service Unavailable` response', 'server_error'],
  ])('%s → %s', (text, want) => {
    expect(classify(text)).toBe(want);
  });

  it('is sure of a transport class\'s own words (above the line where Claude is asked)', () => {
    expect(explainOffline('java.net.ConnectException: Connection timed out: connect').confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    expect(parseErrorText('System.Security.Authentication.AuthenticationException: x').clientClass).toBe('Security.Authentication.AuthenticationException');
    // LangChain4j's AuthenticationException keeps its 401.
    expect(classify('dev.langchain4j.exception.AuthenticationException: {"detail":"bad key"}')).toBe('auth/api_key');
  });
});
