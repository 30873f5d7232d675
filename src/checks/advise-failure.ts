import type { Advice } from '../explain/advice.js';
import type { Category, Kind } from '../explain/category.js';
import { lookupAdvice } from '../explain/knowledge-base.js';
import type { ApiFailure, FailureKind } from '../ports/claude-api.js';

/** Where each failure kind lives in the explainer's knowledge base: a new kind fails the build until placed. */
const PLACE: Record<FailureKind, (f: ApiFailure) => [Category, Kind?]> = {
  auth: () => ['auth', 'api_key'],
  permission: (f) => (f.errorCode === 'organization_on_hold' ? ['permission', 'org_disabled'] : ['permission']),
  not_found: () => ['not_found'],
  invalid_request: () => ['invalid_request'],
  request_too_large: () => ['request_too_large'],
  // The adapter files an organisation on hold under billing; the knowledge base under permission.
  billing: (f) =>
    f.errorCode === 'organization_on_hold'
      ? ['permission', 'org_disabled']
      : ['billing', f.status === 402 || f.errorCode === 'linked_organization_billing_unavailable' ? 'payment' : 'credit_balance'],
  spend_cap: () => ['billing', 'spend_cap'],
  rate_limit: (f) => (f.errorCode === 'ramp_limit_exceeded' ? ['rate_limit', 'acceleration'] : ['rate_limit']),
  overloaded: () => ['overloaded'],
  server: () => ['server_error'],
  timeout: () => ['timeout'],
  connection: () => ['connection'],
  circuit_open: () => ['server_error', 'circuit_open'],
  queue_full: () => ['rate_limit', 'queue_full'],
  aborted: () => ['timeout', 'aborted'],
  unknown: () => ['unknown'],
};

/**
 * The knowledge base's advice (cause and fix steps) for a failed probe. The failure is already classified by the
 * adapter, so no text is parsed here; `kind` overrides when the check knows better (a 404 it found retired).
 */
export function adviseFailure(failure: ApiFailure, kind?: Kind): Advice {
  const [category, placed] = PLACE[failure.kind](failure);
  return lookupAdvice(category, kind ?? placed);
}
