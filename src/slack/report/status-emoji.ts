import type { CheckStatus, Verdict } from '../../checks/check-result.js';

/** How a check's status reads in Slack, alike in the report and on the App Home. */
export const STATUS_EMOJI: Record<CheckStatus, string> = { ok: ':white_check_mark:', warn: ':warning:', fail: ':x:', skip: ':heavy_minus_sign:' };

/** How the verdict reads in Slack, alike in the report and on the App Home. */
export const VERDICT_EMOJI: Record<Verdict, string> = { operational: ':large_green_circle:', degraded: ':large_yellow_circle:', down: ':red_circle:' };
