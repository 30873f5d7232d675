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
  /** Where a check that threw is logged (a bug in a check, never a reason to lose the round). */
  logger?: { error(obj: object, msg: string): void };
}

const skipped = (id: CheckId, summary: string, subject?: string): CheckResult => ({ id, ...(subject ? { subject } : {}), status: 'skip', summary, detail: [] });

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A check that threw: its own result naming the bug, so the other checks (and the monitor's round) stand. `skip`,
 * not a failure or a warning: it learnt nothing about the API, so it must neither alert (our bug is not an outage)
 * nor count as healthy (a crashing probe must not resolve an open incident); the monitor reads `skip` as neutral.
 */
function internalError(id: CheckId, error: unknown, subject?: string): CheckResult {
  return {
    id, ...(subject ? { subject } : {}), status: 'skip',
    summary: `Internal error in the ${id.replace(/_/g, ' ')} check${subject ? ` (${subject})` : ''}: it could not run, so it says nothing about the API`,
    detail: [messageOf(error).slice(0, 300)],
    fix: 'A bug in claude-status: the error is in its log; please report it.',
  };
}

/**
 * One probe round: the key's shape first (a malformed key skips the API probes, which would only repeat it), then
 * authentication, model access, generation and the status page concurrently, then the headroom and the guard as
 * those calls left them; the verdict last.
 */
export async function runChecks(deps: RunChecksDeps): Promise<StatusReport> {
  const started = deps.clock.now();
  /** Runs one check so that a throw becomes that check's result (logged), never a failed round. */
  const isolate = <T>(id: CheckId, run: () => T, fallback: (error: unknown) => Awaited<T>, subject?: string): Promise<Awaited<T>> =>
    Promise.resolve().then(run).catch((error: unknown) => {
      deps.logger?.error({ err: error, check: id, ...(subject ? { subject } : {}) }, 'a check threw: reported as its own internal error');
      return fallback(error);
    }) as Promise<Awaited<T>>;
  const settled = <T>(id: CheckId, run: () => T, fallback: (error: unknown) => T): T => {
    try {
      return run();
    } catch (error) {
      deps.logger?.error({ err: error, check: id }, 'a check threw: reported as its own internal error');
      return fallback(error);
    }
  };
  const priority = deps.priority ?? 'interactive';
  const models = [...new Set([deps.model, ...deps.models])];
  const keyFormat = settled('key_format', () => checkKeyFormat(deps.apiKey), (e) => internalError('key_format', e));
  const probing = keyFormat.status !== 'fail';
  const notProbed = 'Not checked: the key is malformed';

  const statusPage = Promise.resolve().then(deps.statusPage).catch(
    (error: unknown): StatusPageSummary => ({ reachable: false, tried: [], error: messageOf(error) }),
  );
  const auth: Promise<AuthCheck> = probing
    ? isolate('auth', () => checkAuth({ claude: deps.claude, priority }), (e) => ({ result: internalError('auth', e) }))
    : Promise.resolve({ result: skipped('auth', notProbed) });
  const modelChecks = probing
    ? isolate('model', () => checkModelAccess({ claude: deps.claude, models, visible: auth.then((a) => a.models), priority, clock: deps.clock }),
      (e) => models.map((m) => internalError('model', e, m)))
    : Promise.resolve(models.map((m) => skipped('model', notProbed, m)));
  const generation =
    deps.generation === false
      ? Promise.resolve(skipped('generation', 'Not run: the generation probe is off', deps.model))
      : probing
        ? isolate('generation', () => checkGeneration({ claude: deps.claude, model: deps.model, priority }), (e) => internalError('generation', e, deps.model), deps.model)
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
    settled('rate_limits', () => checkRateLimits({ claude: deps.claude }), (e) => internalError('rate_limits', e)),
    settled('status_page', () => checkStatusPage(page), (e) => internalError('status_page', e)),
    settled('resilience', () => checkResilience(resilience), (e) => internalError('resilience', e)),
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
