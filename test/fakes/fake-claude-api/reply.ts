import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { KeyInfo } from './types.js';

/** A request id shaped like the API's (`req_011C…`, base62-ish). */
export function makeRequestId(): string {
  return `req_011C${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 20)}`;
}

/** Extra headers and the `error.details.error_code` of an error answer. */
export interface ErrorOptions {
  headers?: Record<string, string>;
  errorCode?: string;
}

/**
 * Writes answers the way the API does: every one carries `request-id`, and once the key is known
 * `anthropic-organization-id` (and `anthropic-workspace-id`); errors use the real body shape
 * `{"type":"error","error":{"type","message","details"?},"request_id"}`.
 */
export class Reply {
  readonly requestId = makeRequestId();
  private identity: Record<string, string> = {};

  constructor(
    readonly res: ServerResponse,
    private readonly onStatus: (status: number) => void,
  ) {}

  /** Adds the organization (and workspace) headers of an accepted key to every later answer. */
  identify(info: KeyInfo): void {
    this.identity = { 'anthropic-organization-id': info.organizationId };
    if (info.workspaceId) this.identity['anthropic-workspace-id'] = info.workspaceId;
  }

  get done(): boolean {
    return this.res.headersSent || this.res.destroyed;
  }

  json(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.send(status, 'application/json', JSON.stringify(body), headers);
  }

  error(status: number, type: string, message: string, options: ErrorOptions = {}): void {
    const error: Record<string, unknown> = { type, message };
    if (options.errorCode) error.details = { error_code: options.errorCode };
    this.json(status, { type: 'error', error, request_id: this.requestId }, options.headers);
  }

  /** Raw text; `proxy: true` for answers from an edge in front of the API (no request id, no org). */
  send(status: number, contentType: string, body: string, headers: Record<string, string> = {}, proxy = false): void {
    if (this.done) return;
    this.onStatus(status);
    const own = proxy ? {} : { 'request-id': this.requestId, ...this.identity };
    this.res.writeHead(status, { 'content-type': contentType, ...own, ...headers });
    this.res.end(body);
  }

  /** Starts a server-sent-events answer (HTTP 200). */
  startStream(headers: Record<string, string>): void {
    this.onStatus(200);
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'request-id': this.requestId,
      ...this.identity,
      ...headers,
    });
  }

  event(name: string, data: unknown): void {
    this.res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}

/** The Cloudflare page a proxy in front of the API sends for 502/504/524 (HTML, not JSON). */
export function proxyHtmlPage(status: 502 | 504 | 524): string {
  const title = { 502: 'Bad gateway', 504: 'Gateway time-out', 524: 'A timeout occurred' }[status];
  return `<!DOCTYPE html>
<html lang="en-US">
<head><title>api.anthropic.com | ${status}: ${title}</title></head>
<body><div id="cf-wrapper"><h1>${title} <span>Error code ${status}</span></h1>
<p>Visit <a href="https://www.cloudflare.com/">cloudflare.com</a> for more information.</p>
<p>Cloudflare Ray ID: <strong>8f2a1b3c4d5e6f70</strong></p></div></body>
</html>
`;
}
