#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runCli } from './cli/run-cli.js';
import { compose } from './compose.js';
import { scrubSecrets } from './secrets/scrub-secrets.js';

/** `claude-status check|explain`: the only other file besides main.ts that reads the environment. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// src/cli.ts and dist/cli.js both sit one level below package.json.
const version = (): string | undefined => {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
};

const dotenvText = (): string | undefined => {
  try {
    return readFileSync('.env', 'utf8');
  } catch {
    return undefined;
  }
};

// A reader that went away (`| head -1`, `| true`) closes the pipe: what is left to write has no one to read it. That
// is no failure of the command, so it ends quietly with its own exit code (check's verdict stays 0 or 1, as a script
// with `set -o pipefail` reads it), not with an unhandled EPIPE's stack trace and 1. A closed stream ignores later writes.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

runCli({
  argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr, readStdin, version: version(), dotenvText: dotenvText(),
  // The core only: no Bolt, no monitor, no servers. Each command stops it before it returns.
  compose: (config, logger) => compose(config, { logger, parts: 'core' }),
}).then(
  // No process.exit: every command closed what it built, so the process ends once its output is flushed.
  (code) => void (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`claude-status failed: ${scrubSecrets(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 2;
  },
);
