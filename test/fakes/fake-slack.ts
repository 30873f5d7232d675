import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerMethod, type FakeMessage, type FakeSlackState } from './fake-slack-methods.js';

export type { FakeMessage } from './fake-slack-methods.js';

/** One Web API call as the fake received it, and what it answered. */
export interface RecordedCall {
  method: string;
  /** Form or JSON body; JSON-encoded form fields (blocks, attachments, view, metadata) are parsed back. */
  body: Record<string, unknown>;
  /** Date.now() when it arrived. */
  at: number;
  /** HTTP status the fake answered with (429/5xx for injected faults). */
  status: number;
  /** The `error` of an `ok: false` answer. */
  error?: string;
}

/** One POST to a `response_url` (what `respond()` sends). */
export interface RecordedResponse {
  url: string;
  body: Record<string, unknown>;
  at: number;
  status: number;
}

/**
 * An injected fault: HTTP 429 with Retry-After, a 5xx or another HTTP error status, an `ok: false` platform error such
 * as `ratelimited`, or a slow answer: the call is carried out at once (a post is in the channel) but answered only
 * after `delayMs`, as when Slack takes a post and the client times out before hearing so.
 */
export type SlackFault =
  | { status: 429; retryAfterSeconds: number }
  | { status: 400 | 403 | 404 | 410 | 413 | 500 | 502 | 503 | 504 }
  | { error: string }
  | { delayMs: number };

export interface FakeSlackOptions {
  botToken?: string;
  botUserId?: string;
  teamId?: string;
  /** When set, apps.connections.open accepts only this app token; otherwise any `xapp-` token. */
  appToken?: string;
}

export interface FakeSlack {
  /** Web API base, ending in `/api`: use it as SLACK_API_URL. */
  url: string;
  botToken: string;
  botUserId: string;
  teamId: string;
  calls: RecordedCall[];
  responses: RecordedResponse[];
  /** A fresh `response_url` on this fake; POSTs to it are recorded in `responses`. */
  responseUrl(): string;
  callsTo(method: string): RecordedCall[];
  /** Messages (and ephemerals, flagged `ephemeralTo`) in a channel as they stand now, oldest first. */
  messages(channel: string): FakeMessage[];
  /** The latest App Home view published for a user. */
  homeView(userId: string): Record<string, unknown> | undefined;
  /** Resolves with the first call (already made or future) that matches; rejects after timeoutMs. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  waitForResponse(predicate: (response: RecordedResponse) => boolean, timeoutMs?: number): Promise<RecordedResponse>;
  /** The next n calls to `method` (or to any response_url with method 'response_url') get this fault. */
  failNext(method: string, n: number, fault: SlackFault): void;
  /** While down, every request (Web API and response_url) is answered 503. */
  setDown(down: boolean): void;
  /** Used by the fake Socket Mode server: the URL apps.connections.open hands out. */
  setSocketModeUrl(url: (() => string) | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The WebClient JSON-encodes object arguments inside the form; decode them so tests see what was meant.
    body[key] = JSON_FIELDS.has(key) ? safeJson(value) : value;
  }
  return body;
}

const safeJson = (value: string): unknown => {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts a loopback fake of Slack's Web API and response_urls (a real HTTP server on 127.0.0.1, port 0). */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? 'xoxb-1111-2222-fakebottoken';
  const who = { teamId: options.teamId ?? 'T0FAKE001', botUserId: options.botUserId ?? 'U0FAKEBOT', botId: 'B0FAKEBOT' };
  const state: FakeSlackState = { messages: [], homeViews: new Map() };
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const faults = new Map<string, SlackFault[]>();
  const callWaiters = new Set<(call: RecordedCall) => void>();
  const responseWaiters = new Set<(response: RecordedResponse) => void>();
  const responseUses = new Map<string, number>();
  let down = false;
  let responseCounter = 0;

  const takeFault = (method: string): SlackFault | undefined => faults.get(method)?.shift();

  const tokenOk = (method: string, token: string): boolean =>
    // A valid bot token reaches apps.connections.open, which then refuses its type (not_allowed_token_type).
    method === 'apps.connections.open' && token.startsWith('xapp-')
      ? options.appToken === undefined || token === options.appToken
      : token === botToken;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, contentType);
    } catch {
      return send(res, 200, { ok: false, error: 'invalid_json' });
    }
    if (path.startsWith('/response/')) return handleResponse(path, body, res);
    const method = path.startsWith('/api/') ? path.slice('/api/'.length) : '';
    const record = (status: number, error?: string): void => {
      const call: RecordedCall = { method, body, at: Date.now(), status, ...(error ? { error } : {}) };
      calls.push(call);
      for (const waiter of callWaiters) waiter(call);
    };
    if (down) return (record(503), send(res, 503, { ok: false, error: 'service_unavailable' }));
    const fault = takeFault(method);
    if (fault && 'status' in fault && fault.status === 429) {
      record(429, 'ratelimited');
      return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfterSeconds) });
    }
    if (fault && 'status' in fault) return (record(fault.status), send(res, fault.status, { ok: false, error: 'fatal_error' }));
    if (fault && 'error' in fault) return (record(200, fault.error), send(res, 200, { ok: false, error: fault.error }));
    const delayMs = fault && 'delayMs' in fault ? fault.delayMs : 0;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof body.token === 'string' ? body.token : '');
    if (!token) return (record(200, 'not_authed'), send(res, 200, { ok: false, error: 'not_authed' }));
    if (!tokenOk(method, token)) return (record(200, 'invalid_auth'), send(res, 200, { ok: false, error: 'invalid_auth' }));
    const answer = answerMethod(method, body, state, who, token);
    record(200, answer.ok ? undefined : String(answer.error));
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    // The caller may have given up meanwhile: the call still happened (recorded, and in `messages`).
    if (!res.destroyed) send(res, 200, answer);
  }

  async function handleResponse(path: string, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const url = `${base}${path}`;
    const record = (status: number): void => {
      const response: RecordedResponse = { url, body, at: Date.now(), status };
      responses.push(response);
      for (const waiter of responseWaiters) waiter(response);
    };
    if (down) return (record(503), send(res, 503, { ok: false, error: 'service_unavailable' }));
    const fault = takeFault('response_url');
    if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault && 'status' in fault) {
      record(fault.status);
      const headers: Record<string, string> = fault.status === 429 ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return send(res, fault.status, { ok: false, error: 'fatal_error' }, headers);
    }
    if (fault && 'error' in fault) return (record(200), send(res, 200, { ok: false, error: fault.error }));
    // Slack allows a response_url five uses; later ones are refused.
    const uses = (responseUses.get(path) ?? 0) + 1;
    responseUses.set(path, uses);
    if (uses > 5) return (record(404), send(res, 404, { ok: false, error: 'used_url' }));
    record(200);
    send(res, 200, { ok: true });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function waitUntil<T>(list: T[], waiters: Set<(item: T) => void>, predicate: (item: T) => boolean, timeoutMs: number, what: () => string): Promise<T> {
    const found = list.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter = (item: T): void => {
        if (!predicate(item)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(item);
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`fake Slack: nothing matched within ${timeoutMs} ms; received: ${what()}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  return {
    url: `${base}/api`,
    botToken,
    ...who,
    calls,
    responses,
    responseUrl: () => `${base}/response/${++responseCounter}`,
    callsTo: (method) => calls.filter((call) => call.method === method),
    messages: (channel) => state.messages.filter((message) => message.channel === channel),
    homeView: (userId) => state.homeViews.get(userId),
    waitFor: (predicate, timeoutMs = 5_000) =>
      waitUntil(calls, callWaiters, predicate, timeoutMs, () => calls.map((c) => c.method).join(', ') || 'no calls'),
    waitForResponse: (predicate, timeoutMs = 5_000) =>
      waitUntil(responses, responseWaiters, predicate, timeoutMs, () => `${responses.length} response_url posts`),
    failNext(method, n, fault) {
      faults.set(method, [...(faults.get(method) ?? []), ...Array.from({ length: n }, () => fault)]);
    },
    setDown(value) {
      down = value;
    },
    setSocketModeUrl(url) {
      state.socketModeUrl = url;
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
      state.messages.length = 0;
      state.homeViews.clear();
      faults.clear();
      responseUses.clear();
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
