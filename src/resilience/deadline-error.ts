/** Raised when a call's total deadline runs out while it waits for the rate budget (before any request is sent). */
export class DeadlineError extends Error {
  readonly code = 'EDEADLINE' as const;

  constructor(readonly deadlineMs: number) {
    super(`Claude call deadline of ${deadlineMs} ms ran out while waiting for the rate limit`);
    this.name = 'DeadlineError';
  }
}
