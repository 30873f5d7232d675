/** The alert buttons' action ids, shared by the renderer and the listeners so they cannot drift apart. */
export const ALERT_ACTION = { recheck: 'alert_recheck', acknowledge: 'alert_ack', snooze: 'alert_snooze' } as const;

export type AlertActionId = (typeof ALERT_ACTION)[keyof typeof ALERT_ACTION];

/** How long *Snooze 1 h* mutes reminders. */
export const SNOOZE_MS = 60 * 60_000;

// A grouped root's buttons act on every incident of the alert. Incident keys are check keys (`model:claude-…`) or
// signal keys (`breaker`, `headroom:messages`): none starts with this prefix, so the two cannot be confused.
const ALERT_PREFIX = 'alert:';

/** What a button acts on: one incident (by its key, as the monitor's acknowledge/snooze take) or a whole alert. */
export type AlertTarget = { kind: 'incident'; key: string } | { kind: 'alert'; alertId: string };

/** The button value for a root: the incident key when it holds one incident, else `alert:<alertId>`. */
export function alertActionValue(root: { alertId: string; incidents: { key: string }[] }): string {
  const [only, ...rest] = root.incidents;
  // Slack caps a button value at 2,000 characters; keys are short, but an alert id is the safe fallback.
  return only && rest.length === 0 && only.key.length <= 1900 ? only.key : `${ALERT_PREFIX}${root.alertId}`;
}

/** Reads a button value back. */
export function parseAlertActionValue(value: string): AlertTarget {
  return value.startsWith(ALERT_PREFIX)
    ? { kind: 'alert', alertId: value.slice(ALERT_PREFIX.length) }
    : { kind: 'incident', key: value };
}
