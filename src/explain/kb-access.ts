import type { Advice, Entry } from './explanation.js';
import { CLIENT_AUTH } from './fix-snippets.js';

/** Knowledge base: who may call (auth, permission, billing). Our own words. */

export const AUTH: Entry<'auth'> = {
  title: 'Authentication failed (401)',
  cause: 'The API could not accept the credential sent: the key is malformed, revoked or expired, or none reached it.',
  fixSteps: [
    'Check which variable the process really reads (ANTHROPIC_API_KEY) and that it holds the whole key, without quotes or a trailing newline.',
    'Open the Console (Settings → API keys) and confirm the key is active; create a new one if it was revoked or expired.',
    'Run `/claude-status check` to test the bot\'s own key and see which header (x-api-key or Bearer) works.',
  ],
  retryable: false,
  snippets: CLIENT_AUTH,
  kinds: {
    api_key: {
      title: 'API key rejected (401 invalid x-api-key)',
      cause: 'The key was read but is not valid: a typo, a truncated copy, a key from another organisation, or one that was revoked or expired.',
      fixSteps: [
        'Copy the key again from the Console; an API key starts `sk-ant-api03-` and ends `AA`.',
        'Look for whitespace, quotes or a newline picked up from a .env file or a secret manager.',
        'If the key was rotated, restart or redeploy every process that cached the old one.',
        'With an old SDK or a proxy: a Bearer header holding an API key was refused before API version 2026-10-21; upgrade the SDK or send `x-api-key`.',
      ],
      retryable: false,
      snippets: CLIENT_AUTH,
    },
    oauth_token: {
      title: 'OAuth token used where an API key is expected',
      cause: 'A Claude subscription OAuth token (`sk-ant-oat01-…`) was sent as an API key, or to an endpoint that only accepts API keys.',
      fixSteps: [
        'Create an API key in the Console and use it for API calls; subscription tokens belong to Claude apps.',
        'If you really mean to use the token, pass it as `authToken` (Bearer), never as `apiKey` / `x-api-key`.',
        'Never paste the refresh token (`sk-ant-ort01-…`) anywhere: it is long-lived.',
      ],
      retryable: false,
      snippets: CLIENT_AUTH,
    },
    missing_key: {
      title: 'No API key was sent',
      cause: 'The request carried neither `x-api-key` nor `Authorization`: the environment variable is unset in this process, or a proxy stripped the header.',
      fixSteps: [
        'Set ANTHROPIC_API_KEY in the environment of the process that makes the call (containers and CI have their own).',
        'Or pass the key explicitly: `new Anthropic({ apiKey })` / `anthropic.Anthropic(api_key=...)`.',
        'Behind a gateway, check that it forwards the `x-api-key` / `Authorization` header.',
      ],
      retryable: false,
      snippets: CLIENT_AUTH,
    },
    cors: {
      title: 'Browser call refused (CORS), not a key problem',
      cause: 'The request came from a browser (it had an Origin header); the API refuses those unless you opt in, because the key would be exposed to users.',
      fixSteps: [
        'Move the call to your server and let the browser talk to your server.',
        'Only for internal tools where exposing the key is acceptable: opt in with `dangerouslyAllowBrowser: true`.',
      ],
      retryable: false,
    },
  },
};

export const PERMISSION: Entry<'permission'> = {
  title: 'Permission denied (403)',
  cause: 'The key is valid but may not do this: the model, feature or workspace is not enabled for it.',
  fixSteps: [
    'Check in the Console that the key\'s workspace may use this model and feature.',
    'Try the same request with a key from the workspace that should own it.',
    'If access was recently granted, wait a few minutes and try again.',
  ],
  retryable: false,
  kinds: {
    region: {
      title: 'Request refused: unsupported region',
      cause: 'The request left from a country or region where the API is not offered; the edge answers 403 "Request not allowed" before the API (so there is no request id).',
      fixSteps: [
        'Check where the egress IP of the server, VPN or proxy is located.',
        'Run the workload from a supported region, or use Claude through a cloud provider available there.',
      ],
      retryable: false,
    },
    org_disabled: {
      title: 'Organisation disabled or on hold',
      cause: 'Anthropic has disabled or put the organisation on hold; every key in it is refused.',
      fixSteps: [
        'Check the email of the organisation\'s admins and the Console banner for the reason.',
        'Follow the appeal link if one was given, or contact Anthropic support; retrying will not help.',
      ],
      retryable: false,
    },
  },
};

export const BILLING: Entry<'billing'> = {
  title: 'Billing problem',
  cause: 'The organisation cannot be charged for this request: out of credit, over a spend limit, or a payment problem.',
  fixSteps: [
    'Open Console → Billing and read the banner: it names the reason.',
    'Fix the payment method or add credit, then retry.',
  ],
  retryable: false,
  kinds: {
    spend_cap: {
      title: 'Spend limit reached',
      cause: 'The organisation crossed a monthly spend limit: its usage tier\'s cap (429 `enforced_spend_limit_reached`) or a limit an admin set. Retrying will fail until the limit moves or the month turns.',
      fixSteps: [
        'Console → Limits: see which limit was hit and when it resets.',
        'Raise the limit you set yourself, or move to a higher usage tier (more deposits), or contact sales for a custom one.',
        'Turn off automatic retries for this error (SDK `maxRetries: 0` behind your own limiter): they only add load.',
      ],
      retryable: false,
    },
    credit_balance: {
      title: 'Credit balance too low',
      cause: 'Prepaid credit ran out; the API answers 400 with a message about the credit balance.',
      fixSteps: [
        'Console → Billing: buy credits, or turn on auto-reload so it does not happen again.',
        'The key and the request are fine; retry once the balance is positive.',
      ],
      retryable: false,
    },
    payment: {
      title: 'Payment required (402)',
      cause: 'The billing information or the payment method has a problem (failed card, missing details, invoice overdue).',
      fixSteps: [
        'Console → Billing: update the card or billing details and settle open invoices.',
        'Ask the organisation\'s billing admin if you cannot see that page.',
      ],
      retryable: false,
    },
  },
};

/**
 * A spend cap that is a Claude plan's allowance (Claude Code or claude.ai on Pro or Max, no API key): the Console's
 * limits do not apply, so the API's spend-cap steps would send the reader to the wrong place. Chosen by the plan's own
 * wordings in the text (see `planAllowanceIn`); the kind stays `spend_cap`.
 */
export const PLAN_ALLOWANCE: Advice = {
  title: 'Plan usage limit reached',
  cause: 'A Claude plan (Pro or Max, used from Claude Code or claude.ai) spent its allowance for the current period. It is the plan\'s limit, not an API key\'s: the Console\'s limits and billing do not apply to it.',
  fixSteps: [
    'Wait for the reset time the message names, or check the plan\'s usage page on claude.ai for when it resets.',
    'Turn on extra usage in the plan\'s usage settings to go on past the limit, or move to a larger plan.',
    'Or run the tool with an API key (ANTHROPIC_API_KEY): usage is then billed to the Console organisation, under its rate and spend limits.',
  ],
  retryable: false,
};

/** A plan's own wordings of its usage limit (Claude Code, claude.ai), as opposed to the API's spend limits. */
const PLAN_WORDING = /claude(?: ai)? usage limit reached|you(?:'|’)ve hit your (?:[a-z]{1,12} )?limit|extra usage|usage credits?\b|\b(?:pro|max) plan\b|claude\.ai\/(?:upgrade|settings)|\b(?:\d{1,2}-hour|weekly|session|opus|sonnet) limit reached/i;

/** Whether a billing/spend_cap text is a Claude plan's allowance rather than an API organisation's spend limit. */
export function planAllowanceIn(text: string): boolean {
  return PLAN_WORDING.test(text);
}
