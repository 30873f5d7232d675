import { ALNUM, BASE64, DOTTED_TOKEN, SLACK, TOKEN, UPPER_DIGIT, WEBHOOK_PATH, WORD, type CharClass } from './char-class.js';

/**
 * A credential recognised by its prefix (`sk-ant-`, `ghp_`, `AKIA`…): the prefix stays visible (it names the kind),
 * the run of `body` characters after it is masked when it is at least `min` long and passes `check`.
 *
 * Prefixes match anywhere, not only at a word boundary: a key right after a letter, a digit, `_` or an escaped `\n`
 * is still a key. Every `check` must hold for a run whenever it holds for a shorter run inside it (a property like
 * "contains a digit"), so that a rejected run can be skipped whole: that is what keeps the scan linear.
 */
export interface TokenRule {
  name: string;
  /** Alternatives of a regex source (literals, at most a class or two): the prefix. */
  prefix: string;
  body: CharClass;
  min: number;
  check?: (run: string) => boolean;
  /** Visible characters after the prefix (Anthropic's `api03-`, the kind of key); default none. */
  keep?: (text: string, bodyStart: number) => number;
}

const hasDigit = (s: string) => /[0-9]/.test(s);
const randomLooking = (s: string) => hasDigit(s) && /[A-Za-z]/.test(s);

export const TOKEN_RULES: readonly TokenRule[] = [
  {
    // API keys (api03), Admin keys (admin01), OAuth access/refresh tokens (oat01/ort01); truncated ones too.
    name: 'anthropic', prefix: 'sk-ant-', body: TOKEN, min: 4,
    keep: (text, at) => /^[a-z]{2,8}[0-9]{0,3}-/.exec(text.slice(at, at + 12))?.[0].length ?? 0,
  },
  // OpenAI project, service-account and admin keys (also seen without their `T3BlbkFJ` marker).
  { name: 'openai', prefix: 'sk-(?:proj|svcacct|admin|None)-', body: TOKEN, min: 20 },
  // Legacy OpenAI and look-alikes (DeepSeek, ...): `sk-` and 20+ letters and digits, no dashes ("task-queue" is prose).
  { name: 'sk', prefix: 'sk-', body: ALNUM, min: 20, check: randomLooking },
  // Slack: xoxb- bot, xoxp- user, xoxa-/xoxr-/xoxs- legacy, xoxe.xoxp- rotating, xapp- app-level (its hex tail too).
  { name: 'slack', prefix: '(?:xoxe\\.)?xox[a-z]-|xapp-', body: SLACK, min: 8 },
  // Incoming webhooks and workflow triggers; also response_urls (commands/actions): 30 minutes of posting anywhere.
  { name: 'slack-webhook', prefix: 'hooks\\.slack\\.com/(?:services|workflows|triggers|commands|actions)/', body: WEBHOOK_PATH, min: 8 },
  { name: 'github', prefix: 'gh[pousr]_', body: ALNUM, min: 30 },
  { name: 'github-pat', prefix: 'github_pat_', body: WORD, min: 30 },
  { name: 'gitlab', prefix: 'glpat-', body: TOKEN, min: 20 },
  { name: 'google-api-key', prefix: 'AIza', body: TOKEN, min: 30 },
  { name: 'google-oauth', prefix: 'ya29\\.', body: DOTTED_TOKEN, min: 20 },
  { name: 'google-client-secret', prefix: 'GOCSPX-', body: TOKEN, min: 20 },
  { name: 'aws-key-id', prefix: 'AKIA|ASIA', body: UPPER_DIGIT, min: 16 },
  { name: 'stripe', prefix: '[rs]k_(?:live|test)_|whsec_', body: ALNUM, min: 10 },
  { name: 'npm', prefix: 'npm_', body: ALNUM, min: 36 },
  { name: 'huggingface', prefix: 'hf_', body: ALNUM, min: 30, check: randomLooking },
  { name: 'groq', prefix: 'gsk_', body: ALNUM, min: 40 },
  { name: 'sendgrid', prefix: 'SG\\.', body: DOTTED_TOKEN, min: 40 },
  // A JWT: header.payload(.signature); the payload's JSON starts with `{"` as well, so `.eyJ` follows the header.
  { name: 'jwt', prefix: 'eyJ', body: DOTTED_TOKEN, min: 20, check: (run) => run.includes('.eyJ') || run.indexOf('.', run.indexOf('.') + 1) > 0 },
  // A DER private key or certificate in base64 without its PEM lines (MIIE…, MIIC…).
  { name: 'der', prefix: 'MII', body: BASE64, min: 60, check: randomLooking },
];

/** One regex finding every rule's prefix; group i+1 is rule i. Literal alternatives only: linear. */
export const TOKEN_PREFIXES = new RegExp(TOKEN_RULES.map((r) => `(${r.prefix})`).join('|'), 'g');
