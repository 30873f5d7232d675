import type { CallMeta, ClaudeApi, LaneSnapshot, RateLimitHeaders, RateLimitWindow } from '../ports/claude-api.js';
import type { CheckResult } from './check-result.js';
import { formatCount } from '../text/format-count.js';

/** Below this fraction of a bucket left, the headroom is a warning. */
export const LOW_HEADROOM_FRACTION = 0.1;
/**
 * A bucket that is full again within this long after the answer is not short of headroom, however low it reads:
 * the API refills continuously and may enforce a minute's limit over about a second, so a small burst bucket can
 * read "2% left" while being full a second later.
 */
export const REFILLS_SOON_MS = 5_000;

/** The windows the `anthropic-ratelimit-*` headers report, with the words a person reads (the Slack report uses them too). */
export const RATE_LIMIT_WINDOWS: readonly { key: keyof Omit<RateLimitHeaders, 'retryAfterSeconds'>; label: string }[] = [
  { key: 'requests', label: 'requests' },
  { key: 'tokens', label: 'tokens' },
  { key: 'inputTokens', label: 'input tokens' },
  { key: 'outputTokens', label: 'output tokens' },
];

/** The share of a window left (0..1), when the API gave both figures and a non-zero limit. */
export const headroomFraction = (w: RateLimitWindow): number | undefined =>
  w.limit && w.remaining !== undefined ? w.remaining / w.limit : undefined;

interface Bucket { lane: string; label: string; window: RateLimitWindow; at?: string; fraction: number | undefined }

/**
 * Rate-limit headroom from the `anthropic-ratelimit-*` headers of the latest Messages call and of the latest free
 * call (count_tokens and models have their own buckets: each is named), plus the limiter's own view. Headers are
 * optional (proxies and clouds strip them), so their absence is said, not failed.
 */
export function checkRateLimits(deps: { claude: ClaudeApi; lowFraction?: number }): CheckResult {
  const low = deps.lowFraction ?? LOW_HEADROOM_FRACTION;
  const messages = deps.claude.lastMeta('messages');
  const free = deps.claude.lastMeta('count_tokens') ?? deps.claude.lastMeta('models');
  const messageBuckets = bucketsOf('Messages', messages);
  const freeBuckets = bucketsOf(`free (${free?.endpoint ?? 'count_tokens'})`, free);
  const buckets = [...messageBuckets, ...freeBuckets];
  const detail = buckets.map(describeBucket);
  if (!messages) detail.push('Messages: no call yet, so no Messages headers (run with the generation probe to see them)');
  else if (!messageBuckets.length) detail.push('Messages: the answer carried no anthropic-ratelimit-* headers (a proxy or cloud provider may strip them)');
  if (free && !freeBuckets.length) detail.push(`free (${free.endpoint}): no rate-limit headers`);

  const { lanes, last429At } = deps.claude.resilience().limiter;
  const warnings: string[] = [];
  for (const [name, lane] of Object.entries(lanes) as [string, LaneSnapshot][]) {
    detail.push(`limiter ${name}: paced at ${lane.effectiveRpm} of ${lane.configuredRpm} rpm, ${lane.queued} queued, ${lane.running} running`);
    if (lane.pausedUntil) warnings.push(`the ${name} lane is holding after a 429 until ${lane.pausedUntil}`);
  }
  if (last429At) detail.push(`last 429 at ${last429At}`);
  const measured = buckets.filter((b): b is Bucket & { fraction: number } => b.fraction !== undefined);
  const short = measured.filter((b) => b.fraction < low && !refillsSoon(b.window, b.at));
  warnings.unshift(...short.map((b) => `${b.lane} ${b.label} nearly used up (${formatCount(b.window.remaining)} of ${formatCount(b.window.limit)} left)`));

  if (warnings.length > 0) {
    return {
      id: 'rate_limits', status: 'warn', summary: capitalise(warnings.join('; ')), detail,
      fix: 'Wait for the reset time shown; if this is routine, lower CLAUDE_RPM / CLAUDE_MAX_CONCURRENT or ask Anthropic for a higher tier.',
    };
  }
  const lowest = [...measured].sort((a, b) => a.fraction - b.fraction)[0];
  const summary = lowest
    ? `Headroom fine: lowest is ${lowest.lane} ${lowest.label} at ${Math.round(lowest.fraction * 100)}%${lowest.fraction < low ? ', full again within seconds' : ''}`
    : 'Headroom unknown: the API sent no rate-limit headers';
  return { id: 'rate_limits', status: 'ok', summary, detail };
}

function bucketsOf(lane: string, meta: CallMeta | undefined): Bucket[] {
  const headers = meta?.rateLimits;
  if (!headers) return [];
  return RATE_LIMIT_WINDOWS.flatMap(({ key, label }) => {
    const window = headers[key];
    return window && (window.limit !== undefined || window.remaining !== undefined)
      ? [{ lane, label, window, at: meta?.at, fraction: headroomFraction(window) }]
      : [];
  });
}

/** The window is full again within REFILLS_SOON_MS of the answer (ISO time) that reported it. */
export function refillsSoon(window: RateLimitWindow, answeredAt: string | undefined): boolean {
  const resetMs = window.resetAt ? Date.parse(window.resetAt) : Number.NaN;
  const answeredMs = answeredAt ? Date.parse(answeredAt) : Number.NaN;
  return !Number.isNaN(resetMs) && !Number.isNaN(answeredMs) && resetMs - answeredMs <= REFILLS_SOON_MS;
}

/**
 * The smallest share left among the windows that report one, a window that refills soon counting as full; undefined
 * when the headers are missing. The monitor's headroom signal reads the same measure as this check.
 */
export function lowestHeadroom(headers: RateLimitHeaders | undefined, answeredAt: string | undefined): number | undefined {
  const fractions = RATE_LIMIT_WINDOWS.flatMap(({ key }) => {
    const window = headers?.[key];
    const fraction = window && headroomFraction(window);
    if (!window || fraction === undefined) return [];
    return [refillsSoon(window, answeredAt) ? 1 : fraction];
  });
  return fractions.length ? Math.min(...fractions) : undefined;
}

const describeBucket = ({ lane, label, window }: Bucket): string =>
  `${lane} ${label}: ${formatCount(window.remaining)} of ${formatCount(window.limit)} left${window.resetAt ? `, full again at ${window.resetAt}` : ''}`;

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
