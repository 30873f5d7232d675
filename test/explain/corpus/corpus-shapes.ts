/**
 * The shapes people paste a Claude API error in, built from one error body, so the corpus can show each body the
 * way a given SDK or tool prints it.
 */

export interface Body {
  type: string;
  message: string;
  errorCode?: string;
  requestId?: string;
}

const wrap = (b: Body) => ({
  type: 'error',
  error: { type: b.type, message: b.message, ...(b.errorCode ? { details: { error_code: b.errorCode } } : {}) },
  ...(b.requestId ? { request_id: b.requestId } : {}),
});

/** Python's repr of a dict, as the Python SDK prints the body. */
function pyRepr(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'string') return value.includes("'") ? JSON.stringify(value) : `'${value}'`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `'${k}': ${pyRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** TypeScript SDK 1.x: `${Class}: ${status} ${JSON}` followed by a stack. */
export function tsLine(cls: string, status: number, b: Body): string {
  return `${cls}: ${status} ${JSON.stringify(wrap(b))}
    at APIError.generate (file:///srv/app/node_modules/@anthropic-ai/sdk/core/error.mjs:62:20)
    at Anthropic.makeStatusError (file:///srv/app/node_modules/@anthropic-ai/sdk/client.mjs:278:25)
    at Anthropic.makeRequest (file:///srv/app/node_modules/@anthropic-ai/sdk/client.mjs:451:24)
    at async summarise (file:///srv/app/dist/jobs/summarise.js:41:18)`;
}

/** Python SDK: a traceback ending `anthropic.X: Error code: N - {repr}`. */
export function pyTraceback(cls: string, status: number, b: Body): string {
  return `Traceback (most recent call last):
  File "/home/deploy/worker/run.py", line 88, in handle
    resp = client.messages.create(**params)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/home/deploy/.venv/lib/python3.12/site-packages/anthropic/_utils/_utils.py", line 283, in wrapper
    return func(*args, **kwargs)
  File "/home/deploy/.venv/lib/python3.12/site-packages/anthropic/_base_client.py", line 1064, in request
    raise self._make_status_error_from_response(err.response) from None
anthropic.${cls}: Error code: ${status} - ${pyRepr(wrap(b))}`;
}

/** A raw HTTP response as curl -i or a log shows it. */
export function rawHttp(status: number, reason: string, b: Body, extraHeaders = ''): string {
  return `HTTP/2 ${status} ${reason}
content-type: application/json
${b.requestId ? `request-id: ${b.requestId}\n` : ''}${extraHeaders}x-should-retry: ${status >= 500 || status === 429}

${JSON.stringify(wrap(b), null, 2)}`;
}

/** Node's console.error of an SDK error object (util.inspect style, unquoted keys). */
export function nodeInspect(cls: string, status: number, b: Body): string {
  return `${cls}: ${status} ${JSON.stringify(wrap(b))}
    at APIError.generate (/app/node_modules/@anthropic-ai/sdk/src/core/error.ts:63:14) {
  status: ${status},
  headers: Headers { 'content-type': 'application/json', 'request-id': '${b.requestId ?? 'req_011CVnone000'}' },
  requestID: '${b.requestId ?? 'req_011CVnone000'}',
  error: { type: 'error', error: { type: '${b.type}', message: ${JSON.stringify(b.message)} } },
  type: '${b.type}',
  errorCode: ${b.errorCode ? `'${b.errorCode}'` : 'null'}
}`;
}

/** A structured log line from an app that logged the failure as JSON. */
export function logLine(status: number, b: Body): string {
  return JSON.stringify({ level: 50, time: 1795000000000, msg: 'claude call failed', status, body: wrap(b) });
}
