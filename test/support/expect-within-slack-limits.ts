import { expect } from 'vitest';

type AnyBlock = { type: string; text?: { text: string }; elements?: { text?: string }[] };

/** Slack's Block Kit limits (reference/slack.md): a message Slack would refuse or cut fails here. */
export function expectWithinSlackLimits(message: { text: string; blocks: unknown[] }): void {
  expect(message.text.trim().length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(4000);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks as AnyBlock[]) {
    if (block.type === 'section') {
      expect(block.text!.text.length).toBeLessThanOrEqual(3000);
      expect(block.text!.text.trim().length).toBeGreaterThan(0);
    }
    if (block.type === 'header') expect(block.text!.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'actions') expect(block.elements!.length).toBeLessThanOrEqual(25);
    if (block.type === 'context') {
      expect(block.elements!.length).toBeLessThanOrEqual(10);
      for (const element of block.elements!) expect((element.text ?? '').length).toBeLessThanOrEqual(2000);
    }
  }
}
