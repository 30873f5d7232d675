import { describe, expect, it } from 'vitest';
import { containsSecret, maskApiKey, scrubSecrets } from '../../src/secrets/scrub-secrets.js';

const KEY = `sk-ant-api03-${'Ab1_-'.repeat(18)}xyzZZAA`;

describe('scrubSecrets', () => {
  const cases: [string, string, string][] = [
    ['an API key in a sentence', `my key is ${KEY} ok`, 'sk-ant-api03-…[redacted]'],
    ['an admin key', 'sk-ant-admin01-abcdefghijklmnopqrstuvwxyz0123456789AA', 'sk-ant-admin01-…[redacted]'],
    ['an OAuth token', 'sk-ant-oat01-abcdefghijklmnopqrstuvwxyz', 'sk-ant-oat01-…[redacted]'],
    ['a truncated key', 'sk-ant-api03-abcd', 'sk-ant-api03-…[redacted]'],
    ['a Slack bot token', 'xoxb-1234567890-0987654321-AbCdEfGhIjKl', 'xoxb-…[redacted]'],
    ['an app token', 'xapp-1-A0123456789-1234567890123-abcdef', 'xapp-…[redacted]'],
    ['a webhook', 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX', 'https://hooks.slack.com/services/[redacted]'],
    ['a bearer header', 'Authorization: Bearer abc.def-ghi_jkl012', 'Bearer [redacted]'],
    ['an x-api-key in Python repr', "{'x-api-key': 'some-proxy-secret-value'}", "'x-api-key': '[redacted]'"],
    ['an AWS key', 'AKIAABCDEFGHIJKLMNOP', 'AKIA…[redacted]'],
    ['a GitHub token', `ghp_${'a'.repeat(36)}`, 'gh…[redacted]'],
    ['an OpenAI key', `sk-proj-${'a1'.repeat(20)}`, 'sk-…[redacted]'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV', 'eyJ…[redacted]'],
    ['a password assignment', 'postgres://u?password=hunter2hunter2&x=1', 'password=[redacted]&x=1'],
    ['a JSON secret', '{"client_secret":"abcdef123456"}', '{"client_secret":"[redacted]"}'],
  ];
  for (const [name, input, expected] of cases) {
    it(`masks ${name}`, () => {
      const out = scrubSecrets(input);
      expect(out).toContain(expected);
      expect(containsSecret(input)).toBe(true);
    });
  }

  it('leaves ordinary error text alone', () => {
    const text = '{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"} max_tokens: 1024 input_tokens=5';
    expect(scrubSecrets(text)).toBe(text);
    expect(containsSecret(text)).toBe(false);
  });

  it('keeps JSON valid after masking', () => {
    const line = JSON.stringify({ msg: `key ${KEY}`, token: 'xoxb-1234567890-abcdefghijk', nested: { authorization: `Bearer ${KEY}` } });
    const out = scrubSecrets(line);
    expect(out).not.toContain(KEY.slice(13));
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it('stays fast on adversarial input (no catastrophic backtracking)', () => {
    const inputs = ['sk-ant-'.repeat(10_000), 'x'.repeat(65_536), 'password='.repeat(7_000), `Bearer ${'a'.repeat(65_000)}`, 'xoxb-'.repeat(13_000)];
    for (const input of inputs) expect(scrubSecrets(input).length).toBeGreaterThan(0);
  });
});

describe('maskApiKey', () => {
  it('shows the prefix and the last four characters only', () => {
    expect(maskApiKey(KEY)).toBe('sk-ant-api03-…ZZAA');
    expect(maskApiKey(` ${KEY}\n`)).toBe('sk-ant-api03-…ZZAA');
  });
  it('shows nothing of a short or shapeless value', () => {
    expect(maskApiKey('sk-ant-api03-abc')).toBe('sk-ant-api03-…');
    expect(maskApiKey('hunter2')).toBe('[redacted]');
  });
});
