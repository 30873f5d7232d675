import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/text/edit-distance.js';

describe('editDistance and closest', () => {
  it('counts a missing, extra, changed or swapped character as one edit', () => {
    expect(editDistance('claude-sonet-4-6', 'claude-sonnet-4-6')).toBe(1);
    expect(editDistance('ALERT_CHANEL', 'ALERT_CHANNEL')).toBe(1);
    expect(editDistance('claude-hiaku-4-5', 'claude-haiku-4-5')).toBe(1);
    expect(editDistance('PORT', 'PORT')).toBe(0);
    expect(editDistance('abc', 'xyz', 2)).toBe(3);
    expect(editDistance('short', 'a much longer word', 2)).toBe(3);
  });

  it('suggests the nearest candidate within the limit, never the word itself or a far one', () => {
    expect(closest('claude-sonet-4-6', ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-sonnet-4-5'])).toBe('claude-sonnet-4-6');
    expect(closest('gpt-4o', ['claude-haiku-4-5'])).toBeUndefined();
    expect(closest('PORT', ['PORT'])).toBeUndefined();
  });
});
