import { describe, expect, it } from 'vitest';
import { checkKeyFormat } from '../../src/checks/check-key-format.js';

const BODY = `${'x'.repeat(89)}ZZAA`.replace(/^x{4}/, 'Ab1_');
const KEY = `sk-ant-api03-${'Q'.repeat(2)}${BODY}`; // 13 + 95 characters, ends in AA
const tail = KEY.slice(-4);

describe('checkKeyFormat', () => {
  it('accepts a well-formed API key and shows it only masked', () => {
    const r = checkKeyFormat(KEY);
    expect(KEY).toHaveLength(108);
    expect(r.status).toBe('ok');
    expect(r.summary).toContain(`sk-ant-api03-…${tail}`);
    expect(JSON.stringify(r)).not.toContain(KEY.slice(13, 40));
  });

  it('fails a missing or empty key', () => {
    expect(checkKeyFormat(undefined).status).toBe('fail');
    expect(checkKeyFormat('  ').summary).toMatch(/No API key/);
  });

  it.each([
    ['an Admin key', `sk-ant-admin01-${BODY}`, /Admin key/],
    ['an OAuth access token', `sk-ant-oat01-${BODY}`, /OAuth token/],
    ['an OAuth refresh token', `sk-ant-ort01-${BODY}`, /OAuth token/],
    ['another provider', `sk-proj-${BODY}`, /does not look like a Claude API key/],
    ['stray double quotes', `"${KEY}"`, /quotes/],
    ['stray single quotes', `'${KEY}'`, /quotes/],
    ['a trailing newline', `${KEY}\n`, /line break/],
    ['leading spaces', `  ${KEY}`, /spaces before or after/],
    ['a space inside', `${KEY.slice(0, 50)} ${KEY.slice(50)}`, /space inside/],
    ['odd characters', `${KEY.slice(0, 50)}$${KEY.slice(51)}`, /characters/],
  ])('fails %s with a fix, never echoing the key', (_label, key, summary) => {
    const r = checkKeyFormat(key);
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(summary);
    expect(r.fix).toBeTruthy();
    expect(JSON.stringify(r)).not.toContain(BODY.slice(0, 30));
  });

  it('warns that a short key looks truncated (the auth probe has the final word)', () => {
    const r = checkKeyFormat(KEY.slice(0, 60));
    expect(r.status).toBe('warn');
    expect(r.summary).toMatch(/truncated/);
    expect(r.detail.join(' ')).toMatch(/60 characters; a full API key has 108/);
  });
});
