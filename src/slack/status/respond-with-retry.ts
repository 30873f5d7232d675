import { RespondError } from '@slack/bolt';
import type { Logger } from 'pino';
import { realTimers, type Timers } from '../../monitor/scheduler.js';

/**
 * Waits before the second and third post to a `response_url`. Slack accepts five posts to one URL within 30 minutes:
 * three attempts at the report, plus an interim note, stay within them.
 */
export const RESPOND_RETRY_DELAYS_MS: readonly number[] = [1_000, 3_000];

/** A `response_url` post Slack did not take, after every attempt: the answer was ready, its delivery failed. */
export class DeliveryError extends Error {
  readonly code = 'SLACK_RESPONSE_URL_FAILED';
  constructor(
    readonly attempts: number,
    /** Slack's HTTP status; undefined when no answer came (network error). */
    readonly status: number | undefined,
    cause: unknown,
  ) {
    super(`response_url post failed after ${attempts} attempt(s)${status ? ` (HTTP ${status})` : ''}`, { cause });
    this.name = 'DeliveryError';
  }
}

export interface RespondRetryDeps {
  timers?: Timers;
  logger: Logger;
  delaysMs?: readonly number[];
}

// 5xx, 429 and 408 pass; other 4xx (404 expired_url or used_url, 400 invalid payload) answer the same every time.
const transient = (err: unknown): boolean =>
  !(err instanceof RespondError) || err.statusCode >= 500 || err.statusCode === 429 || err.statusCode === 408;

/** Bolt's `respond`, retried on transient failures; rejects with a {@link DeliveryError} when Slack never took it. */
export function respondWithRetry<M>(respond: (message: M) => Promise<unknown>, deps: RespondRetryDeps): (message: M) => Promise<void> {
  const timers = deps.timers ?? realTimers;
  const delaysMs = deps.delaysMs ?? RESPOND_RETRY_DELAYS_MS;
  return async (message) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await respond(message);
        return;
      } catch (err) {
        const status = err instanceof RespondError ? err.statusCode : undefined;
        const delayMs = delaysMs[attempt - 1];
        if (delayMs === undefined || !transient(err)) throw new DeliveryError(attempt, status, err);
        deps.logger.warn({ err, status, attempt, retryInMs: delayMs }, 'response_url post failed; retrying');
        await new Promise<void>((resolve) => timers.setTimeout(resolve, delayMs));
      }
    }
  };
}
