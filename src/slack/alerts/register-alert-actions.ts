import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { Clock } from '../../ports/clock.js';
import type { MonitorLogger } from '../../monitor/monitor-logger.js';
import { ALERT_ACTION, parseAlertActionValue, SNOOZE_MS } from './alert-actions.js';
import { esc, mention, slackDate } from '../mrkdwn.js';

/**
 * The slice of the monitor (src/monitor/create-monitor.ts) the buttons use; the real `Monitor` fits it as is.
 * `acknowledge`/`snooze` take an incident key, or `{ alertId }` for every open incident of a grouped alert (one
 * thread note for all); they answer the record(s) they changed, undefined or [] when nothing is open any more.
 */
export interface AlertActionsMonitor {
  acknowledge(target: string | { alertId: string }, userId: string): Promise<unknown>;
  snooze(target: string | { alertId: string }, userId: string, untilMs: number): Promise<unknown>;
  runOnce(): Promise<{
    report: { verdict: string; headline: string };
    decisions: { type: string; incident: { key: string; title: string } }[];
  }>;
}

export interface AlertActionsDeps {
  monitor: AlertActionsMonitor;
  /** ADMIN_USER_IDS. Empty means everyone may acknowledge and snooze (small teams, first install). */
  adminUserIds: string[];
  clock: Clock;
  logger: MonitorLogger;
}

type Args = { ack: () => Promise<void>; body: BlockAction<ButtonAction>; action: ButtonAction; respond: RespondFn };

const VERB = { acknowledge: 'acknowledge', snooze: 'snooze' } as const;
const CHANGE: Record<string, string> = { open: 'opened', update: 'still open', resolve: 'resolved' };

/**
 * The alert buttons: *Re-check now* (anyone: runs a round and answers with the result), *Acknowledge* and
 * *Snooze 1 h* (admins only when ADMIN_USER_IDS is set). Every answer is ephemeral: the thread tells everyone else,
 * through the monitor's outbox.
 */
export function registerAlertActions(app: App, deps: AlertActionsDeps): void {
  const { monitor, adminUserIds, clock, logger } = deps;
  // An empty list means no one was named, so everyone may act: refusing all would leave the buttons useless.
  const mayManage = (userId: string) => adminUserIds.length === 0 || adminUserIds.includes(userId);

  const answer = async (respond: RespondFn, text: string) => {
    // respond() throws RespondError on a non-2xx (an expired response_url): the action itself already happened.
    await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not answer an alert button'));
  };

  /** How many incidents an acknowledge/snooze answer covers: a record, a list of them, or nothing. */
  const countOf = (out: unknown): number => (Array.isArray(out) ? out.length : out ? 1 : 0);

  const manage = (verb: keyof typeof VERB) => async ({ ack, body, action, respond }: Args) => {
    await ack();
    const userId = body.user.id;
    if (!mayManage(userId)) {
      logger.info({ userId, action: action.action_id }, 'alert button refused: not an admin');
      const admins = adminUserIds.slice(0, 5).map(mention).join(', ');
      return answer(respond, `Sorry ${mention(userId)}, only the admins listed in ADMIN_USER_IDS can ${VERB[verb]} alerts. Please ask ${admins}.`);
    }
    try {
      const untilMs = clock.now() + SNOOZE_MS;
      const parsed = parseAlertActionValue(action.value ?? '');
      const target = parsed.kind === 'incident' ? parsed.key : { alertId: parsed.alertId };
      // One call for the whole alert: the monitor stores it and returns; the thread note goes out in the background.
      const done = countOf(verb === 'acknowledge' ? await monitor.acknowledge(target, userId) : await monitor.snooze(target, userId, untilMs));
      // Who, when and until when, as the thread note says (issue 12: nothing is done in secret).
      logger.info({ userId, action: action.action_id, incidents: done, at: new Date(clock.now()).toISOString(), ...(verb === 'snooze' ? { until: new Date(untilMs).toISOString() } : {}) }, `alert ${verb}`);
      if (done === 0) return answer(respond, 'Nothing is open under this alert any more: it has already resolved.');
      const what = done === 1 ? 'the incident' : `${done} incidents`;
      return answer(respond, verb === 'acknowledge'
        ? `:eyes: You acknowledged ${what}; reminders stop and the thread says so.`
        : `:zzz: Reminders for ${what} are muted until ${slackDate(new Date(untilMs).toISOString())} (or until it recovers).`);
    } catch (error) {
      logger.error({ err: error, action: action.action_id }, `alert ${verb} failed`);
      return answer(respond, `Sorry, that did not work: ${esc(error instanceof Error ? error.message : String(error), 300)}`);
    }
  };

  app.action<BlockAction<ButtonAction>>(ALERT_ACTION.acknowledge, manage('acknowledge'));
  app.action<BlockAction<ButtonAction>>(ALERT_ACTION.snooze, manage('snooze'));

  app.action<BlockAction<ButtonAction>>(ALERT_ACTION.recheck, async ({ ack, body, respond }) => {
    await ack();
    try {
      const { report, decisions } = await monitor.runOnce();
      const changes = decisions.map((d) => `• ${CHANGE[d.type] ?? esc(d.type)}: ${esc(d.incident.title, 200)}`).slice(0, 20);
      logger.info({ userId: body.user.id, verdict: report.verdict, decisions: decisions.length }, 'alert re-check');
      await answer(respond, [
        `:arrows_counterclockwise: Re-checked: *${esc(report.verdict)}* — ${esc(report.headline, 500)}`,
        ...(changes.length ? changes : ['No incident changed.']),
      ].join('\n'));
    } catch (error) {
      logger.error({ err: error }, 'alert re-check failed');
      await answer(respond, `Sorry, the re-check failed: ${esc(error instanceof Error ? error.message : String(error), 300)}`);
    }
  });
}
