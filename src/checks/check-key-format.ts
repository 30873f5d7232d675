import { maskApiKey } from '../secrets/scrub-secrets.js';
import type { CheckResult } from './check-result.js';

/** `sk-ant-api03-` + 93 characters of `[A-Za-z0-9_-]` + `AA` (Anthropic's key shape, November 2026). */
const API_KEY_PREFIX = 'sk-ant-api03-';
const API_KEY_BODY_LENGTH = 95;
const ADMIN_PREFIX = 'sk-ant-admin01-';
const OAUTH_PREFIX = /^sk-ant-o[ar]t\d{2}-/;

/** The key as it would read without the quotes and whitespace people paste with it; used only for masking. */
function cleanKeyForDisplay(key: string): string {
  return key.trim().replace(/^["'`]+|["'`]+$/g, '').trim();
}

/** The key as it may be shown: prefix and last four characters, never more. */
export function maskedKey(key: string | undefined): string {
  return key ? maskApiKey(cleanKeyForDisplay(key)) : '(none)';
}

const result = (status: CheckResult['status'], summary: string, detail: string[], fix?: string): CheckResult => ({
  id: 'key_format',
  status,
  summary,
  detail,
  ...(fix ? { fix } : {}),
});

/**
 * Checks the shape of the configured key without calling the API: present, an API key (not an Admin key or an
 * OAuth token), not truncated, nothing pasted around it. A `fail` means the API probes would only repeat this.
 * The key appears only masked in the result.
 */
export function checkKeyFormat(key: string | undefined): CheckResult {
  if (key === undefined || key.trim() === '') {
    return result('fail', 'No API key is configured', [], 'Set ANTHROPIC_API_KEY to a key from console.anthropic.com → API keys.');
  }
  const masked = maskedKey(key);
  const shown = `key ${masked}`;
  const pasted: string[] = [];
  if (/^["'`]|["'`]$/.test(key.trim())) pasted.push('quotes around it');
  if (/^\s|\s$/.test(key.replace(/[\r\n]/g, ''))) pasted.push('spaces before or after it');
  if (/[\r\n]/.test(key)) pasted.push('a line break');
  if (/\S\s+\S/.test(cleanKeyForDisplay(key))) pasted.push('a space inside it');
  if (pasted.length > 0) {
    return result(
      'fail',
      `The key was pasted with ${pasted.join(', ')}`,
      [shown],
      'Re-enter ANTHROPIC_API_KEY with nothing but the key: no quotes (in .env files too), no spaces, no trailing newline.',
    );
  }
  if (key.startsWith(ADMIN_PREFIX)) {
    return result(
      'fail',
      'This is an Admin key, which only works for the Admin API',
      [shown],
      'Create a regular API key (sk-ant-api03-…) in the Console under API keys and use that instead.',
    );
  }
  if (OAUTH_PREFIX.test(key)) {
    return result(
      'fail',
      'This is an OAuth token from a Claude subscription, not an API key',
      [shown],
      'Claude.ai / Claude Code subscription tokens do not work with the API: create an API key in the Console.',
    );
  }
  if (!key.startsWith(API_KEY_PREFIX)) {
    return result(
      'fail',
      `This does not look like a Claude API key (expected it to start with ${API_KEY_PREFIX})`,
      [shown],
      'Copy the key again from console.anthropic.com → API keys; keys from other providers will not work here.',
    );
  }
  const body = key.slice(API_KEY_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) {
    return result('fail', 'The key contains characters a Claude API key never has', [shown], 'Copy the key again from the Console.');
  }
  // A short or oddly-ended key is probably cut off; only a warning, since the auth probe has the final word.
  if (body.length < API_KEY_BODY_LENGTH || !body.endsWith('AA')) {
    return result(
      'warn',
      'The key looks truncated',
      [shown, `${API_KEY_PREFIX.length + body.length} characters; a full API key has ${API_KEY_PREFIX.length + API_KEY_BODY_LENGTH} and ends in AA`],
      'If authentication fails, copy the whole key again: it is shown only once, so you may need to create a new one.',
    );
  }
  return result('ok', `API key ${masked}`, [shown]);
}
