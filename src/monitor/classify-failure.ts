import { isOwnRefusal, type Category } from '../ports/category.js';
import type { ApiFailure, LaneSnapshot } from '../ports/claude-api.js';
import type { FailureClass } from './incident.js';

/** The knowledge base's categories grouped as on-call thinks of them: a new category fails the build until placed. */
const CLASS_BY_CATEGORY: Record<Category, FailureClass> = {
  auth: 'auth',
  permission: 'model_access',
  not_found: 'model_access',
  invalid_request: 'request',
  request_too_large: 'request',
  billing: 'billing',
  rate_limit: 'rate_limit',
  overloaded: 'api',
  server_error: 'api',
  timeout: 'api',
  connection: 'api',
  unknown: 'api',
};

/**
 * Classifies a probe failure. A 429 is the bot's own load, not an outage, when our limiter produced it (no HTTP
 * status: the call never left) or when our own calls were queued in that lane at the time (we spent the quota).
 * A probe our own budget held past its deadline (`held`) never left: self load, like the guard's other refusals. A
 * timeout with neither status nor SDK class (the breaker's) while the lane was paused by us or busy is counted so too.
 */
export function classifyFailure(failure: ApiFailure, lane: LaneSnapshot | undefined, busyQueueDepth: number): FailureClass {
  // Our own guard refused or dropped the call: the API was never asked, so it says nothing about Claude.
  if (isOwnRefusal(failure.kind)) return 'self_load';
  // A disabled organisation or one on hold is billing to the person on call: the account, not the model.
  if (failure.kind === 'org_disabled') return 'billing';
  const base = CLASS_BY_CATEGORY[failure.category];
  const busy = lane !== undefined && (lane.queued >= busyQueueDepth || lane.pausedUntil !== undefined);
  if (failure.category === 'timeout' && failure.status === undefined && failure.sdkClass === undefined && busy) return 'self_load';
  if (base !== 'rate_limit') return base;
  if (failure.status === undefined) return 'self_load';
  if (lane && lane.queued >= busyQueueDepth) return 'self_load';
  return 'rate_limit';
}

/** Neutral classes neither advance a failure streak nor break a success streak. */
export const isNeutralClass = (cls: FailureClass): boolean => cls === 'self_load';
