/**
 * The Web API methods the fake Slack answers, with the state they keep (messages, views, reactions). Answers follow
 * Slack's documented shapes: HTTP 200 with `{ ok: false, error }` for platform errors, never another status.
 */

/** A message as it stands now in a channel (after any `chat.update`). */
export interface FakeMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  /** Set for `chat.postEphemeral`: the only user who sees it. */
  ephemeralTo?: string;
  /** How many times `chat.update` changed it. */
  updates: number;
  reactions: string[];
  /** The message metadata it was posted with (`{ event_type, event_payload }`), hidden unless asked for. */
  metadata?: unknown;
}

export interface FakeSlackIdentity {
  teamId: string;
  botUserId: string;
  botId: string;
}

export interface FakeSlackState {
  messages: FakeMessage[];
  /** Views published to the App Home, by user id (the latest one). */
  homeViews: Map<string, Record<string, unknown>>;
  /** The WebSocket URL `apps.connections.open` hands out, set by the fake Socket Mode server. */
  socketModeUrl?: () => string;
}

export type MethodAnswer = Record<string, unknown> & { ok: boolean };
type Body = Record<string, unknown>;
type Handler = (body: Body, state: FakeSlackState, who: FakeSlackIdentity, token: string) => MethodAnswer;

const fail = (error: string, extra: Body = {}): MethodAnswer => ({ ok: false, error, ...extra });
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

let tsCounter = 0;
// Slack's ts is "<unix seconds>.<6 digits>" and unique per channel; a global counter keeps them unique and ordered.
const nextTs = (): string => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter % 1_000_000).padStart(6, '0')}`;

/** Block Kit limits Slack enforces with `invalid_blocks` (messages 50 blocks, views 100; section text 3,000). */
export function blockProblems(blocks: unknown, maxBlocks: number): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`no more than ${maxBlocks} items allowed [json-pointer:/blocks]`);
  blocks.forEach((block: Body, i) => {
    const text = (block?.text as Body | undefined)?.text;
    if (block?.type === 'section' && typeof text === 'string' && text.length > 3000)
      problems.push(`must be less than 3001 characters [json-pointer:/blocks/${i}/text]`);
    if (block?.type === 'header' && typeof text === 'string' && text.length > 150)
      problems.push(`must be less than 151 characters [json-pointer:/blocks/${i}/text]`);
    const fields = block?.fields;
    if (Array.isArray(fields) && fields.length > 10) problems.push(`no more than 10 items allowed [json-pointer:/blocks/${i}/fields]`);
  });
  return problems;
}

function checkMessage(body: Body): MethodAnswer | undefined {
  if (!str(body.channel)) return fail('channel_not_found');
  if (!str(body.text) && body.blocks === undefined && body.attachments === undefined) return fail('no_text');
  if (typeof body.text === 'string' && body.text.length > 40_000) return fail('msg_too_long');
  const problems = blockProblems(body.blocks, 50);
  if (problems.length) return fail('invalid_blocks', { response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } });
  return undefined;
}

const findMessage = (state: FakeSlackState, channel: unknown, ts: unknown) =>
  state.messages.find((m) => m.channel === channel && m.ts === ts);

const messageJson = (m: FakeMessage, who: FakeSlackIdentity, withMetadata = false) => ({
  type: 'message', user: who.botUserId, bot_id: who.botId, text: m.text ?? '', ts: m.ts,
  ...(m.blocks ? { blocks: m.blocks } : {}), ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}), team: who.teamId,
  ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
});

const tsValue = (ts: unknown): number => (typeof ts === 'string' && ts !== '' ? Number(ts) : Number.NaN);

const handlers: Record<string, Handler> = {
  'auth.test': (_b, _s, who) => ({
    ok: true, url: 'https://fake-workspace.slack.com/', team: 'Fake Workspace', user: 'claude-status',
    team_id: who.teamId, user_id: who.botUserId, bot_id: who.botId, is_enterprise_install: false,
  }),
  'chat.postMessage': (body, state, who) => {
    const problem = checkMessage(body);
    if (problem) return problem;
    const message: FakeMessage = {
      channel: String(body.channel), ts: nextTs(), text: str(body.text), blocks: body.blocks as unknown[] | undefined,
      thread_ts: str(body.thread_ts), updates: 0, reactions: [], ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
    };
    state.messages.push(message);
    return { ok: true, channel: message.channel, ts: message.ts, message: messageJson(message, who) };
  },
  // Top-level messages only (thread replies need conversations.replies), newest first; `oldest`/`latest` exclusive
  // unless `inclusive`; metadata only with include_all_metadata; `limit` (default 100) with a cursor for the rest.
  'conversations.history': (body, state, who) => {
    const channel = str(body.channel);
    if (!channel || !/^[CGD][A-Z0-9]+$/.test(channel)) return fail('channel_not_found');
    const inclusive = body.inclusive === true || body.inclusive === 'true';
    const oldest = tsValue(body.oldest);
    const latest = tsValue(body.latest);
    const after = (ts: number) => Number.isNaN(oldest) || (inclusive ? ts >= oldest : ts > oldest);
    const before = (ts: number) => Number.isNaN(latest) || (inclusive ? ts <= latest : ts < latest);
    const all = state.messages
      .filter((m) => m.channel === channel && !m.ephemeralTo && (m.thread_ts === undefined || m.thread_ts === m.ts))
      .filter((m) => after(Number(m.ts)) && before(Number(m.ts)))
      .reverse();
    const limit = Math.max(1, Math.min(999, Number(body.limit ?? 100) || 100));
    const start = Number(str(body.cursor)?.replace(/^next:/, '') ?? 0) || 0;
    const page = all.slice(start, start + limit);
    const hasMore = start + limit < all.length;
    const withMetadata = body.include_all_metadata === true || body.include_all_metadata === 'true';
    return {
      ok: true, messages: page.map((m) => messageJson(m, who, withMetadata)), has_more: hasMore, pin_count: 0,
      response_metadata: { next_cursor: hasMore ? `next:${start + limit}` : '' },
    };
  },
  'chat.update': (body, state, who) => {
    const problem = checkMessage(body);
    if (problem) return problem;
    const message = findMessage(state, body.channel, body.ts);
    if (!message || message.ephemeralTo) return fail(message ? 'cant_update_message' : 'message_not_found');
    // Slack keeps the blocks only when they are passed again (reference/slack.md).
    Object.assign(message, { text: str(body.text), blocks: body.blocks as unknown[] | undefined });
    message.updates += 1;
    return { ok: true, channel: message.channel, ts: message.ts, text: message.text ?? '', message: messageJson(message, who) };
  },
  'chat.postEphemeral': (body, state) => {
    const problem = checkMessage(body);
    if (problem) return problem;
    if (!str(body.user)) return fail('user_not_found');
    const message: FakeMessage = {
      channel: String(body.channel), ts: nextTs(), text: str(body.text), blocks: body.blocks as unknown[] | undefined,
      thread_ts: str(body.thread_ts), ephemeralTo: String(body.user), updates: 0, reactions: [],
    };
    state.messages.push(message);
    return { ok: true, message_ts: message.ts };
  },
  'chat.getPermalink': (body) => {
    if (!str(body.channel)) return fail('channel_not_found');
    if (!str(body.message_ts)) return fail('message_not_found');
    const path = `${String(body.channel)}/p${String(body.message_ts).replace('.', '')}`;
    return { ok: true, channel: body.channel, permalink: `https://fake-workspace.slack.com/archives/${path}` };
  },
  'views.publish': (body, state) => {
    const view = body.view as Body | undefined;
    if (!str(body.user_id)) return fail('invalid_arguments');
    if (!view || view.type !== 'home') return fail('invalid_arguments');
    const problems = blockProblems(view.blocks, 100);
    if (problems.length) return fail('invalid_arguments', { response_metadata: { messages: problems } });
    state.homeViews.set(String(body.user_id), view);
    return { ok: true, view: { id: `V${nextTs().replace('.', '')}`, ...view, hash: nextTs() } };
  },
  'views.open': (body) => {
    const view = body.view as Body | undefined;
    if (!str(body.trigger_id)) return fail('invalid_arguments');
    if (!view || view.type !== 'modal') return fail('invalid_arguments');
    const problems = blockProblems(view.blocks, 100);
    if (problems.length) return fail('invalid_arguments', { response_metadata: { messages: problems } });
    return { ok: true, view: { id: `V${nextTs().replace('.', '')}`, ...view, hash: nextTs() } };
  },
  'conversations.info': (body) => {
    const id = str(body.channel);
    if (!id) return fail('channel_not_found');
    return { ok: true, channel: { id, name: `channel-${id.toLowerCase()}`, is_channel: true, is_private: false, is_member: true, is_im: id.startsWith('D') } };
  },
  // A fixed directory: ids starting U0WSOWNER are workspace owners (and admins, as in Slack), U0WSADMIN workspace
  // admins, U0GONE unknown; anyone else a plain member.
  'users.info': (body, _s, who) => {
    const id = str(body.user);
    if (!id || id.startsWith('U0GONE')) return fail('user_not_found');
    const isOwner = id.startsWith('U0WSOWNER');
    const isAdmin = isOwner || id.startsWith('U0WSADMIN');
    return {
      ok: true,
      user: { id, team_id: who.teamId, name: `user-${id.toLowerCase()}`, real_name: `User ${id}`, tz: 'Europe/London', is_bot: false, is_admin: isAdmin, is_owner: isOwner, is_primary_owner: isOwner, deleted: false, profile: { display_name: `user-${id.toLowerCase()}`, real_name: `User ${id}` } },
    };
  },
  'reactions.add': (body, state) => {
    if (!str(body.channel)) return fail('channel_not_found');
    if (!str(body.name)) return fail('invalid_name');
    const message = findMessage(state, body.channel, body.timestamp);
    if (message?.reactions.includes(String(body.name))) return fail('already_reacted');
    message?.reactions.push(String(body.name));
    return { ok: true };
  },
  'apps.connections.open': (_b, state, _who, token) => {
    // Only app-level tokens (xapp-, scope connections:write) may open a socket, as at Slack.
    if (!token.startsWith('xapp-')) return fail('not_allowed_token_type');
    if (!state.socketModeUrl) return fail('internal_error', { detail: 'no fake Socket Mode server is attached' });
    return { ok: true, url: state.socketModeUrl() };
  },
};

/** Answers one Web API call; unknown methods get `unknown_method`, as at Slack. */
export function answerMethod(method: string, body: Body, state: FakeSlackState, who: FakeSlackIdentity, token: string): MethodAnswer {
  const handler = handlers[method];
  return handler ? handler(body, state, who, token) : fail('unknown_method');
}
