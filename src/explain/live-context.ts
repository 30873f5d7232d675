import type { CallMeta, ClaudeApi } from '../ports/claude-api.js';
import type { Category } from '../ports/category.js';
import type { Clock } from '../ports/clock.js';
import { formatCount } from '../text/format-count.js';
import { formatDuration } from '../text/format-duration.js';

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

/** Reads the live state from the port (no call is made); times are said relative to `clock.now()`. */
export function readLiveContext(claude: ClaudeApi, clock: Clock): LiveContext {
  const now = clock.now();
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

  live.lines.push(breakerLine(breaker.state, breaker.nextAttemptAt, now));
  if (last) live.lines.push(`Last ${last.endpoint} call, ${ago(last.at, now)}: ${last.status ?? 'no status'} (${Math.round(last.latencyMs)} ms).`);
  const parts = [
    live.requestsRemaining !== undefined ? `${formatCount(live.requestsRemaining)} requests` : '',
    live.inputTokensRemaining !== undefined ? `${formatCount(live.inputTokensRemaining)} input tokens` : '',
    live.outputTokensRemaining !== undefined ? `${formatCount(live.outputTokensRemaining)} output tokens` : '',
  ].filter(Boolean);
  // Headroom the API reported for a window that has since reset is stale: it says nothing about now.
  const stale = live.resetAt !== undefined && Date.parse(live.resetAt) <= now;
  if (parts.length && !stale) live.lines.push(`The bot's key has ${parts.join(', ')} left (API headers of its last call${live.resetAt ? `; full again ${inTime(live.resetAt, now)}` : ''}).`);
  if (limiter.last429At) live.lines.push(`The bot itself was last rate limited ${ago(limiter.last429At, now)}.`);
  return live;
}

function breakerLine(state: LiveContext['breaker'], nextAttemptAt: string | undefined, now: number): string {
  if (state === 'closed') return 'The bot\'s own calls to the API are going through (breaker closed).';
  if (state === 'half-open') return 'The bot\'s breaker is half-open: after failures, it is letting a trial call through to see whether the API is back.';
  return `The bot's breaker is open: the API is failing for the bot too${nextAttemptAt ? `; it tries again ${inTime(nextAttemptAt, now)}` : ''}.`;
}

// Times from now ("40 s ago", "in 3 min"): a reader cannot misread a time zone or a stale clock in them.
const ago = (iso: string, now: number): string => `${formatDuration(now - Date.parse(iso))} ago`;
const inTime = (iso: string, now: number): string => `in ${formatDuration(Date.parse(iso) - now)}`;

function latest(metas: (CallMeta | undefined)[]): CallMeta | undefined {
  return metas.reduce<CallMeta | undefined>((best, m) => (m && (!best || m.at > best.at) ? m : best), undefined);
}
