import { Writable } from 'node:stream';
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { scrubSecrets } from '../secrets/scrub-secrets.js';
import { sanitizeLogObject } from './sanitize-log-object.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Human-readable lines (development); JSON lines otherwise. */
  pretty?: boolean;
  /**
   * The exact secret values this process holds: `configuredSecrets(config)` (tokens, signing secret, API key,
   * REDIS_URL and its password). Some, like a signing secret, have no recognisable shape, so pattern scrubbing alone
   * cannot catch them.
   */
  secrets?: (string | undefined)[];
}

/** Paths that hold secrets by name: removed before serialisation (defence in depth under the line scrubber). */
const REDACT_PATHS = [
  'apiKey', '*.apiKey', 'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken',
  'signingSecret', '*.signingSecret', 'authorization', '*.authorization', 'headers.authorization',
  '*.headers.authorization', 'headers["x-api-key"]', '*.headers["x-api-key"]', 'password', '*.password',
  'redisUrl', '*.redisUrl',
];

/** Shorter values are too likely to be ordinary words; a short Redis password is still caught by its structure. */
const MIN_KNOWN_SECRET = 6;

/**
 * A pino logger whose every line is free of secrets — wherever they appear, in a message, a nested object or an
 * error's stack — because errors are serialized without `command.args` wherever they sit, and the finished line is
 * scrubbed (configured values, then every secret shape) before it reaches the destination.
 */
export function createLogger(options: LoggerOptions, destination?: DestinationStream | NodeJS.WritableStream): Logger {
  const values = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= MIN_KNOWN_SECRET);
  // In a JSON line a value with `"` or `\` appears escaped: mask that form too. Longest first: a URL before its password.
  const known = [...new Set(values.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))].sort((a, b) => b.length - a.length);
  const scrubLine = (line: string): string => {
    let out = line;
    for (const secret of known) out = out.split(secret).join('[redacted]');
    return scrubSecrets(out);
  };
  const target = destination ?? (options.pretty ? pretty({ colorize: true, destination: 1 }) : process.stdout);
  const scrubbing = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      target.write(scrubLine(chunk.toString()));
      callback();
    },
  });
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { app: 'claude-status' },
      // Errors are serialized in sanitizeLogObject, wherever they sit; pino's `err` serializer would redo it.
      formatters: { log: sanitizeLogObject },
      serializers: { err: (value: unknown) => value },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    scrubbing,
  );
}
