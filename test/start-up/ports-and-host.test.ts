import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { listenFailure } from '../../src/start-up/start-failure.js';

/** Seen starting the built app with a wrong HOST or METRICS_PORT: messages that did not name the variable to change. */
const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret-signing-1234', ANTHROPIC_API_KEY: 'sk-ant-api03-xyz' };

describe('start-up with a wrong HOST or METRICS_PORT', () => {
  it('names HOST when it is neither an address of this machine nor a name that resolves (999.1.1.1 is looked up as a name)', async () => {
    const server = createServer();
    const err = await new Promise<unknown>((resolve) => {
      server.once('error', resolve);
      server.listen(0, '999.1.1.1.invalid');
    });
    const failure = listenFailure(err, 'PORT', 3000, '999.1.1.1.invalid');
    expect(failure?.message).toMatch(/"999\.1\.1\.1\.invalid" is not an address of this machine nor a name that resolves \(HOST\)/);
    expect(listenFailure({ code: 'ENOTFOUND' }, 'METRICS_PORT', 9100, 'nowhere')?.message).toMatch(/\(METRICS_HOST\)/);
  });

  it('refuses METRICS_PORT equal to PORT, naming it, instead of "another process listens there" at the second listen', () => {
    let problems: { variable: string; message: string }[] = [];
    try {
      loadConfig({ ...valid, PORT: '3998', METRICS_PORT: '3998' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      problems = (err as ConfigError).problems;
    }
    expect(problems).toEqual([{ variable: 'METRICS_PORT', message: expect.stringMatching(/is PORT's port \(3998\)/) }]);
    expect(loadConfig({ ...valid, PORT: '3998', METRICS_PORT: '9100' }).metrics?.port).toBe(9100);
  });
});
