import { isOwnRefusal, type Category } from '../ports/category.js';
import type { ApiFailure } from '../ports/claude-api.js';
import { adviceForProbe } from './advise-failure.js';
import { scrubSecrets } from '../secrets/scrub-secrets.js';
import type { Blame, CheckStatus } from './check-result.js';

/** What a failed probe means for a person: how bad, whose side, what happened and what to do. */
export interface FailureDescription {
  status: Extract<CheckStatus, 'warn' | 'fail'>;
  blame: Blame;
  /** The knowledge base's title for the failure's category and kind, e.g. "Claude API overloaded (529)". */
  cause: string;
  /** Its first fix step (the check's one line when space is short). */
  fix: string;
}

type Weight = Pick<FailureDescription, 'status' | 'blame'>;

/**
 * How bad and whose side, per category (the knowledge base says why and what to do): a new category fails the
 * build until it is placed. A 429 is a warning (the API answered; it heals by waiting).
 */
const WEIGHT: Record<Category, Weight> = {
  auth: { status: 'fail', blame: 'us' },
  permission: { status: 'fail', blame: 'us' },
  not_found: { status: 'fail', blame: 'us' },
  invalid_request: { status: 'fail', blame: 'us' },
  request_too_large: { status: 'fail', blame: 'us' },
  billing: { status: 'fail', blame: 'us' },
  rate_limit: { status: 'warn', blame: 'us' },
  overloaded: { status: 'fail', blame: 'anthropic' },
  server_error: { status: 'fail', blame: 'anthropic' },
  timeout: { status: 'fail', blame: 'network' },
  connection: { status: 'fail', blame: 'network' },
  unknown: { status: 'fail', blame: 'unknown' },
};

/** A title as the end of a sentence ("Could not check the key: claude…" no; "…: could not connect" yes). */
export function causePhrase(title: string): string {
  return /^(?:Claude|API|OAuth)\b|^.[A-Z]/.test(title) ? title : `${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

/** Describes a failed call; the API's own words and request id belong in the check's detail, shown beside this. */
export function describeFailure(failure: ApiFailure): FailureDescription {
  const advice = adviceForProbe(failure);
  // Our own guard refused or the caller gave up: the API was never asked, so the call says nothing against it.
  const ours = isOwnRefusal(failure.kind);
  const weight: Weight = ours ? { status: 'warn', blame: failure.kind === 'aborted' ? 'unknown' : 'us' } : WEIGHT[failure.category];
  return { ...weight, cause: advice.title, fix: advice.fixSteps[0] ?? 'Run the check again.' };
}

/** The API's own message, status, error code and request id, as detail lines for a check. */
export function failureDetail(failure: ApiFailure): string[] {
  const head = [failure.status, failure.type, failure.errorCode].filter((part) => part !== undefined).join(' ');
  return [
    // The API never echoes keys, but a proxy's error page might: scrub before it reaches Slack.
    `API said: ${head ? `${head}: ` : ''}${scrubSecrets(failure.message)}`,
    ...(failure.retryAfterSeconds !== undefined ? [`retry after ${failure.retryAfterSeconds} s`] : []),
    ...(failure.requestId ? [`request id ${failure.requestId}`] : []),
  ];
}
