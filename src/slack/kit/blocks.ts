import type { types } from '@slack/bolt';
import { clip, clipMrkdwn } from './escape.js';
import { SLACK_LIMITS } from './limits.js';

export type KnownBlock = types.KnownBlock;

/** A message for `respond`, chat.postMessage or chat.update: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** What a renderer says before it is fitted: mrkdwn lines, headers in plain text. */
export type Part =
  | { kind: 'header'; text: string }
  | { kind: 'section'; lines: string[] }
  | { kind: 'context'; texts: string[] }
  | { kind: 'divider' };

/** One section block of mrkdwn, clipped to Slack's limit without splitting an entity or a link. */
export const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clipMrkdwn(text, SLACK_LIMITS.sectionText) } });

/** A header block: plain text (Slack parses no mrkdwn or mentions there), so it needs clipping only. */
export const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.header), emoji: true } });

/** A context block of small grey mrkdwn texts (at most ten). */
export function context(...texts: string[]): KnownBlock[] {
  const elements = texts
    .filter((t) => t.trim())
    .slice(0, SLACK_LIMITS.contextElements)
    .map((t) => ({ type: 'mrkdwn' as const, text: clipMrkdwn(t, SLACK_LIMITS.contextText) }));
  return elements.length ? [{ type: 'context', elements }] : [];
}

export const divider = (): KnownBlock => ({ type: 'divider' });

/** Packs lines into as few texts of at most `max` characters as keep lines whole (a too-long line is clipped). */
export function packLines(lines: string[], max: number = SLACK_LIMITS.sectionText): string[] {
  const texts: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clipMrkdwn(raw, max);
    if (current && current.length + 1 + line.length > max) {
      texts.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current.trim()) texts.push(current);
  return texts;
}

function toBlocks(part: Part): KnownBlock[] {
  switch (part.kind) {
    case 'header':
      return [header(part.text)];
    case 'section':
      return packLines(part.lines).map(section);
    case 'context':
      return context(...part.texts);
    case 'divider':
      return [divider()];
  }
}

/** Runs of adjacent sections become one, so their lines share blocks. */
function mergeSections(parts: Part[]): Part[] {
  const merged: Part[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part.kind === 'section' && last?.kind === 'section') merged[merged.length - 1] = { kind: 'section', lines: [...last.lines, ...part.lines] };
    else merged.push(part);
  }
  return merged;
}

export interface FittedBlocks {
  blocks: KnownBlock[];
  /** How many blocks had to be left out (0 when everything fitted). */
  cut: number;
}

/**
 * Turns parts into blocks that Slack accepts, however big the content: one block per part when that fits in
 * `maxBlocks`; else adjacent sections share blocks (every line kept); else dividers go; only then the tail is cut,
 * with a closing note that says so.
 */
export function fitBlocks(parts: Part[], maxBlocks: number = SLACK_LIMITS.messageBlocks, cutNote = 'More was left out to fit Slack’s limits.'): FittedBlocks {
  const natural = parts.flatMap(toBlocks);
  if (natural.length <= maxBlocks) return { blocks: natural, cut: 0 };
  const merged = mergeSections(parts);
  const compact = merged.flatMap(toBlocks);
  if (compact.length <= maxBlocks) return { blocks: compact, cut: 0 };
  const plain = mergeSections(merged.filter((p) => p.kind !== 'divider')).flatMap(toBlocks);
  if (plain.length <= maxBlocks) return { blocks: plain, cut: 0 };
  const cut = plain.length - (maxBlocks - 1);
  const note = context(`_${countOf(cut, 'more block')} left out. ${cutNote}_`);
  return { blocks: [...plain.slice(0, maxBlocks - 1), ...note], cut };
}

/** "1 incident", "3 incidents": never "incident(s)". `plural` for irregular words. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

/** The top-level `text`: plain words for notifications, at most 4,000 characters, never empty. */
export const fallbackText = (text: string): string => clipMrkdwn(text.trim() || 'Claude API status', SLACK_LIMITS.fallbackText);
