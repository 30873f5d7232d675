import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/create-logger.js';

const API_KEY = `sk-ant-api03-${'Abc123_-'.repeat(11)}xyzAA`;
const BOT_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const APP_TOKEN = 'xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef0123456789';
const SIGNING_SECRET = '8f14e45fceea167a5a36dedd4bea2543'; // no recognisable shape: caught because it is configured

function collect() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = createLogger({ level: 'trace', secrets: [BOT_TOKEN, SIGNING_SECRET, APP_TOKEN, API_KEY] }, stream);
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes structured JSON lines', () => {
    const { logger, lines } = collect();
    logger.info({ check: 'auth', latencyMs: 12 }, 'probe done');
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 30, msg: 'probe done', check: 'auth', latencyMs: 12, app: 'claude-status' });
  });

  it('keeps every secret out of every line, wherever it appears', () => {
    const { logger, lines } = collect();
    logger.info(`calling with ${API_KEY}`);
    logger.warn({ deeply: { nested: [{ value: `token=${BOT_TOKEN}` }] } }, 'nested');
    logger.error({ err: new Error(`Slack said no for ${APP_TOKEN}`) }, 'error with stack');
    logger.info({ headers: { authorization: `Bearer ${API_KEY}`, 'x-api-key': API_KEY } }, 'request headers');
    logger.debug({ config: { signingSecret: SIGNING_SECRET, apiKey: API_KEY, botToken: BOT_TOKEN } }, 'config');
    logger.info({ note: `secret ${SIGNING_SECRET} inside text` }, `and in the message ${SIGNING_SECRET}`);
    logger.info({ pasted: 'sk-ant-api03-NotOurKeyButStillASecret_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH' }, 'a user pasted');
    expect(lines).toHaveLength(7);
    const all = lines.join('\n');
    for (const secret of [API_KEY, BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, 'NotOurKeyButStillASecret']) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('[redacted]');
    // The lines stay valid JSON after scrubbing.
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
