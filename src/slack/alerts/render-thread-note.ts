import type { types } from '@slack/bolt';
import type { ThreadNote, ThreadNoteKind } from '../../monitor/alert-sink.js';
import { formatDuration } from '../../text/format-duration.js';
import { esc, mention, slackDate } from '../kit/index.js';

const EMOJI: Record<ThreadNoteKind, string> = {
  still_failing: ':hourglass_flowing_sand:',
  escalated: ':arrow_double_up:',
  anthropic_acknowledged: ':satellite_antenna:',
  anthropic_updated: ':satellite_antenna:',
  changed: ':memo:',
  anthropic_cleared: ':large_green_circle:',
  acknowledged: ':eyes:',
  snoozed: ':zzz:',
  resolved: ':white_check_mark:',
};

/**
 * The mrkdwn of a note. Acknowledged and snoozed are rebuilt from the structured fields (the user id becomes a
 * mention only when it looks like one); the rest show the monitor's own text, escaped.
 */
function body(note: ThreadNote): string {
  switch (note.kind) {
    case 'acknowledged':
      return `Acknowledged by ${mention(note.userId)} ${slackDate(note.at)}: someone is on it, reminders stop.`;
    case 'snoozed':
      return `Muted by ${mention(note.userId)} until ${slackDate(note.until)}; the mute clears itself on recovery.`;
    case 'resolved':
    case 'still_failing': {
      const took = note.durationMs !== undefined ? ` (${formatDuration(note.durationMs)})` : '';
      // Resolved by hand (the Resolve button): say who, as a live mention.
      const by = note.kind === 'resolved' && note.userId ? `Resolved by ${mention(note.userId)}: ` : '';
      return `${by}${esc(note.text, 2500)}${took && !note.text.includes(formatDuration(note.durationMs ?? 0)) ? took : ''}`;
    }
    default:
      return esc(note.text, 2500);
  }
}

/**
 * A reply in an alert's thread: one section (a round's changes one per line), and a plain `text` for notifications.
 * No incident id: the thread already says which alert, and the lines say what changed in words.
 */
export function renderThreadNote(note: ThreadNote): { text: string; blocks?: types.KnownBlock[] } {
  const text = `${EMOJI[note.kind]} ${body(note)}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
