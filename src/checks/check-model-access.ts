import type { ApiFailure, ClaudeApi, ModelInfo, Priority } from '../ports/claude-api.js';
import { adviseFailure } from './advise-failure.js';
import { PROBE_DEADLINE_MS } from './check-auth.js';
import type { CheckResult } from './check-result.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { closest } from '../text/edit-distance.js';
import { CURRENT_MODELS, RETIRED_MODELS } from './retired-models.js';
import { describeFailure, failureDetail } from './describe-failure.js';

export interface ModelAccessDeps {
  claude: ClaudeApi;
  models: string[];
  /** The models `/v1/models` listed for this key (from the auth check), or undefined when that call failed. */
  visible: Promise<ModelInfo[] | undefined>;
  priority?: Priority;
  /** Retirement dates are judged against this clock's today. */
  clock?: Clock;
}

const day = (iso: string | null | undefined): string | undefined => iso?.slice(0, 10);

/**
 * Model access, one result per model, through the free `count_tokens` endpoint (its own rate-limit bucket): usable,
 * no permission (403), retired or unknown (404: the API does not tell them apart, `/v1/models` does), and a warning
 * with the date for a deprecated model.
 */
export async function checkModelAccess(deps: ModelAccessDeps): Promise<CheckResult[]> {
  const options = { probe: true, priority: deps.priority ?? 'interactive', deadlineMs: PROBE_DEADLINE_MS } as const;
  let withRetired: Promise<ModelInfo[] | undefined> | undefined;
  // One listing with retired models for all 404s of a round, asked only when some model is not found.
  const retiredList = () =>
    (withRetired ??= deps.claude.listModels({ ...options, includeRetired: true }).then((o) => (o.ok ? o.value : undefined)));
  const lookUp = async (id: string): Promise<ModelInfo | undefined> => {
    const found = (await deps.visible)?.find((m) => m.id === id);
    if (found) return found;
    // Aliases and ids beyond the first page are not in the list: ask for the one model.
    const one = await deps.claude.getModel(id, options);
    return one.ok ? one.value : undefined;
  };

  return Promise.all(
    deps.models.map(async (model): Promise<CheckResult> => {
      const outcome = await deps.claude.countTokens(model, options);
      const latency = outcome.meta ? { latencyMs: outcome.meta.latencyMs } : {};
      if (outcome.ok) {
        const info = await lookUp(model);
        const retiredOn = day(info?.retiresAt ?? (RETIRED_MODELS[model] ? `${RETIRED_MODELS[model]}T00:00:00Z` : undefined));
        // A retirement date already past is a retirement, even while the API still answers (it may stop any moment).
        if (retiredOn && Date.parse(`${retiredOn}T00:00:00Z`) <= (deps.clock ?? systemClock).now() && info?.lifecycle !== 'active') {
          return {
            id: 'model', subject: model, status: 'fail',
            summary: `${model} was retired on ${retiredOn}`,
            detail: ['it still answered count_tokens today, but calls to it can fail at any moment'],
            fix: 'Move CLAUDE_MODEL / CLAUDE_MODELS to a current model (see GET /v1/models).',
            ...latency,
          };
        }
        if (info?.lifecycle === 'deprecated') {
          const retires = day(info.retiresAt);
          return {
            id: 'model', subject: model, status: 'warn',
            summary: `${model} is deprecated${retires ? ` and retires on ${retires}` : ''}`,
            detail: [`usable today (count_tokens answered)`, ...(day(info.deprecatedAt) ? [`deprecated since ${day(info.deprecatedAt)}`] : [])],
            fix: `Move to a current model (see GET /v1/models) before ${retires ?? 'it retires'}; calls to it will then fail with 404.`,
            ...latency,
          };
        }
        return { id: 'model', subject: model, status: 'ok', summary: `${model} is usable`, detail: [`count_tokens answered in ${outcome.meta.latencyMs} ms`], ...latency };
      }
      return { ...(await explain(model, outcome.failure)), ...latency, failure: outcome.failure };
    }),
  );

  async function explain(model: string, failure: ApiFailure): Promise<CheckResult> {
    const detail = failureDetail(failure);
    const base = { id: 'model' as const, subject: model, detail };
    switch (failure.category) {
      case 'auth':
        return { ...base, status: 'skip', summary: `${model} not checked: the key was rejected` };
      case 'permission':
        return { ...base, status: 'fail', summary: `No permission to use ${model}`, fix: `Enable ${model} for this key's workspace in the Console, or use a model the key may call.` };
      case 'not_found': {
        const listed = (await retiredList())?.find((m) => m.id === model);
        const retired = listed?.lifecycle === 'retired' ? listed : RETIRED_MODELS[model] ? { retiresAt: RETIRED_MODELS[model] } : undefined;
        if (retired) {
          const on = day(retired.retiresAt);
          return {
            ...base, ...adviseFailure(failure, 'retired_model'), status: 'fail', summary: `${model} was retired${on ? ` on ${on}` : ''}`,
            fix: 'Move CLAUDE_MODEL / CLAUDE_MODELS to a current model (see GET /v1/models).',
          };
        }
        const visible = (await deps.visible)?.map((m) => m.id);
        const meant = closest(model, [...(visible ?? []), ...CURRENT_MODELS], 3);
        const known = visible?.slice(0, 5);
        return {
          ...base, ...adviseFailure(failure, 'unknown_model'), status: 'fail',
          summary: `Unknown model id ${model}${meant ? ` — did you mean ${meant}?` : ''}`,
          fix: meant
            ? `Set ${meant} in CLAUDE_MODEL / CLAUDE_MODELS instead of ${model}.`
            : `Check the spelling in CLAUDE_MODEL / CLAUDE_MODELS${known?.length ? `; this key sees e.g. ${known.join(', ')}` : ''}.`,
        };
      }
      case 'rate_limit':
        return { ...base, status: 'warn', summary: `count_tokens is rate-limited for ${model} (its own bucket, separate from Messages)`, fix: describeFailure(failure).fix };
      default: {
        const described = describeFailure(failure);
        return { ...base, status: described.status, summary: `${model}: ${described.cause}`, fix: described.fix };
      }
    }
  }
}
