import type { types } from '@slack/bolt';
import { clip, clipMrkdwn } from '../mrkdwn.js';

type KnownBlock = types.KnownBlock;

/** Slack's Block Kit limits (reference/slack.md): a message, a section's text, a header, a context element. */
export const BLOCK_LIMITS = { blocks: 50, sectionText: 3000, header: 150, contextElements: 10, contextText: 2000 } as const;

/** What a renderer says before it is fitted: mrkdwn lines, headers in plain text. */
export type ReportPart =
  | { kind: 'header'; text: string }
  | { kind: 'section'; lines: string[] }
  | { kind: 'context'; texts: string[] }
  | { kind: 'divider' };

/** Packs lines into as few texts of at most `max` characters as keep lines whole (a too-long line is clipped). */
export function packLines(lines: string[], max: number = BLOCK_LIMITS.sectionText): string[] {
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

function toBlocks(part: ReportPart): KnownBlock[] {
  switch (part.kind) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: clip(part.text, BLOCK_LIMITS.header), emoji: true } }];
    case 'section':
      return packLines(part.lines).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
    case 'context': {
      const elements = part.texts
        .filter((t) => t.trim())
        .slice(0, BLOCK_LIMITS.contextElements)
        .map((t) => ({ type: 'mrkdwn' as const, text: clipMrkdwn(t, BLOCK_LIMITS.contextText) }));
      return elements.length ? [{ type: 'context', elements }] : [];
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** Runs of adjacent sections become one, so their lines share blocks. */
function mergeSections(parts: ReportPart[]): ReportPart[] {
  const merged: ReportPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part.kind === 'section' && last?.kind === 'section') merged[merged.length - 1] = { kind: 'section', lines: [...last.lines, ...part.lines] };
    else merged.push(part);
  }
  return merged;
}

/**
 * Turns parts into blocks that Slack accepts, however big the report: one block per part when that fits in
 * `maxBlocks`; else adjacent sections share blocks (every line kept); else dividers go; only then the tail is cut,
 * with a closing note that says so.
 */
export function fitBlocks(parts: ReportPart[], maxBlocks: number = BLOCK_LIMITS.blocks, cutNote = 'More was left out to fit Slack’s limits.'): FittedBlocks {
  const natural = parts.flatMap(toBlocks);
  if (natural.length <= maxBlocks) return { blocks: natural, cut: 0 };
  const merged = mergeSections(parts);
  const compact = merged.flatMap(toBlocks);
  if (compact.length <= maxBlocks) return { blocks: compact, cut: 0 };
  const plain = mergeSections(merged.filter((p) => p.kind !== 'divider')).flatMap(toBlocks);
  if (plain.length <= maxBlocks) return { blocks: plain, cut: 0 };
  const cut = plain.length - (maxBlocks - 1);
  const note: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `_${cut} more block(s) left out. ${cutNote}_` }] };
  return { blocks: [...plain.slice(0, maxBlocks - 1), note], cut };
}

export interface FittedBlocks {
  blocks: KnownBlock[];
  /** How many blocks had to be left out (0 when everything fitted). */
  cut: number;
}
