import type { Advice, KnowledgeBase } from './explanation.js';
import type { Category, Kind } from '../ports/category.js';
import { AUTH, BILLING, PERMISSION } from './kb-access.js';
import { CONNECTION, OVERLOADED, RATE_LIMIT, SERVER_ERROR, TIMEOUT, UNKNOWN } from './kb-capacity.js';
import { INVALID_REQUEST, NOT_FOUND, REQUEST_TOO_LARGE } from './kb-request.js';

/**
 * What the bot knows about Claude API errors: one entry per category, finer kinds where the fix differs.
 * Data, not code: typed so that a category or kind without advice fails the build.
 */
export const KNOWLEDGE_BASE: KnowledgeBase = {
  auth: AUTH,
  permission: PERMISSION,
  not_found: NOT_FOUND,
  invalid_request: INVALID_REQUEST,
  request_too_large: REQUEST_TOO_LARGE,
  rate_limit: RATE_LIMIT,
  overloaded: OVERLOADED,
  server_error: SERVER_ERROR,
  timeout: TIMEOUT,
  connection: CONNECTION,
  billing: BILLING,
  unknown: UNKNOWN,
};

/** The advice for a category, or for its kind when the kind has its own entry. */
export function lookupAdvice(category: Category, kind?: Kind): Advice {
  const entry = KNOWLEDGE_BASE[category];
  const kinds = entry.kinds as Partial<Record<Kind, Advice>>;
  return (kind && kinds[kind]) || entry;
}
