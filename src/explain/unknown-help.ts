import type { Category } from '../ports/category.js';
import type { UnknownHelp } from './explanation.js';
import { lookupAdvice } from './knowledge-base.js';
import type { ParsedError } from './parse-error-text.js';
import type { Classification } from './weigh-evidence.js';

type Known = Exclude<Category, 'unknown'>;

/** When nothing points anywhere: the causes seen most often in the real pastes (overload, rate limits, the network). */
const MOST_COMMON: readonly Known[] = ['overloaded', 'rate_limit', 'connection', 'server_error', 'auth'];

// Axios' code for a response with a 4xx status (its settle()), the status itself not shown: Claude Code's start-up
// check prints it so ("Failed to connect to api.anthropic.com: ERR_BAD_REQUEST").
const AXIOS_4XX = /\bERR_BAD_REQUEST\b/;

/** What a status range or a client makes likely when nothing else decided. */
function hintsFrom(parsed: ParsedError): Known[] {
  const hints: Known[] = [];
  if (parsed.status !== undefined && parsed.status >= 500) hints.push('server_error', 'overloaded', 'timeout');
  else if (parsed.status !== undefined && parsed.status >= 400) hints.push('invalid_request', 'auth', 'permission');
  // A connectivity check's 4xx: the key refused, the region or proxy refused, or a base URL that is not the API's.
  else if (AXIOS_4XX.test(parsed.text)) hints.push('auth', 'permission', 'not_found');
  if (parsed.format === 'traceback' || parsed.format === 'stack-trace') hints.push('connection', 'timeout');
  if (parsed.inStream) hints.push('overloaded');
  return hints;
}

/** Checks a person can do first, per cause, short. */
const CHECK: Readonly<Record<Known, string>> = {
  overloaded: 'look for 529 or "overloaded_error" further up, and at status.claude.com',
  rate_limit: 'look for 429, "rate_limit_error" or a retry-after header; Console → Limits shows your tier',
  connection: 'run `curl -sS https://api.anthropic.com/v1/models` from the same host (401 means reachable)',
  server_error: 'look for 500/502/503 further up; retry with backoff and check status.claude.com',
  auth: 'look for 401; check ANTHROPIC_API_KEY in the environment of the failing process',
  permission: 'look for 403; check the key\'s workspace may use this model',
  not_found: 'look for 404; check the model id against /v1/models',
  invalid_request: 'look for 400 and the message after "invalid_request_error": it names the field',
  request_too_large: 'look for 413; the request body is over 32 MB',
  timeout: 'look for "timed out"; stream long requests and raise the client timeout',
  billing: 'Console → Billing: check the credit balance and spend limits',
};

/** What an unrecognised paste still tells: what was read, the three likeliest causes, and how to get a better answer. */
export function unknownHelp(parsed: ParsedError, classification: Classification): UnknownHelp {
  const recognised: string[] = [];
  if (parsed.status !== undefined) recognised.push(`HTTP status ${parsed.status}`);
  else if (AXIOS_4XX.test(parsed.text)) recognised.push('Axios ERR_BAD_REQUEST: the server answered with a 4xx status (which one is not shown)');
  if (parsed.type) recognised.push(`error type ${parsed.type}`);
  if (parsed.requestId) recognised.push(`request id ${parsed.requestId}`);
  if (parsed.rayId) recognised.push(`Cloudflare Ray ID ${parsed.rayId}`);
  if (parsed.sdkClass) recognised.push(`SDK class ${parsed.sdkClass}${parsed.sdkLanguage ? ` (${parsed.sdkLanguage === 'python' ? 'Python' : 'TypeScript'})` : ''}`);
  else if (parsed.sdkLanguage) recognised.push(`${parsed.sdkLanguage === 'python' ? 'Python' : 'TypeScript/JavaScript'} code`);
  if (parsed.clientClass) recognised.push(`${parsed.clientClass}`);
  if (parsed.client) recognised.push(`printed by ${parsed.client}`);
  if (parsed.model) recognised.push(`model ${parsed.model}`);

  const ranked: Known[] = [];
  for (const c of [...(classification.conflicts ?? []), ...hintsFrom(parsed), ...MOST_COMMON]) {
    if (c !== 'unknown' && !ranked.includes(c)) ranked.push(c);
  }
  const likelyCauses = ranked.slice(0, 3).map((category) => ({ category, title: lookupAdvice(category).title, check: CHECK[category] }));

  const better = [
    'Paste the whole error: the status line, the JSON body (`{"type":"error",…}`), and the last line of the traceback.',
    parsed.requestId ? `Quote request id ${parsed.requestId} to Anthropic support if it persists.` : 'Include the request id (`req_…`) if the error shows one; support can trace it.',
    'Run `/claude-status` to see whether the API is failing for the bot too.',
  ];
  return { recognised, likelyCauses, better };
}
