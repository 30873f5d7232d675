import type { CallMeta, ClaudeApi, ModelInfo, Priority } from '../ports/claude-api.js';
import type { CheckResult } from './check-result.js';
import { causePhrase, describeFailure, failureDetail } from './describe-failure.js';

/** A probe that takes longer than this is reported as a timeout rather than holding the whole report. */
export const PROBE_DEADLINE_MS = 10_000;

export interface AuthCheck {
  result: CheckResult;
  /** The models the key can see (active and deprecated), for the model checks; absent when the call failed. */
  models?: ModelInfo[];
  meta?: CallMeta;
}

/**
 * Authentication through `GET /v1/models`, which costs no tokens: accepted or rejected (with the API's words),
 * latency, and the organisation and workspace the key belongs to — where a staging key in production shows.
 */
export async function checkAuth(deps: { claude: ClaudeApi; priority?: Priority }): Promise<AuthCheck> {
  const outcome = await deps.claude.listModels({ probe: true, priority: deps.priority ?? 'interactive', deadlineMs: PROBE_DEADLINE_MS });
  const meta = outcome.meta;
  const where = [
    ...(meta?.organizationId ? [`organisation ${meta.organizationId}`] : []),
    ...(meta?.workspaceId ? [`workspace ${meta.workspaceId}`] : []),
  ];
  const latency = meta ? { latencyMs: meta.latencyMs } : {};
  if (outcome.ok) {
    return {
      result: {
        id: 'auth',
        status: 'ok',
        summary: `Key accepted${where.length ? ` (${where.join(', ')})` : ''}`,
        detail: [
          `GET /v1/models answered in ${meta?.latencyMs ?? '?'} ms with ${outcome.value.length} models`,
          ...(meta?.organizationId ? [] : ['the API sent no organisation id (a proxy may strip anthropic-organization-id)']),
          ...(meta?.requestId ? [`request id ${meta.requestId}`] : []),
        ],
        ...latency,
      },
      models: outcome.value,
      ...(meta ? { meta } : {}),
    };
  }
  const described = describeFailure(outcome.failure);
  const summary =
    outcome.failure.category === 'auth'
      ? `Key rejected: ${outcome.failure.message}`
      : `Could not check the key: ${causePhrase(described.cause)}`;
  return {
    result: {
      id: 'auth',
      // A 429 (or our own queue) says nothing against the key: limits apply only after it is accepted.
      status: described.status,
      summary,
      detail: [...failureDetail(outcome.failure), ...(where.length ? [where.join(', ')] : [])],
      fix: described.fix,
      ...latency,
      failure: outcome.failure,
    },
    ...(meta ? { meta } : {}),
  };
}
