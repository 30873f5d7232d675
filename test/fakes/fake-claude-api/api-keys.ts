import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * A well-formed API key, deterministic from `seed`: `sk-ant-api03-` + 93 characters of `[A-Za-z0-9_-]` + `AA`
 * (108 characters), the shape real keys have, so key-format checks and secret scrubbing see the real thing.
 */
export function makeApiKey(seed: string): string {
  let body = '';
  for (let i = 0; body.length < 93; i++) {
    body += createHash('sha256').update(`${seed}:${i}`).digest('base64url');
  }
  return `sk-ant-api03-${body.slice(0, 93)}AA`;
}

/** The key every fake accepts by default (organization `org-test-0001`). */
export const TEST_API_KEY: string = makeApiKey('claude-status-test');

/** Which header carried the credential. */
export type CredentialSource = 'x-api-key' | 'bearer';

/** The credential a request carries: `x-api-key` (SDK 0.x, curl) wins over `Authorization: Bearer` (SDK 1.x). */
export function readCredential(headers: IncomingHttpHeaders): { key: string; source: CredentialSource } | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return { key: apiKey, source: 'x-api-key' };
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return match?.[1] ? { key: match[1].trim(), source: 'bearer' } : undefined;
}
