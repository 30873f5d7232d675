import { describe, expect, it } from 'vitest';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { rules } from '@secretlint/secretlint-rule-preset-recommend';
import { containsSecret, findSecrets, maskApiKey, scrubSecrets } from '../../src/secrets/scrub-secrets.js';
import { SECRET_PASTES } from './paste-table.js';

const KEY = `sk-ant-api03-${'Ab1_-'.repeat(18)}xyzZZAA`;

/** Every 12-character piece of a long secret (a partial leak, like secretlint's AWS rule leaving 22 characters). */
const pieces = (secret: string): string[] =>
  secret.length <= 12 ? [secret] : Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));

function expectScrubbed(out: string, secrets: string[]): void {
  for (const secret of secrets) for (const piece of pieces(secret)) expect(out, `"${piece}" of "${secret}" survived`).not.toContain(piece);
}

describe('scrubSecrets: the paste table (issue 12)', () => {
  for (const { name, paste, secrets } of SECRET_PASTES) {
    it(`masks ${name}`, () => {
      const out = scrubSecrets(paste);
      expectScrubbed(out, secrets);
      expect(out).toContain('[redacted]');
      expect(containsSecret(paste)).toBe(true);
    });
    it(`masks ${name}, inside a JSON log line that stays valid JSON`, () => {
      const line = JSON.stringify({ level: 30, msg: 'pasted', text: paste });
      const out = scrubSecrets(line);
      const parsed = JSON.parse(out) as { text: string };
      expectScrubbed(parsed.text, secrets);
      expectScrubbed(out, secrets);
    });
  }
});

describe('scrubSecrets: what it keeps', () => {
  it('leaves ordinary error text alone', () => {
    const text = '{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"} max_tokens: 1024 input_tokens=5 task-queue-worker-abcdefghijklmnopqrstu "key":"model:claude-sonnet-4-5" Basic authentication failed {"idempotencyKey":"a1:reply:2026-12-02T08:00:00Z#3","alert_idempotency_key":"b2"} PUBLIC_KEY=ssh-ed25519';
    expect(scrubSecrets(text)).toBe(text);
    expect(containsSecret(text)).toBe(false);
  });

  it('keeps the kind of key, and the line after a wrapped key', () => {
    const key = `sk-ant-api03-${'Ab1_-'.repeat(18)}xyzZZAA`;
    expect(scrubSecrets(`my key is ${key} ok`)).toBe('my key is sk-ant-api03-…[redacted] ok');
    expect(scrubSecrets('sk-ant-admin01-abcdefghijklmnopqrstuvwxyz0123456789AA')).toBe('sk-ant-admin01-…[redacted]');
    expect(scrubSecrets('xoxb-1234567890-0987654321-AbCdEfGhIjKl')).toBe('xoxb-…[redacted]');
    expect(scrubSecrets(`${key.slice(0, 50)}\n${key.slice(50)}\nTraceback`)).toBe('sk-ant-api03-…[redacted]\nTraceback');
    expect(scrubSecrets('postgres://app:pw@db/x')).toBe('postgres://app:[redacted]@db/x');
    expect(scrubSecrets('password = "a b c" and more')).toBe('password = "[redacted]" and more');
  });

  it('maps what it finds in the decoded text back onto the original', () => {
    const key = `sk-ant-api03-${'Zq9Lm2'.repeat(8)}`;
    expect(scrubSecrets(`"${key.replaceAll('-', '\\u002d')}" done`)).toBe('"sk\\u002dant\\u002dapi03\\u002d…[redacted]" done');
    expect(scrubSecrets(`q=${key.replaceAll('-', '%2D')}&v=1`)).toBe('q=sk%2Dant%2Dapi03%2D…[redacted]&v=1');
  });
});

/**
 * An independent oracle: secretlint's recommended preset (maintained rules for Anthropic, OpenAI, Slack, GitHub, AWS,
 * Stripe, private keys, connection strings…). Whatever it finds in the paste table must be masked by ours too.
 */
describe('scrubSecrets against secretlint (oracle)', () => {
  secretLintProfiler.setEnabled(false);
  const config = {
    rules: rules
      .filter((rule) => rule.meta.id !== '@secretlint/secretlint-rule-filter-comments')
      .map((rule) => ({ id: rule.meta.id, rule })),
  };
  const lint = async (text: string) =>
    (await lintSource({ source: { content: text, filePath: 'paste.txt', ext: '.txt', contentType: 'text' }, options: { config, noPhysicFilePath: true } })).messages;

  it('masks every secret secretlint finds in the paste table', async () => {
    let found = 0;
    for (const { name, paste } of SECRET_PASTES) {
      const out = scrubSecrets(paste);
      const ranges = findSecrets(paste);
      for (const message of await lint(paste)) {
        const [start, end] = message.range;
        found += 1;
        expect(out, `${name}: ${message.ruleId}`).not.toContain(paste.slice(start, end));
        expect(ranges.some((r) => r.start < end && r.end > start), `${name}: ${message.ruleId}`).toBe(true);
      }
    }
    expect(found).toBeGreaterThanOrEqual(10); // the oracle saw something: a broken preset config would find nothing
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
