import { describe, expect, it } from 'vitest';
import { runEntry } from '../support/run-entry.js';

describe('start-up with bad configuration', () => {
  it('stops with exit code 1 and names every missing variable, before connecting anywhere', async () => {
    const result = await runEntry('main', { env: {} });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
    expect(result.stderr).toContain('ANTHROPIC_API_KEY');
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET');
  });

  it('names a malformed value and what is expected', async () => {
    const result = await runEntry('main', {
      env: {
        SLACK_BOT_TOKEN: 'xoxb-1-2-abcdefabcdef',
        SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789',
        ANTHROPIC_API_KEY: `sk-ant-api03-${'a'.repeat(93)}AA`,
        MONITOR_INTERVAL_SECONDS: 'soon',
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/MONITOR_INTERVAL_SECONDS.*soon|soon.*MONITOR_INTERVAL_SECONDS/s);
    expect(result.stderr).not.toContain('SLACK_BOT_TOKEN');
    // The message never repeats a secret it was given.
    expect(result.stderr).not.toContain('a'.repeat(93));
  });
});
