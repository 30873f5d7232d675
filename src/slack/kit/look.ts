import type { CheckStatus, Verdict } from '../../checks/check-result.js';
import type { Severity } from '../../monitor/incident.js';

/** How a look reads in Slack: the emoji at the start of a line, the colour bar of an attachment, a word for `text`. */
export interface Look {
  emoji: string;
  /** Hex colour for an attachment's bar (Slack's own good / warning / danger hues). */
  colour: string;
  label: string;
}

const GOOD = '#2eb67d';
const WARNING = '#ecb22e';
const DANGER = '#e01e5a';
const ORANGE = '#f2711c';
const NEUTRAL = '#9e9ea6';

/** The verdict, alike in the report, the App Home and the alerts. */
export const VERDICT_LOOK: Record<Verdict, Look> = {
  operational: { emoji: ':large_green_circle:', colour: GOOD, label: 'Operational' },
  degraded: { emoji: ':large_yellow_circle:', colour: WARNING, label: 'Degraded' },
  down: { emoji: ':red_circle:', colour: DANGER, label: 'Down' },
};

/** One check's status. `skip` is neither good nor bad: it was not run. */
export const STATUS_LOOK: Record<CheckStatus, Look> = {
  ok: { emoji: ':white_check_mark:', colour: GOOD, label: 'ok' },
  warn: { emoji: ':warning:', colour: WARNING, label: 'warning' },
  fail: { emoji: ':x:', colour: DANGER, label: 'failing' },
  skip: { emoji: ':heavy_minus_sign:', colour: NEUTRAL, label: 'not checked' },
};

/** An incident's severity, for alerts, thread notes and the App Home's open incidents. */
export const SEVERITY_LOOK: Record<Severity, Look> = {
  critical: { emoji: ':red_circle:', colour: DANGER, label: 'Critical' },
  major: { emoji: ':large_orange_circle:', colour: ORANGE, label: 'Major' },
  minor: { emoji: ':large_yellow_circle:', colour: WARNING, label: 'Minor' },
};

/** A resolved incident or a recovered check. */
export const RESOLVED_LOOK: Look = { emoji: ':white_check_mark:', colour: GOOD, label: 'Resolved' };

/** Shorthands for the emoji alone. */
export const STATUS_EMOJI: Record<CheckStatus, string> = {
  ok: STATUS_LOOK.ok.emoji, warn: STATUS_LOOK.warn.emoji, fail: STATUS_LOOK.fail.emoji, skip: STATUS_LOOK.skip.emoji,
};
export const VERDICT_EMOJI: Record<Verdict, string> = {
  operational: VERDICT_LOOK.operational.emoji, degraded: VERDICT_LOOK.degraded.emoji, down: VERDICT_LOOK.down.emoji,
};
