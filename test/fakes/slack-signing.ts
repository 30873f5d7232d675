import { createHmac } from 'node:crypto';

/** The two headers Slack adds to every request it sends an app. */
export interface SlackSignatureHeaders {
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
}

/**
 * Signs a request body exactly as Slack does: `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`).
 * `timestamp` is in Unix seconds (default now); pass an old one to test the five-minute replay window.
 */
export function signSlackRequest(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): SlackSignatureHeaders {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

/** A slash command's fields as Slack sends them (form fields over HTTP, `payload` in Socket Mode), with defaults. */
export function slashCommandFields(fields: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE001',
    team_domain: 'fake-workspace',
    channel_id: 'C0FAKE001',
    channel_name: 'general',
    user_id: 'U0FAKEUSR',
    user_name: 'alice',
    command: '/claude-status',
    text: '',
    api_app_id: 'A0FAKEAPP',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T0FAKE001/1/fake',
    trigger_id: '1.2.fake-trigger',
    ...fields,
  };
}

/** A slash command as Slack posts it over HTTP (form-encoded). */
export function slashCommandBody(fields: Record<string, string> = {}): string {
  return new URLSearchParams(slashCommandFields(fields)).toString();
}

/** An interactivity request (shortcut, block action, view submission): one form field `payload=<json>`. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

let eventCounter = 0;

/** An Events API `event_callback` wrapping the event (the HTTP body, or the Socket Mode `payload`). */
export function eventCallback(event: Record<string, unknown>, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE001',
    api_app_id: 'A0FAKEAPP',
    type: 'event_callback',
    event_id: `Ev${Date.now().toString(36).toUpperCase()}${++eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0FAKE001', user_id: 'U0FAKEBOT', is_bot: true, is_enterprise_install: false }],
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    ...fields,
  };
}

/** An Events API request body (JSON). */
export function eventBody(event: Record<string, unknown>, fields: Record<string, unknown> = {}): string {
  return JSON.stringify(eventCallback(event, fields));
}

export interface PostSignedOptions {
  /** Default: form-encoded for bodies that do not start with `{`, else JSON. */
  contentType?: string;
  /** Unix seconds used in the signature and the timestamp header. */
  timestamp?: number;
  /** Sends this signature instead of the right one. */
  forgedSignature?: string;
}

/** POSTs a body to the app as Slack would, signed with `secret`. Returns the fetch Response. */
export async function postSigned(url: string, body: string, secret: string, options: PostSignedOptions = {}): Promise<Response> {
  const headers = signSlackRequest(secret, body, options.timestamp);
  if (options.forgedSignature !== undefined) headers['x-slack-signature'] = options.forgedSignature;
  // Bolt's HTTPReceiver compares Content-Type exactly, so no "; charset" suffix on the form type.
  const contentType = options.contentType ?? (body.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded');
  return fetch(url, { method: 'POST', headers: { ...headers, 'content-type': contentType }, body });
}
