/**
 * Secret scrubbing for every text that leaves the process: log lines, Slack messages, prompts sent to Claude.
 * Used by the logger (every finished line), the explainer (pasted errors) and the reports (the bot's own key).
 *
 * The patterns are bounded (`{n,m}`) and have no nested quantifiers, so scrubbing stays linear on adversarial input.
 * Replacements never contain `"` or `\`, so a scrubbed JSON log line stays valid JSON.
 */

export interface SecretPattern {
  name: string;
  pattern: RegExp;
  /** The masked form; keeps a hint of what it was (the kind), never a part of the secret itself. */
  replace: (match: string, ...groups: string[]) => string;
}

const REDACTED = '[redacted]';

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    // API keys (api03), Admin keys (admin01), OAuth access/refresh tokens (oat01/ort01), also truncated ones.
    name: 'anthropic-key',
    pattern: /\bsk-ant-([a-z]{2,8}\d{0,3})-[A-Za-z0-9_-]{4,200}/g,
    replace: (_m, kind: string) => `sk-ant-${kind}-…${REDACTED}`,
  },
  {
    // xoxb- bot, xoxp- user, xoxa-/xoxr-/xoxs- legacy, xoxe. rotating, xapp- app-level tokens.
    name: 'slack-token',
    pattern: /\b(xox[abposr]|xoxe\.xox[bp]|xoxe|xapp)-[A-Za-z0-9-]{8,250}/g,
    replace: (_m, kind: string) => `${kind}-…${REDACTED}`,
  },
  {
    name: 'slack-webhook',
    pattern: /https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/[A-Za-z0-9/_-]{8,200}/g,
    replace: (_m, kind: string) => `https://hooks.slack.com/${kind}/${REDACTED}`,
  },
  {
    name: 'bearer',
    pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,2000}/gi,
    replace: (_m, scheme: string) => `${scheme} ${REDACTED}`,
  },
  {
    // `x-api-key: value`, `'x-api-key': 'value'`, `"x-api-key":"value"`, `Authorization: value`.
    name: 'auth-header',
    pattern: /\b(x-api-key|authorization)(["']?\s{0,5}[:=]\s{0,5}["']?)(?!Bearer\b|Basic\b|\[redacted\]|sk-ant-[a-z]{2,8}\d{0,3}-…)[^\s"',;}]{8,2000}/gi,
    replace: (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`,
  },
  {
    name: 'aws-access-key',
    pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g,
    replace: () => `AKIA…${REDACTED}`,
  },
  {
    name: 'github-token',
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{30,255})/g,
    replace: () => `gh…${REDACTED}`,
  },
  {
    // OpenAI-style keys (sk-…, sk-proj-…); Anthropic keys were already masked above.
    name: 'sk-key',
    pattern: /\bsk-(?!ant-)(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,250}/g,
    replace: () => `sk-…${REDACTED}`,
  },
  {
    name: 'jwt',
    pattern: /\beyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{8,2000}/g,
    replace: () => `eyJ…${REDACTED}`,
  },
  {
    // password=…, client_secret: "…", api_key='…', token=… (query strings, env dumps, Python kwargs, JSON).
    name: 'assignment',
    pattern:
      /\b(password|passwd|pwd|secret|client_secret|signing_secret|api[_-]?key|access[_-]?token|refresh[_-]?token|auth[_-]?token|token)(["']?\s{0,5}[:=]\s{0,5}["']?)(?!\[redacted\]|[a-z]{2,8}-…)[^\s"',;&}<>]{6,2000}/gi,
    replace: (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`,
  },
];

/** Replaces every secret-shaped token in `text` by a masked form that never contains any part of the secret. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const { pattern, replace } of SECRET_PATTERNS) {
    out = out.replace(pattern, replace as (substring: string, ...args: string[]) => string);
  }
  return out;
}

/** True when `text` holds something `scrubSecrets` would mask. */
export function containsSecret(text: string): boolean {
  return SECRET_PATTERNS.some(({ pattern }) => {
    pattern.lastIndex = 0;
    const found = pattern.test(text);
    pattern.lastIndex = 0;
    return found;
  });
}

/**
 * The bot's own configured key, shown so an operator can tell which key is in use: its prefix and last four
 * characters (`sk-ant-api03-…ZZAA`). Too short a value shows nothing of itself.
 */
export function maskApiKey(key: string): string {
  const trimmed = key.trim();
  const prefix = /^sk-ant-[a-z]{2,8}\d{0,3}-/.exec(trimmed)?.[0];
  if (prefix && trimmed.length >= prefix.length + 12) return `${prefix}…${trimmed.slice(-4)}`;
  if (prefix) return `${prefix}…`;
  if (trimmed.length >= 24) return `${trimmed.slice(0, 3)}…${trimmed.slice(-4)}`;
  return REDACTED;
}
