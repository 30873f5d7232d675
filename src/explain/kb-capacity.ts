import type { Advice, Entry } from './explanation.js';
import { BACKOFF_WITH_JITTER, CIRCUIT_BREAKER, CLIENT_TIMEOUT, PACED_QUEUE, STREAM_LONG_REQUESTS } from './fix-snippets.js';

/** Knowledge base: load and transport (rate limits, overload, server errors, timeouts, connections). */

export const RATE_LIMIT: Entry<'rate_limit'> = {
  title: 'Rate limited (429)',
  cause: 'Your organisation sent more than its per-minute limit for this model class. The bucket refills continuously, so the limit is also hit by short bursts.',
  fixSteps: [
    'Wait for `retry-after` seconds, then retry with exponential backoff and jitter.',
    'Pace requests evenly through one queue per process instead of bursting.',
    'Check Console → Limits for your tier; ask for a higher tier if the steady load needs it.',
  ],
  retryable: true,
  snippets: BACKOFF_WITH_JITTER,
  kinds: {
    requests: {
      title: 'Requests per minute (RPM) exceeded',
      cause: 'Too many requests in a short time, even if each is small: the per-minute request limit is enforced as a steady rate.',
      fixSteps: [
        'Pace at limit/60 requests per second through one queue; keep concurrency low.',
        'Batch small prompts into fewer requests, or use the Message Batches API for offline work.',
        'Honour `retry-after`, then back off with jitter.',
      ],
      retryable: true,
      snippets: PACED_QUEUE,
    },
    input_tokens: {
      title: 'Input tokens per minute (ITPM) exceeded',
      cause: 'The requests of the last minute carried more input tokens than the limit: long prompts, big documents or many parallel calls.',
      fixSteps: [
        'Use prompt caching: cached input tokens mostly do not count toward the input limit.',
        'Trim context (old turns, large tool results), and spread big jobs over time.',
        'Honour `retry-after`; check `anthropic-ratelimit-input-tokens-remaining` before large calls.',
      ],
      retryable: true,
      snippets: PACED_QUEUE,
    },
    output_tokens: {
      title: 'Output tokens per minute (OTPM) exceeded',
      cause: 'Generated tokens over the last minute exceeded the limit; a high `max_tokens` also reserves output budget.',
      fixSteps: [
        'Lower `max_tokens` to what the answers really need.',
        'Spread long generations over time, or move them to the Batches API.',
        'Honour `retry-after`, then back off with jitter.',
      ],
      retryable: true,
      snippets: BACKOFF_WITH_JITTER,
    },
    acceleration: {
      title: 'Traffic rose too sharply (acceleration limit)',
      cause: 'Usage jumped suddenly; the API limits sharp increases even below the tier\'s limits.',
      fixSteps: [
        'Ramp traffic up gradually over minutes instead of switching a large job on at once.',
        'Keep a steady paced queue and back off with jitter on 429.',
      ],
      retryable: true,
      snippets: PACED_QUEUE,
    },
    queue_full: {
      title: 'Our request queue is full',
      cause: 'The bot\'s own limiter already holds as many waiting requests as it accepts; new ones are refused rather than waiting for minutes.',
      fixSteps: ['Try again in a minute.', 'If this lasts, the configured CLAUDE_RPM may be too low for the traffic.'],
      retryable: true,
    },
    held: {
      title: 'Held by the bot\'s own rate limit',
      cause: 'The call was never sent: the bot\'s limiter held it until its deadline ran out — the lane pauses after the API answers 429, and otherwise paces calls to CLAUDE_RPM and the limits the API\'s headers report. The API was not asked, so this says nothing about it.',
      fixSteps: [
        'Wait for the pause to end (the detail says until when) and run the check again.',
        'If the bot\'s own calls keep the lane busy, send fewer of them, or raise CLAUDE_RPM within your tier\'s limit.',
        'If another service shares the key, give each its own key or workspace, so that one\'s 429s do not hold the other.',
      ],
      retryable: true,
    },
  },
};

export const OVERLOADED: Entry<'overloaded'> = {
  title: 'Claude API overloaded (529)',
  cause: 'The API is temporarily short of capacity across many users; nothing is wrong with your request or key. It can also arrive inside a stream after HTTP 200.',
  fixSteps: [
    'Retry with exponential backoff and jitter; most 529s clear within seconds to minutes.',
    'Put a circuit breaker in front of the client so a long overload does not pile up requests.',
    'Check status.claude.com; for critical paths, fall back to another model.',
  ],
  retryable: true,
  snippets: CIRCUIT_BREAKER,
  kinds: {},
};

export const SERVER_ERROR: Entry<'server_error'> = {
  title: 'Server error (5xx)',
  cause: 'Something failed inside the API or its edge (500 api_error, 502 bad gateway, 503 upstream connect error); not caused by your request.',
  fixSteps: [
    'Retry with backoff and jitter; these are usually short.',
    'If it persists, check status.claude.com and report the request id to support.',
    'A 502/503 page from your own proxy or gateway points at that hop, not at the API.',
  ],
  retryable: true,
  snippets: BACKOFF_WITH_JITTER,
  kinds: {
    circuit_open: {
      title: 'Calls paused by our circuit breaker',
      cause: 'Recent calls to the API failed often enough that the bot stopped sending for a moment, to let it recover.',
      fixSteps: ['Wait for the breaker to try again (it probes by itself).', 'Run `/claude-status` to see what failed.'],
      retryable: true,
    },
  },
};

export const TIMEOUT: Entry<'timeout'> = {
  title: 'Request timed out',
  cause: 'No complete answer arrived in time: a long generation without streaming, a slow network, or a gateway limit.',
  fixSteps: [
    'Stream long requests so bytes keep flowing.',
    'Raise the client timeout for legitimately long calls; lower `max_tokens` when answers can be shorter.',
    'Retry with backoff: timeouts are usually transient.',
  ],
  retryable: true,
  snippets: STREAM_LONG_REQUESTS,
  kinds: {
    client_timeout: {
      title: 'The client gave up waiting',
      cause: 'The SDK (or your code) hit its own timeout before the answer finished; the request may still have run and been billed.',
      fixSteps: [
        'Raise `timeout` for calls that need it, or stream them.',
        'Check for a proxy or a serverless function limit shorter than the SDK timeout.',
      ],
      retryable: true,
      snippets: CLIENT_TIMEOUT,
    },
    gateway_timeout: {
      title: 'Gateway timeout (504 / 524)',
      cause: 'A proxy between you and the model (the API edge, Cloudflare or your own) closed a request that ran too long without sending bytes.',
      fixSteps: [
        'Use streaming for long requests; non-streaming calls that run for minutes are cut by gateways.',
        'Retry with backoff; if it repeats for short requests, check status.claude.com.',
      ],
      retryable: true,
      snippets: STREAM_LONG_REQUESTS,
    },
    aborted: {
      title: 'Request aborted',
      cause: 'The call was cancelled by its caller (an AbortSignal or a deadline) before it finished.',
      fixSteps: ['If the deadline is too tight for this work, raise it.', 'Otherwise nothing is wrong: the caller stopped waiting.'],
      retryable: true,
    },
  },
};

export const CONNECTION: Entry<'connection'> = {
  title: 'Could not connect to the API',
  cause: 'The request never got an HTTP answer: DNS, TLS, a firewall, a proxy, or a reset connection.',
  fixSteps: [
    'From the same host: `curl -sS https://api.anthropic.com/v1/models -o /dev/null -w "%{http_code}"` (401 without a key means reachable).',
    'Check HTTPS_PROXY / NO_PROXY, corporate TLS interception (install its CA), and egress firewall rules.',
    'Check ANTHROPIC_BASE_URL is not pointing at a stale host.',
    'Retry with backoff: resets are often transient.',
  ],
  retryable: true,
  snippets: BACKOFF_WITH_JITTER,
  kinds: {},
};

export const UNKNOWN: Entry<'unknown'> = {
  title: 'Not recognised as a Claude API error',
  cause: 'The text holds no status, error type or SDK class the explainer knows.',
  fixSteps: [
    'Paste the full error: the status line, the JSON body, and the last line of the traceback.',
    'Include the request id (`req_…`) if there is one; support can trace it.',
  ],
  retryable: false,
  kinds: {},
};

/**
 * Our own probe gave up (the SDK timeout the check set, or the guard's deadline): the API said nothing, so "raise
 * `timeout`" (the advice for a user's client) is not the first thing to try — first, is the API there at all.
 */
export const PROBE_TIMEOUT: Advice = {
  title: 'No answer within the check\'s time',
  cause: 'The bot\'s own probe stopped waiting: nothing came back from the API (or the proxy in front of it) within the check\'s timeout. The API did not refuse the request; it did not answer.',
  fixSteps: [
    'Check that https://api.anthropic.com is reachable from this host (DNS, proxy, firewall, `HTTPS_PROXY`), and whether status.claude.com reports an incident.',
    'If the API answers, only slowly, run the check again with a longer `--timeout`.',
  ],
  retryable: true,
};
