#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runCli } from './cli/run-cli.js';
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

runCli({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr, readStdin, version: version(), dotenvText: dotenvText() }).then(
  // Exit explicitly once the output is flushed: the limiter's timers (or a Claude call past its wait) must not keep a
  // finished command alive.
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    process.stderr.write(`claude-status failed: ${scrubSecrets(err instanceof Error ? err.message : String(err))}\n`);
    process.exit(2);
  },
);
