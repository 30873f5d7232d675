import type { Lane } from '../ports/claude-api.js';

/**
 * Raised when a lane's bounded queue drops a call (a burst must not grow memory without bound). Bottleneck drops the
 * newest call, or a queued one of lower priority when an interactive call arrives.
 */
export class QueueFullError extends Error {
  readonly code = 'EQUEUEFULL' as const;

  constructor(
    readonly lane: Lane,
    readonly maxQueue: number,
  ) {
    super(`Claude ${lane} queue is full (${maxQueue} waiting): call dropped`);
    this.name = 'QueueFullError';
  }
}
