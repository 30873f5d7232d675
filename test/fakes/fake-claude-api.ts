/**
 * A fake of the Claude API on loopback (a real node:http server on 127.0.0.1, port 0) that the real
 * `@anthropic-ai/sdk` talks to through `baseURL`: `/v1/models`, `/v1/models/{id}`, `/v1/messages` (also streaming) and
 * `/v1/messages/count_tokens`, with the API's error bodies, request-id / organization / rate-limit headers, a
 * continuously refilled token bucket per key and lane, and faults injected at run time. The contract is
 * /work/briefs/fake-claude-api-spec.md; behaviour follows /work/shared/reference/claude-api.md.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readCredential, TEST_API_KEY } from './fake-claude-api/api-keys.js';
import { applyFault, FaultBook } from './fake-claude-api/faults.js';
import { handleCountTokens, handleMessages, handleModels, type Call, type HandlerState } from './fake-claude-api/handlers.js';
import { LaneLimiter } from './fake-claude-api/lane-limiter.js';
import { DEFAULT_MODELS } from './fake-claude-api/models.js';
import { Reply } from './fake-claude-api/reply.js';
import type {
  BucketLimits, FakeClaudeApi, FakeClaudeApiOptions, FakeClaudeApiStats, FakeModel, KeyInfo, Lane, RecordedRequest,
} from './fake-claude-api/types.js';

export { makeApiKey, TEST_API_KEY } from './fake-claude-api/api-keys.js';
export { DEFAULT_MODELS } from './fake-claude-api/models.js';
export { classificationTable, type ClassifyAnswerer } from './fake-claude-api/classification-answers.js';
export type {
  BucketLimits, Fault, FaultEndpoint, FaultRule, FaultStatus, FakeClaudeApi, FakeClaudeApiOptions, FakeClaudeApiStats, FakeModel, KeyInfo, Lane,
  RecordedRequest,
} from './fake-claude-api/types.js';

const MAX_RECORDED = 10_000;
/** The Messages API's request size limit (32 MB). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const UNLIMITED: BucketLimits = { rpm: 100_000 };

type Route = { endpoint: 'messages' | 'count_tokens' | 'models'; modelId?: string };

function route(method: string, pathname: string): Route | undefined {
  if (method === 'POST' && pathname === '/v1/messages') return { endpoint: 'messages' };
  if (method === 'POST' && pathname === '/v1/messages/count_tokens') return { endpoint: 'count_tokens' };
  if (method === 'GET' && pathname === '/v1/models') return { endpoint: 'models' };
  const model = /^\/v1\/models\/([^/]+)$/.exec(pathname);
  if (method === 'GET' && model?.[1]) return { endpoint: 'models', modelId: decodeURIComponent(model[1]) };
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Starts the fake on 127.0.0.1 with an ephemeral port; `close()` it in `afterAll`/`afterEach`. */
export async function startFakeClaudeApi(options: FakeClaudeApiOptions = {}): Promise<FakeClaudeApi> {
  const now = options.now ?? Date.now;
  const keys = new Map<string, KeyInfo>(Object.entries(options.keys ?? { [TEST_API_KEY]: { organizationId: 'org-test-0001' } }));
  let models: FakeModel[] = options.models ?? DEFAULT_MODELS;
  const laneLimits: Record<Lane, BucketLimits> = { messages: options.limits ?? UNLIMITED, free: options.freeLimits ?? UNLIMITED };
  let limiters = new Map<string, LaneLimiter>();
  const faults = new FaultBook();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let stats: FakeClaudeApiStats = { requests: 0, byStatus: {}, rateLimited: 0, inFlight: 0, maxInFlight: 0, classifications: 0 };

  const limiter = (key: string, lane: Lane): LaneLimiter => {
    const id = `${lane} ${key}`;
    let found = limiters.get(id);
    if (!found) limiters.set(id, (found = new LaneLimiter(lane, laneLimits[lane], now)));
    return found;
  };
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => {
    const timer = setTimeout(() => { timers.delete(timer); resolve(); }, ms);
    timers.add(timer);
  });
  const state: HandlerState = {
    models: () => models, limiter, now,
    onRateLimited: () => { stats.rateLimited += 1; },
    ...(options.classify ? { classify: options.classify } : {}),
    onClassified: () => { stats.classifications += 1; },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname + url.search,
      headers: flatHeaders(req), body: undefined, status: 0, at: now() };
    requests.push(record);
    if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);
    const reply = new Reply(res, (status) => {
      record.status = status;
      stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    });
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      // The edge refuses it before the API sees it: no `type:"error"` wrapper, no request id.
      const edge = { error: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' } };
      // Read the body to its end first, then answer: answering while the client still sends let a loaded machine close
      // the socket under the client's upload, which the SDK then reports as a connection error instead of the 413.
      req.resume();
      await once(req, 'end');
      reply.send(413, 'application/json', JSON.stringify(edge), {}, true);
      return;
    }
    const text = await readBody(req);
    let body: unknown = text === '' ? undefined : text;
    try { body = text === '' ? undefined : JSON.parse(text); } catch { /* kept as text: handlers answer 400 */ }
    record.body = body;

    if (options.latencyMs) await sleep(options.latencyMs);
    const target = route(record.method, url.pathname);
    const credential = readCredential(req.headers);
    const info = credential ? keys.get(credential.key) : undefined;
    if (info) reply.identify(info);
    const streaming = target?.endpoint === 'messages' && (body as { stream?: unknown } | undefined)?.stream === true;
    const fault = faults.take(target?.endpoint, streaming);
    if (fault && await applyFault(fault, req, reply, sleep)) return;
    if (reply.done) return;

    if (!target) return reply.error(404, 'not_found_error', 'Not Found');
    if (!credential) return reply.error(401, 'authentication_error', 'x-api-key header is required');
    if (!info) return reply.error(401, 'authentication_error', 'invalid x-api-key');
    if (credential.source === 'bearer' && info.acceptsBearer === false) {
      return reply.error(401, 'authentication_error', 'Invalid bearer token');
    }
    const call: Call = { reply, key: credential.key, info, body, query: url.searchParams, modelId: target.modelId,
      streamError: fault?.kind === 'stream-error' };
    if (target.endpoint === 'messages') handleMessages(state, call);
    else if (target.endpoint === 'count_tokens') handleCountTokens(state, call);
    else handleModels(state, call);
  }

  const server = createServer((req, res) => {
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.once('close', () => { stats.inFlight -= 1; });
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`fake-claude-api bug: ${String(error)}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFaults: (rules) => faults.set(rules),
    clearFaults: () => faults.clear(),
    setLimits(limits, lane = 'messages') {
      laneLimits[lane] = limits;
      for (const id of [...limiters.keys()]) if (id.startsWith(`${lane} `)) limiters.delete(id);
    },
    setModels: (next) => { models = next; },
    addKey: (key, info) => { keys.set(key, info); },
    consumeExternally(count, lane = 'messages', key) {
      for (const k of key ? [key] : [...keys.keys()]) limiter(k, lane).consume(count);
    },
    stats: () => ({ ...stats, byStatus: { ...stats.byStatus } }),
    reset() {
      faults.clear();
      requests.length = 0;
      stats = { requests: 0, byStatus: {}, rateLimited: 0, inFlight: stats.inFlight, maxInFlight: stats.inFlight, classifications: 0 };
      limiters = new Map();
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Hung requests and keep-alive sockets would otherwise keep close() (and vitest) waiting.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
