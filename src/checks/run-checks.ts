import type { ClaudeApi, Priority } from '../ports/claude-api.js';
import type { Clock } from '../ports/clock.js';
import { checkAuth, type AuthCheck } from './check-auth.js';
import { checkGeneration } from './check-generation.js';
import { checkKeyFormat, maskedKey } from './check-key-format.js';
import { checkModelAccess } from './check-model-access.js';
import { checkRateLimits } from './check-rate-limits.js';
import { checkResilience } from './check-resilience.js';
import type { CheckId, CheckResult, StatusPageSummary, StatusReport } from './check-result.js';
import { checkStatusPage } from './check-status-page.js';
import { decideVerdict } from './decide-verdict.js';

export interface RunChecksDeps {
  claude: ClaudeApi;
  apiKey: string;
  /** CLAUDE_MODELS; CLAUDE_MODEL is always checked too. */
  models: string[];
  /** CLAUDE_MODEL: the model the generation probe uses. */
  model: string;
  statusPage: () => Promise<StatusPageSummary>;
  clock: Clock;
  /** Run the one paid probe (a `max_tokens: 1` Messages call). Default true: on-demand checks want it. */
  generation?: boolean;
  priority?: Priority;
}

const skipped = (id: CheckId, summary: string, subject?: string): CheckResult => ({ id, ...(subject ? { subject } : {}), status: 'skip', summary, detail: [] });

/**
 * One probe round: the key's shape first (a malformed key skips the API probes, which would only repeat it), then
 * authentication, model access, generation and the status page concurrently, then the headroom and the guard as
 * those calls left them; the verdict last.
 */
export async function runChecks(deps: RunChecksDeps): Promise<StatusReport> {
  const started = deps.clock.now();
  const priority = deps.priority ?? 'interactive';
  const models = [...new Set([deps.model, ...deps.models])];
  const keyFormat = checkKeyFormat(deps.apiKey);
  const probing = keyFormat.status !== 'fail';
  const notProbed = 'Not checked: the key is malformed';

  const statusPage = deps.statusPage().catch(
    (error: unknown): StatusPageSummary => ({ reachable: false, tried: [], error: error instanceof Error ? error.message : String(error) }),
  );
  const auth: Promise<AuthCheck> = probing
    ? checkAuth({ claude: deps.claude, priority })
    : Promise.resolve({ result: skipped('auth', notProbed) });
  const modelChecks = probing
    ? checkModelAccess({ claude: deps.claude, models, visible: auth.then((a) => a.models), priority })
    : Promise.resolve(models.map((m) => skipped('model', notProbed, m)));
  const generation =
    deps.generation === false
      ? Promise.resolve(skipped('generation', 'Not run: the generation probe is off', deps.model))
      : probing
        ? checkGeneration({ claude: deps.claude, model: deps.model, priority })
        : Promise.resolve(skipped('generation', notProbed, deps.model));

  const [authCheck, modelResults, generationResult, page] = await Promise.all([auth, modelChecks, generation, statusPage]);
  // A key that looked short but was accepted is not truncated: the API has the final word.
  const { fix: _unneeded, ...keyFacts } = keyFormat;
  const keyResult: CheckResult =
    keyFormat.status === 'warn' && authCheck.result.status === 'ok'
      ? { ...keyFacts, status: 'ok', summary: `API key ${maskedKey(deps.apiKey)} (shorter than usual, but accepted)` }
      : keyFormat;

  const resilience = deps.claude.resilience();
  const checks = [
    keyResult,
    authCheck.result,
    ...modelResults,
    generationResult,
    checkRateLimits({ claude: deps.claude }),
    checkStatusPage(page),
    checkResilience(resilience),
  ];
  const decision = decideVerdict(checks, page);
  const meta = authCheck.meta;
  const free = deps.claude.lastMeta('count_tokens')?.rateLimits ?? deps.claude.lastMeta('models')?.rateLimits;
  const messages = deps.claude.lastMeta('messages')?.rateLimits;
  return {
    verdict: decision.verdict,
    blame: decision.blame,
    headline: decision.headline,
    checkedAt: new Date(started).toISOString(),
    durationMs: deps.clock.now() - started,
    key: {
      masked: maskedKey(deps.apiKey),
      ...(meta?.organizationId ? { organizationId: meta.organizationId } : {}),
      ...(meta?.workspaceId ? { workspaceId: meta.workspaceId } : {}),
    },
    models,
    checks: decision.checks,
    rateLimits: { ...(messages ? { messages } : {}), ...(free ? { free } : {}) },
    statusPage: page,
    resilience,
  };
}
