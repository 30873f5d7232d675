import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/config-error.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret-123456', ANTHROPIC_API_KEY: 'sk-ant-api03-x' };

describe('ALERT_MENTION', () => {
  it('takes a user group and users in Slack\'s own syntax, comma-separated', () => {
    expect(loadConfig({ ...base, ALERT_MENTION: '<!subteam^S0123ABCD>, <@U0123ABCD>' }).monitor.alertMention).toBe('<!subteam^S0123ABCD> <@U0123ABCD>');
    expect(loadConfig({ ...base, ALERT_MENTION: '<!subteam^S0123ABCD|@oncall>' }).monitor.alertMention).toBe('<!subteam^S0123ABCD|@oncall>');
    expect(loadConfig({ ...base, ALERT_MENTION: '' }).monitor.alertMention).toBeUndefined();
  });

  it('refuses a plain name, @here and anything else, saying what it expects', () => {
    for (const bad of ['@oncall', '<!here>', '<!channel>', 'U0123ABCD', '<@U0123ABCD> <!everyone>']) {
      const error = (() => { try { loadConfig({ ...base, ALERT_MENTION: bad }); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message)).toMatch(/ALERT_MENTION.*user group <!subteam\^S0123ABCD> or users <@U0123ABCD>/s);
    }
  });
});
