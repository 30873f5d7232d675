/** The parts of the configuration that hold secrets (the validated Config fits). */
export interface SecretSettings {
  slack: { botToken?: string; signingSecret?: string; appToken?: string };
  anthropic: { apiKey?: string };
  redisUrl?: string;
}

/**
 * The exact secret values this process holds, for the logger to mask wherever they appear: the Slack tokens and
 * signing secret, the Claude API key, REDIS_URL whole and its password alone, as written in the URL and decoded (what
 * ioredis sends in AUTH). One list for every entry point, so none forgets one.
 */
export function configuredSecrets(config: SecretSettings): string[] {
  const values = [config.slack.botToken, config.slack.signingSecret, config.slack.appToken, config.anthropic.apiKey, config.redisUrl];
  if (config.redisUrl) {
    try {
      const { password } = new URL(config.redisUrl);
      values.push(password, safeDecode(password));
    } catch {
      // Not a URL the config would have let through; the whole value is masked anyway.
    }
  }
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
