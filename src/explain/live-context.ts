import type { CallMeta, ClaudeApi } from '../ports/claude-api.js';
import type { Category } from '../ports/category.js';

/** Categories where what the bot sees right now helps: is it just you, or everyone? */
export const LIVE_CONTEXT_CATEGORIES: ReadonlySet<Category> = new Set(['rate_limit', 'overloaded', 'auth']);

/** What the bot's own client sees now: its last call, the headroom the API reported, the breaker. */
export interface LiveContext {
  breaker: 'closed' | 'open' | 'half-open';
  breakerNextAttemptAt?: string;
  queued: number;
  lastCall?: { endpoint: CallMeta['endpoint']; status?: number; at: string; latencyMs: number };
  requestsRemaining?: number;
  inputTokensRemaining?: number;
  outputTokensRemaining?: number;
  resetAt?: string;
  /** The same, as short sentences for a message. */
  lines: string[];
}

/** Reads the live state from the port (no call is made). */
export function readLiveContext(claude: ClaudeApi): LiveContext {
  const { breaker, limiter } = claude.resilience();
  const lane = limiter.lanes.messages;
  const last = latest([claude.lastMeta('messages'), claude.lastMeta('models'), claude.lastMeta('count_tokens')]);
  const live: LiveContext = { breaker: breaker.state, queued: lane.queued, lines: [] };
  if (breaker.nextAttemptAt) live.breakerNextAttemptAt = breaker.nextAttemptAt;
  if (last) live.lastCall = { endpoint: last.endpoint, at: last.at, latencyMs: last.latencyMs, ...(last.status ? { status: last.status } : {}) };
  const remaining = lane.apiRemaining;
  if (remaining?.requests !== undefined) live.requestsRemaining = remaining.requests;
  if (remaining?.inputTokens !== undefined) live.inputTokensRemaining = remaining.inputTokens;
  if (remaining?.outputTokens !== undefined) live.outputTokensRemaining = remaining.outputTokens;
  if (remaining?.resetAt) live.resetAt = remaining.resetAt;

  live.lines.push(
    breaker.state === 'closed'
      ? 'The bot\'s own calls to the API are going through (breaker closed).'
      : `The bot's breaker is ${breaker.state}${breaker.nextAttemptAt ? `; next try at ${breaker.nextAttemptAt}` : ''}: the API is failing for us too.`,
  );
  if (last) live.lines.push(`Last ${last.endpoint} call: ${last.status ?? 'no status'} at ${last.at} (${Math.round(last.latencyMs)} ms).`);
  const parts = [
    live.requestsRemaining !== undefined ? `${live.requestsRemaining} requests` : '',
    live.inputTokensRemaining !== undefined ? `${live.inputTokensRemaining} input tokens` : '',
    live.outputTokensRemaining !== undefined ? `${live.outputTokensRemaining} output tokens` : '',
  ].filter(Boolean);
  if (parts.length) live.lines.push(`The bot's key has ${parts.join(', ')} left this minute${live.resetAt ? ` (full again at ${live.resetAt})` : ''}.`);
  if (limiter.last429At) live.lines.push(`The bot itself was last rate limited at ${limiter.last429At}.`);
  return live;
}

function latest(metas: (CallMeta | undefined)[]): CallMeta | undefined {
  return metas.reduce<CallMeta | undefined>((best, m) => (m && (!best || m.at > best.at) ? m : best), undefined);
}
