import { Writable } from 'node:stream';
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { scrubSecrets } from '../secrets/scrub-secrets.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Human-readable lines (development); JSON lines otherwise. */
  pretty?: boolean;
  /**
   * The exact secret values this process holds (tokens, signing secret, API key). Some, like a signing secret, have
   * no recognisable shape, so pattern scrubbing alone cannot catch them.
   */
  secrets?: (string | undefined)[];
}

/** Paths that hold secrets by name: removed before serialisation (defence in depth under the line scrubber). */
const REDACT_PATHS = [
  'apiKey', '*.apiKey', 'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken',
  'signingSecret', '*.signingSecret', 'authorization', '*.authorization', 'headers.authorization',
  '*.headers.authorization', 'headers["x-api-key"]', '*.headers["x-api-key"]', 'password', '*.password',
];

/**
 * A pino logger whose every line is free of secrets — wherever they appear, in a message, a nested object or an
 * error's stack — because the finished line is scrubbed before it reaches the destination.
 */
export function createLogger(options: LoggerOptions, destination?: DestinationStream | NodeJS.WritableStream): Logger {
  const known = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
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
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    scrubbing,
  );
}
