import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/config-error.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'secret-signing-1234',
  ANTHROPIC_API_KEY: 'sk-ant-api03-xyz',
};

function problemsOf(env: Record<string, string | undefined>, purpose: 'app' | 'cli' = 'app') {
  try {
    loadConfig(env, purpose);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => p.variable);
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(valid);
    expect(c.port).toBe(3000);
    expect(c.slack.mode).toBe('http');
    expect(c.slack.apiUrl).toBe('https://slack.com/api');
    expect(c.anthropic.baseURL).toBe('https://api.anthropic.com');
    expect(c.claude.models).toEqual([c.claude.model]);
    expect(c.monitor).toMatchObject({ intervalSeconds: 60, failureThreshold: 3, recoveryThreshold: 2 });
    expect(c.statusPage.urls).toEqual(['https://status.claude.com', 'https://anthropic.statuspage.io']);
    expect(c.dataDir).toBe('./data');
    expect(c.adminUserIds).toEqual([]);
  });

  it('names every missing required variable at once', () => {
    expect(problemsOf({})).toEqual(expect.arrayContaining(['SLACK_BOT_TOKEN', 'ANTHROPIC_API_KEY']));
  });

  it('names a malformed number and says what is expected', () => {
    try {
      loadConfig({ ...valid, MONITOR_INTERVAL_SECONDS: 'soon' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/MONITOR_INTERVAL_SECONDS: expected a whole number/);
    }
    expect(problemsOf({ ...valid, PORT: '70000', CLAUDE_RPM: '0' })).toEqual(['PORT', 'CLAUDE_RPM']);
  });

  it('switches to Socket Mode with an app token, and needs a signing secret only in HTTP mode', () => {
    const { SLACK_SIGNING_SECRET: _, ...noSecret } = valid;
    expect(problemsOf(noSecret)).toEqual(['SLACK_SIGNING_SECRET']);
    expect(loadConfig({ ...noSecret, SLACK_APP_TOKEN: 'xapp-1-A-1-abc' }).slack.mode).toBe('socket');
    expect(problemsOf({ ...valid, SLACK_APP_TOKEN: 'xoxb-wrong' })).toEqual(['SLACK_APP_TOKEN']);
  });

  it('parses lists and URLs', () => {
    const c = loadConfig({
      ...valid,
      CLAUDE_MODELS: 'claude-sonnet-4-6, claude-haiku-4-5,',
      ADMIN_USER_IDS: 'U123,W456',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      ALERT_CHANNEL: '#ops-alerts',
    });
    expect(c.claude.models).toEqual(['claude-sonnet-4-6', 'claude-haiku-4-5']);
    expect(c.adminUserIds).toEqual(['U123', 'W456']);
    expect(c.slack.apiUrl).toBe('http://127.0.0.1:9/api');
    expect(c.monitor.alertChannel).toBe('ops-alerts');
    expect(problemsOf({ ...valid, ADMIN_USER_IDS: 'bob' })).toEqual(['ADMIN_USER_IDS']);
    expect(problemsOf({ ...valid, ANTHROPIC_BASE_URL: 'localhost:8080' })).toEqual(['ANTHROPIC_BASE_URL']);
  });

  it('needs only the API key for the CLI', () => {
    expect(loadConfig({ ANTHROPIC_API_KEY: 'sk-ant-api03-x' }, 'cli').anthropic.apiKey).toBe('sk-ant-api03-x');
    expect(problemsOf({}, 'cli')).toEqual(['ANTHROPIC_API_KEY']);
  });
});
