import type { IncomingMessage } from 'node:http';
import { proxyHtmlPage, type Reply } from './reply.js';
import type { Fault, FaultRule, FaultStatus } from './types.js';

type Endpoint = 'messages' | 'count_tokens' | 'models';

/** The `error.type` and a real-looking message for each status a fault can answer with. */
const STATUS_DEFAULTS: Record<FaultStatus, [string, string]> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  402: ['billing_error', 'There is an issue with your billing or payment information. Please check Plans & Billing.'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'The requested resource could not be found.'],
  408: ['timeout_error', 'Request timed out.'],
  409: ['conflict_error', 'The request conflicts with the current state of the resource.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of requests has exceeded your rate limit (https://docs.claude.com/en/api/rate-limits). '
    + 'Please try again later or contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.'],
  500: ['api_error', 'Internal server error'],
  502: ['api_error', 'Bad gateway'],
  503: ['api_error', 'Service unavailable'],
  504: ['timeout_error', 'Request timed out'],
  529: ['overloaded_error', 'Overloaded'],
};

/** The fault rules in force and how many answers each has left. */
export class FaultBook {
  private rules: Array<{ rule: FaultRule; left: number }> = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, left: rule.times ?? Number.POSITIVE_INFINITY }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching this request with answers left, used up by one; stream-error only matches streams. */
  take(endpoint: Endpoint | undefined, streaming: boolean): Fault | undefined {
    const entry = this.rules.find(({ rule, left }) => left > 0
      && (rule.endpoint === undefined || rule.endpoint === 'any' || rule.endpoint === endpoint)
      && (rule.fault.kind !== 'stream-error' || streaming));
    if (!entry) return undefined;
    entry.left -= 1;
    return entry.rule.fault;
  }
}

/**
 * Answers with `fault` and returns true, or (slow, stream-error) lets the request go on normally and returns false.
 * `sleep` is the server's cancellable delay, so close() never waits for a slow fault.
 */
export async function applyFault(fault: Fault, req: IncomingMessage, reply: Reply,
  sleep: (ms: number) => Promise<void>): Promise<boolean> {
  switch (fault.kind) {
    case 'slow':
      await sleep(fault.delayMs);
      return false;
    case 'stream-error':
      return false;
    case 'hang':
      return true; // never answered: the client times out, aborts, or the server closes the socket
    case 'reset':
      req.socket.destroy();
      return true;
    case 'malformed-json':
      reply.send(200, 'application/json', '{"id":"msg_011CtruncatedBody","type":"message","content":[{"type":"te');
      return true;
    case 'html':
      reply.send(fault.status, 'text/html; charset=UTF-8', proxyHtmlPage(fault.status),
        { server: 'cloudflare', 'cf-ray': '8f2a1b3c4d5e6f70-AMS' }, true);
      return true;
    case 'status': {
      const [type, message] = STATUS_DEFAULTS[fault.status];
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      if (fault.shouldRetry !== undefined) headers['x-should-retry'] = String(fault.shouldRetry);
      if (fault.status === 413) {
        // The edge proxy answers 413 before the API: no `type:"error"` wrapper, no request id.
        const body = { error: { type: fault.errorType ?? type, message: fault.message ?? message } };
        reply.send(413, 'application/json', JSON.stringify(body), headers, true);
        return true;
      }
      reply.error(fault.status, fault.errorType ?? type, fault.message ?? message, { headers, errorCode: fault.errorCode });
      return true;
    }
  }
}
