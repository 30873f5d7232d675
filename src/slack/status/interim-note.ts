import type { Logger } from 'pino';
import { realTimers, type Timers } from '../../monitor/scheduler.js';

/**
 * How long after the ack a report may take before the asker is told it is coming: a healthy API answers the probes
 * well within a second, while a hanging one holds the report until the breaker's timeout (30 s by default).
 */
export const INTERIM_AFTER_MS = 2_500;

export const INTERIM_TEXT = ':hourglass_flowing_sand: Checking… the Claude API (or its status page) is slow to answer. The report will replace this message.';

type Visibility = 'ephemeral' | 'in_channel';

export interface InterimNote {
  /**
   * Cancels the note if it is not due yet, or waits for its post to finish; then says how to send the answer:
   * `{ replace_original: true }` when the note is on screen, so the answer takes its place.
   */
  settle(): Promise<{ replace_original?: true }>;
}

/**
 * Arms a note posted through `post` if the answer is not ready within `afterMs`. It has the answer's visibility:
 * `replace_original` replaces a message in place, it does not move it between the asker's view and the channel.
 * A note that fails to post is skipped (logged): the answer then follows as a message of its own.
 */
export function armInterimNote(
  post: (message: { response_type: Visibility; text: string }) => Promise<unknown>,
  visibility: Visibility,
  deps: { timers?: Timers; logger: Logger; afterMs?: number },
): InterimNote {
  const timers = deps.timers ?? realTimers;
  let posted: Promise<boolean> | undefined;
  const handle = timers.setTimeout(() => {
    posted = post({ response_type: visibility, text: INTERIM_TEXT }).then(() => true, (err: unknown) => {
      deps.logger.warn({ err }, 'could not post the interim note; the report will follow as a message of its own');
      return false;
    });
    return posted.then(() => undefined);
  }, deps.afterMs ?? INTERIM_AFTER_MS);
  return {
    async settle() {
      timers.clearTimeout(handle);
      return (await posted) ? { replace_original: true } : {};
    },
  };
}
