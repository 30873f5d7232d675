import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { configuredSecrets } from '../../src/logging/configured-secrets.js';
import { createLogger } from '../../src/logging/create-logger.js';

const API_KEY = `sk-ant-api03-${'Abc123_-'.repeat(11)}xyzAA`;
const BOT_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const APP_TOKEN = 'xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef0123456789';
const SIGNING_SECRET = '8f14e45fceea167a5a36dedd4bea2543'; // no recognisable shape: caught because it is configured

function collect(secrets: string[] = [BOT_TOKEN, SIGNING_SECRET, APP_TOKEN, API_KEY]) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = createLogger({ level: 'trace', secrets }, stream);
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

  it('drops command.args from errors wherever they sit (ioredis puts the AUTH password there), keeping the command name', () => {
    const { logger, lines } = collect([]); // not configured: only the structure protects it
    const refused = () => Object.assign(new Error('WRONGPASS invalid username-password pair or user is disabled.'), { command: { name: 'auth', args: ['Zq9x'] } });
    logger.error({ err: refused() }, 'under err');
    logger.error({ error: refused(), reason: refused() }, 'under other keys');
    logger.error({ detail: { attempts: [refused()] } }, 'nested');
    logger.error({ err: new Error('round failed', { cause: refused() }) }, 'as a cause');
    logger.error({ command: { name: 'auth', args: ['Zq9x'] } }, 'a plain object');
    const all = lines.join('\n');
    expect(lines).toHaveLength(5);
    expect(all).not.toContain('Zq9x');
    expect(JSON.parse(lines[0]!)).toMatchObject({ err: { message: expect.stringContaining('WRONGPASS'), command: { name: 'auth' } } });
  });

  it('masks REDIS_URL and its password alone, written in the URL or decoded, plain or JSON-escaped', () => {
    const redisUrl = 'redis://default:p%40ss%22w0rd@cache.internal:6379/0';
    const secrets = configuredSecrets({ slack: { botToken: BOT_TOKEN }, anthropic: { apiKey: API_KEY }, redisUrl });
    expect(secrets).toEqual(expect.arrayContaining([redisUrl, 'p%40ss%22w0rd', 'p@ss"w0rd']));
    const { logger, lines } = collect(secrets);
    logger.info({ redisUrl }, 'configured');
    logger.warn(`connecting with ${redisUrl.replace('redis://', '')}`);
    logger.warn({ password: 'p@ss"w0rd', note: 'the password is p@ss"w0rd' }, 'decoded, inside a JSON string');
    const all = lines.join('\n');
    for (const form of ['p%40ss%22w0rd', 'p@ss"w0rd', 'p@ss\\"w0rd', 'ss%22w0rd']) expect(all).not.toContain(form);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
