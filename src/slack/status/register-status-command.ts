import type { App, RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Logger } from 'pino';
import type { StatusReport } from '../../checks/check-result.js';
import { DEFAULT_FRESH_MS } from '../../checks/create-status-service.js';
import type { Timers } from '../../monitor/scheduler.js';
import { systemClock, type Clock } from '../../ports/clock.js';
import { mayControlMonitor } from '../authz/may-control-monitor.js';
import type { CommandExplain } from '../explain/explain-for-command.js';
import { mention, slackDate } from '../kit/index.js';
import type { PerUserLimit } from '../per-user-limit.js';
import { renderReport } from '../report/render-report.js';
import { armInterimNote } from './interim-note.js';
import { parseStatusCommand, STATUS_HELP, type StatusCommand } from './parse-status-command.js';
import { DeliveryError, respondWithRetry } from './respond-with-retry.js';

export interface StatusCommandDeps {
  /** One round for many askers: concurrent calls share a round in flight; a fresh report is served from memory. */
  status: { report(options?: { force?: boolean }): Promise<StatusReport>; latest?(): StatusReport | undefined };
  /** Counts only what costs: a fresh probe round, an explanation (help, history and cached reports are free). */
  limit: PerUserLimit;
  clock?: Clock;
  /** The interim note's delay and the retry back-offs (real timers unless a test steps manual ones). */
  timers?: Timers;
  logger: Logger;
  /** `/claude-status explain <text>`: the offline answer at once, replaced by the one with Claude's addition. */
  explain?: CommandExplain;
  /** `/claude-status history`: uptime and latency from the monitor's probe history. */
  history?: () => Promise<SlackMessage>;
  /**
   * `/claude-status pause|resume`: the monitor, for the users in ADMIN_USER_IDS, or the workspace's admins and owners
   * when the list is empty. Every pause and resume that changes something is announced in `alertChannel` and logged.
   */
  monitor?: { pause(): Promise<void>; resume(): Promise<void>; isPaused(): Promise<boolean> };
  adminUserIds?: string[];
  alertChannel?: string;
  /** The configured ANTHROPIC_BASE_URL: the report's fixes name it where the advice names the public API. */
  baseURL?: string;
}

export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

/**
 * `/claude-status`: acked at once with nothing (Slack allows 3 s; the probes may take longer), then the report
 * follows through `response_url` — ephemeral unless `public` was asked for. A report not ready within
 * INTERIM_AFTER_MS is announced by a note it then replaces; a post Slack refuses is retried (respondWithRetry).
 */
export function registerStatusCommand(app: App, deps: StatusCommandDeps): void {
  app.command('/claude-status', async ({ ack, respond, command, client }) => {
    await ack();
    const send = respondWithRetry(respond, { timers: deps.timers, logger: deps.logger });
    const parsed = parseStatusCommand(command.text ?? '');
    try {
      if (parsed.kind === 'report') {
        await answerReport(parsed, command.user_id, respond, send, deps);
        return;
      }
      if (parsed.kind === 'help') {
        const prefix = parsed.unknown ? `I don’t know \`${parsed.unknown.replace(/[&<>`]/g, '')}\`. ` : '';
        await send({ response_type: 'ephemeral', text: prefix + STATUS_HELP });
        return;
      }
      if (parsed.kind === 'explain') {
        if (!parsed.text) {
          await send({ response_type: 'ephemeral', text: 'Paste the error after the word: `/claude-status explain Error: 429 {"type":"error",…}`' });
        } else if (deps.explain) {
          // The explanation takes from the per-user limit itself, and parses off the ack path.
          await deps.explain(parsed.text, command.user_id, { respond: send, visibility: parsed.visibility });
        }
        return;
      }
      if (parsed.kind === 'monitor') {
        await send({ response_type: 'ephemeral', text: await controlMonitor(parsed.action, command.user_id, deps, client) });
        return;
      }
      await send({
        response_type: parsed.visibility,
        ...(deps.history ? await deps.history() : { text: 'History is kept by the monitor, which is off: set ALERT_CHANNEL to turn it on.' }),
      });
    } catch (err) {
      if (err instanceof DeliveryError) return logUndelivered(deps, err, { user: command.user_id, kind: parsed.kind });
      deps.logger.error({ err, user: command.user_id, kind: parsed.kind }, '/claude-status failed');
      await send({ response_type: 'ephemeral', text: 'That failed unexpectedly; the error is in the bot’s log. Try again in a minute.' })
        .catch((error: unknown) => logUndelivered(deps, error, { user: command.user_id, kind: parsed.kind }));
    }
  });
}

type Send = (message: RespondArguments) => Promise<void>;

/**
 * The report, or why there is none. What failed is said truly: the checks (the asker is told), or the delivery of a
 * report that was ready (logged with its verdict; no fallback, as the same response_url has just refused it).
 */
async function answerReport(parsed: Extract<StatusCommand, { kind: 'report' }>, userId: string, respond: RespondFn, send: Send, deps: StatusCommandDeps): Promise<void> {
  const started = Date.now();
  if (!servedFromMemory(deps, parsed.force)) {
    const allowed = deps.limit.take(userId);
    if (!allowed.ok) {
      await send({ response_type: 'ephemeral', text: `You have asked for many fresh checks in the last minutes; try again in ${allowed.retryInSeconds} s.` });
      return;
    }
  }
  // The note goes out once, unretried: if Slack refuses it, the report follows as a message of its own.
  const interim = armInterimNote(respond, parsed.visibility, { timers: deps.timers, logger: deps.logger });
  let report: StatusReport;
  let message: SlackMessage;
  try {
    report = await deps.status.report({ force: parsed.force });
    message = renderReport(report, { section: parsed.section, baseURL: deps.baseURL });
  } catch (err) {
    const replace = await interim.settle();
    deps.logger.error({ err, user: userId }, '/claude-status failed: the status checks threw');
    await send({
      response_type: replace.replace_original ? parsed.visibility : 'ephemeral', ...replace,
      text: 'The status checks failed unexpectedly; the error is in the bot’s log. Try `/claude-status refresh` in a minute.',
    });
    return;
  }
  const replace = await interim.settle();
  try {
    await send({ response_type: parsed.visibility, ...message, ...replace });
  } catch (err) {
    return logUndelivered(deps, err, { user: userId, kind: 'report', verdict: report.verdict, ms: Date.now() - started });
  }
  deps.logger.info({ user: userId, section: parsed.section, verdict: report.verdict, interim: Boolean(replace.replace_original), ms: Date.now() - started }, '/claude-status answered');
}

function logUndelivered(deps: StatusCommandDeps, err: unknown, fields: Record<string, unknown>): void {
  const { attempts, status } = err instanceof DeliveryError ? err : { attempts: undefined, status: undefined };
  deps.logger.error({ err, ...fields, attempts, status },
    '/claude-status answer could not be delivered: Slack did not take the response_url post (the answer was ready)');
}

/** A report still fresh in the status service's memory costs nothing, so it is not counted against anyone. */
function servedFromMemory(deps: StatusCommandDeps, force: boolean): boolean {
  const last = deps.status.latest?.();
  if (force || !last) return false;
  const finishedAt = Date.parse(last.checkedAt) + last.durationMs;
  return (deps.clock ?? systemClock).now() - finishedAt < DEFAULT_FRESH_MS;
}

const REFUSAL = {
  'not listed': (action: string, admins: string[]) =>
    `Sorry, only the admins of this bot may ${action} the monitor (ADMIN_USER_IDS). Ask one of ${admins.slice(0, 5).map(mention).join(', ')}.`,
  'not a workspace admin': (action: string) =>
    `Sorry, only workspace admins and owners may ${action} the monitor while ADMIN_USER_IDS names nobody: a pause silences every alert. Ask one of them, or have ADMIN_USER_IDS set.`,
  'role unknown': (action: string) =>
    `Sorry, Slack could not tell me whether you are a workspace admin (users.info), so I cannot let anyone ${action} the monitor right now. Try again in a minute, or have ADMIN_USER_IDS set.`,
};

/**
 * Pause or resume, if this user may (mayControlMonitor): a pause silences every alert and survives restarts, so it is
 * never done in secret: it is logged and announced in the alert channel with who and when.
 */
async function controlMonitor(action: 'pause' | 'resume', userId: string, deps: StatusCommandDeps, client: webApi.WebClient): Promise<string> {
  if (!deps.monitor) return 'The monitor is off: set ALERT_CHANNEL to turn it on.';
  const admins = deps.adminUserIds ?? [];
  const decision = await mayControlMonitor(userId, admins, async (user) => (await client.users.info({ user })).user);
  if (!decision.allowed) {
    const error = decision.reason === 'role unknown' ? decision.error : undefined;
    deps.logger.warn({ userId, action, reason: decision.reason, err: error }, `monitor ${action} refused`);
    return REFUSAL[decision.reason](action, admins);
  }
  // A pause of a paused monitor (or a resume of a running one) changes nothing: the person is told, the channel is not.
  const paused = await deps.monitor.isPaused();
  if (paused === (action === 'pause')) {
    return paused
      ? 'The monitor is already paused: no probe rounds and no alerts until `/claude-status resume`. Nothing was posted to the alert channel.'
      : 'The monitor is already running: nothing to resume. Nothing was posted to the alert channel.';
  }
  await deps.monitor[action]();
  const at = new Date((deps.clock ?? systemClock).now()).toISOString();
  deps.logger.info({ userId, action, as: decision.as, at }, action === 'pause' ? 'monitor paused' : 'monitor resumed');
  const notice = action === 'pause'
    ? `:double_vertical_bar: ${mention(userId)} paused the monitor ${slackDate(at)}: no probe rounds and no alerts until someone runs \`/claude-status resume\`.`
    : `:arrow_forward: ${mention(userId)} resumed the monitor ${slackDate(at)}: probe rounds and alerts are back.`;
  if (deps.alertChannel) {
    await client.chat.postMessage({ channel: deps.alertChannel, text: notice }).catch((error: unknown) =>
      deps.logger.error({ err: error, userId, action, channel: deps.alertChannel }, `could not announce the monitor ${action} in the alert channel`));
  }
  return action === 'pause'
    ? `Monitor paused by ${mention(userId)}: no probe rounds and no alerts until \`/claude-status resume\`. The alert channel has been told.`
    : `Monitor resumed by ${mention(userId)}. The alert channel has been told.`;
}
