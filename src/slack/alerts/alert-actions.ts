import type { types } from '@slack/bolt';
import type { AlertRoot } from '../../monitor/alert-sink.js';

/** The alert buttons' action ids, shared by the renderer and the listeners so they cannot drift apart. */
export const ALERT_ACTION = {
  recheck: 'alert_recheck',
  acknowledge: 'alert_ack',
  snooze: 'alert_snooze',
  resolve: 'alert_resolve',
} as const;

export type AlertActionId = (typeof ALERT_ACTION)[keyof typeof ALERT_ACTION];

/** The snooze menu: how long each choice mutes reminders ('tomorrow': until the next morning, see `snoozeUntil`). */
export const SNOOZE_CHOICES = { '1h': 'Snooze 1 h', '4h': 'Snooze 4 h', tomorrow: 'Snooze until tomorrow' } as const;
export type SnoozeChoice = keyof typeof SNOOZE_CHOICES;

/** How long *Snooze 1 h* mutes reminders. */
export const SNOOZE_MS = 60 * 60_000;
/** "Until tomorrow" ends at this hour, in the server's time zone (`TZ`): Slack does not tell a bot its user's zone. */
export const TOMORROW_HOUR = 9;

/** When a snooze chosen at `nowMs` ends. */
export function snoozeUntil(choice: SnoozeChoice, nowMs: number): number {
  if (choice === '1h') return nowMs + SNOOZE_MS;
  if (choice === '4h') return nowMs + 4 * SNOOZE_MS;
  const next = new Date(nowMs);
  next.setDate(next.getDate() + 1);
  next.setHours(TOMORROW_HOUR, 0, 0, 0);
  return next.getTime();
}

// A grouped root's buttons act on every incident of the alert. Incident keys are check keys (`model:claude-…`) or
// signal keys (`breaker`, `headroom:messages`): none starts with this prefix, so the two cannot be confused.
const ALERT_PREFIX = 'alert:';
/** Slack caps a button value at 2,000 characters and a menu option's value at 150. */
const OPTION_VALUE_CHARS = 150;

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

/** A snooze option's value: the choice and the target (`1h|model:claude-…`), the alert id when the key is too long. */
function snoozeOptionValue(choice: SnoozeChoice, root: AlertRoot): string {
  const value = `${choice}|${alertActionValue(root)}`;
  return value.length <= OPTION_VALUE_CHARS ? value : `${choice}|${ALERT_PREFIX}${root.alertId}`;
}

/** Reads a snooze option back; an old *Snooze 1 h* button (value = target only) still works. */
export function parseSnoozeValue(value: string): { choice: SnoozeChoice; target: AlertTarget } {
  const bar = value.indexOf('|');
  const choice = value.slice(0, bar);
  if (bar > 0 && choice in SNOOZE_CHOICES) return { choice: choice as SnoozeChoice, target: parseAlertActionValue(value.slice(bar + 1)) };
  return { choice: '1h', target: parseAlertActionValue(value) };
}

/**
 * The root's action row while it is open: *Re-check now*; *Acknowledge* until someone has (then the root's own
 * "Acknowledged by @x" line stands in its place, and the button is gone); the snooze menu (1 h, 4 h, until tomorrow);
 * *Resolve* for what the monitor cannot see resolve by itself (a probe no longer run, a model taken out of the list).
 */
export function renderAlertActions(root: AlertRoot): types.KnownBlock {
  const value = alertActionValue(root);
  const open = root.incidents.filter((i) => i.status === 'open');
  const acknowledged = open.length > 0 && open.every((i) => i.acknowledgedBy !== undefined);
  const button = (text: string, action_id: string, style?: 'primary' | 'danger') =>
    ({ type: 'button' as const, text: { type: 'plain_text' as const, text, emoji: true }, action_id, value, ...(style ? { style } : {}) });
  return {
    type: 'actions',
    block_id: 'alert_actions',
    elements: [
      button(':arrows_counterclockwise: Re-check now', ALERT_ACTION.recheck),
      ...(acknowledged ? [] : [button(':eyes: Acknowledge', ALERT_ACTION.acknowledge, 'primary')]),
      {
        type: 'static_select',
        action_id: ALERT_ACTION.snooze,
        placeholder: { type: 'plain_text', text: ':zzz: Snooze', emoji: true },
        options: (Object.keys(SNOOZE_CHOICES) as SnoozeChoice[]).map((choice) => ({
          text: { type: 'plain_text' as const, text: SNOOZE_CHOICES[choice] }, value: snoozeOptionValue(choice, root),
        })),
      },
      button(':white_check_mark: Resolve', ALERT_ACTION.resolve),
    ],
  };
}
