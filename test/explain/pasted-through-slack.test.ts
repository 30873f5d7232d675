import { describe, expect, it } from 'vitest';
import { answerOf as classify } from './support/answer-of.js';
import { normalizePaste } from '../../src/explain/normalize-paste.js';

/**
 * What the bot receives is what Slack delivered, not what the user copied: `&`, `<`, `>` escaped, links wrapped in
 * `<…>`, a code block as "```text```" with the fences glued to the text, and quotes a phone keyboard or a document
 * made typographic. The answer must be the one the copied text gets. (Texts made up in the shapes of public pastes.)
 */

describe('a paste as Slack delivers it', () => {
  it('reads a status at the start of a code block whose fence is glued to it', () => {
    const copied = '502 {"error":{"message":"upstream request failed: fetch failed","type":"502"}}';
    expect(classify(copied)).toBe('server_error');
    expect(classify('```' + copied + '```')).toBe('server_error');
    expect(classify('```json\n' + copied + '\n```')).toBe('server_error');
  });

  it('reads escaped angle brackets and a link in Slack markup as the copied text', () => {
    const copied = 'Error: 404 <html><body>Not Found</body></html> POST https://api.anthropic.com/v1/messages {"type":"error","error":{"type":"not_found_error","message":"model: claude-3-opus-latest"}}';
    const delivered = copied.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace('https://api.anthropic.com/v1/messages', '<https://api.anthropic.com/v1/messages|api.anthropic.com/v1/messages>');
    expect(classify(delivered)).toBe(classify(copied));
    expect(classify(delivered)).toMatch(/^not_found/);
  });

  it('reads a one-line paste in inline code as the copied text, and no-break spaces as spaces', () => {
    const copied = '502 {"error":{"message":"upstream request failed: fetch failed","type":"502"}}';
    expect(classify(copied)).toBe('server_error');
    expect(classify('`' + copied + '`')).toBe('server_error');
    // A copy from a rendered page: no-break spaces between the words.
    expect(classify('API\u00a0Error:\u00a0401\u00a0{"type":"error","error":{"type":"authentication_error","message":"OAuth\u00a0token\u00a0has\u00a0expired."}}')).toBe('auth/oauth_token');
    // Zero-width characters a chat app or an editor left in the copy are nothing.
    expect(normalizePaste('"\u200btype":\ufeff"error"\u2060')).toBe('"type":"error"');
  });

  it('reads typographic quotes as ASCII ones', () => {
    expect(classify('{\n  ‘anthropic-ratelimit-requests-limit’: ‘50’,\n  ‘anthropic-ratelimit-requests-remaining’: ‘0’,\n  ‘retry-after’: ‘12’\n}')).toBe('rate_limit/requests');
    expect(classify('We couldn’t find a secret with the name “ANTHROPIC_API_KEY”.')).toBe('auth/missing_key');
  });

  it('keeps typographic quotes that are a JSON string’s own words when the text has ASCII quotes', () => {
    // A gateway's Chinese message quoting a group name: straightening “…” would end the string early.
    const paste = '{"error":{"type":"rate_limit_error","message":"当前分组“default”上游负载已饱和，请稍后再试"}}';
    expect(normalizePaste(paste)).toContain('“default”');
    expect(classify(paste)).toBe('rate_limit');
  });
});
