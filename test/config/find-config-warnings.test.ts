import { config as loadDotenv } from 'dotenv';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigWarnings } from '../../src/config/find-config-warnings.js';
import { loadConfig } from '../../src/config/load-config.js';

/** What main.ts does: dotenv fills the environment from the file, then the warnings read both. */
function start(dotenvText: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'claude-status-env-'));
  writeFileSync(join(dir, '.env'), dotenvText);
  const processEnv: Record<string, string> = { ...env };
  loadDotenv({ path: join(dir, '.env'), processEnv, quiet: true });
  return { processEnv, warnings: findConfigWarnings({ env: processEnv, dotenvText }) };
}

describe('findConfigWarnings: configuration that would fail silently', () => {
  it('says so when dotenv read ALERT_CHANNEL=#ops-alerts as an empty value (the monitor would silently stay off)', () => {
    const { processEnv, warnings } = start('SLACK_BOT_TOKEN=xoxb-1\nALERT_CHANNEL=#ops-alerts\n');
    expect(processEnv.ALERT_CHANNEL).toBe('');
    expect(loadConfig({ ...processEnv, ANTHROPIC_API_KEY: 'k', SLACK_APP_TOKEN: 'xapp-1' }).monitor.alertChannel).toBeUndefined();
    expect(warnings).toEqual([{ variable: 'ALERT_CHANNEL', message: expect.stringContaining('Write ALERT_CHANNEL="#ops-alerts" (quoted), or a channel id') as string }]);
  });

  it('is quiet for a quoted name, an id, an empty line copied from .env.example, and a value the real environment sets', () => {
    expect(start('ALERT_CHANNEL="#ops-alerts"\nSLACK_APP_TOKEN=\n').warnings).toEqual([]);
    expect(start('ALERT_CHANNEL=C0123ABCD\n').warnings).toEqual([]);
    expect(start('ALERT_CHANNEL=#ops\n', { ALERT_CHANNEL: 'C0REAL' }).warnings).toEqual([]);
  });

  it('warns about a variable we do not read that looks like one we do, with the one meant', () => {
    const { warnings } = start('ALERT_CHANEL=C0123ABCD\nMONITOR_INTERVAL=30\nUNRELATED_THING=1\n', { CLAUDE_MODLES: 'claude-haiku-4-5', PATH: '/bin', HOME: '/root' });
    expect(warnings).toEqual([
      { variable: 'ALERT_CHANEL', message: 'ALERT_CHANEL is not a variable claude-status reads; did you mean ALERT_CHANNEL?' },
      { variable: 'MONITOR_INTERVAL', message: 'MONITOR_INTERVAL in .env is not a variable claude-status reads (see .env.example); it is ignored.' },
      { variable: 'CLAUDE_MODLES', message: 'CLAUDE_MODLES is not a variable claude-status reads; did you mean CLAUDE_MODELS?' },
    ]);
  });
});
