import type { App, BlockAction, ButtonAction, RespondFn, StaticSelectAction } from '@slack/bolt';
import type { Clock } from '../../ports/clock.js';
import type { MonitorLogger } from '../../monitor/monitor-logger.js';
import type { PerUserLimit } from '../per-user-limit.js';
import { ALERT_ACTION, parseAlertActionValue, parseSnoozeValue, snoozeUntil, type AlertTarget } from './alert-actions.js';
import { esc, mention, slackDate } from '../kit/index.js';

/** What the buttons learn back about an incident they acted on (the monitor's IncidentRecord fits). */
export interface ActedRecord {
  key: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
}
type Acted = ActedRecord | ActedRecord[] | undefined;
type Target = string | { alertId: string };

/**
 * The slice of the monitor (src/monitor/create-monitor.ts) the buttons use; the real `Monitor` fits it as is.
 * `acknowledge`/`snooze`/`resolve` take an incident key, or `{ alertId }` for every open incident of a grouped alert
 * (one thread note for all); they answer the record(s) as they now are, undefined or [] when nothing is open any more.
 * A second acknowledgement keeps the first: the records then still name who acknowledged first.
 */
export interface AlertActionsMonitor {
  acknowledge(target: Target, userId: string): Promise<Acted>;
  snooze(target: Target, userId: string, untilMs: number): Promise<Acted>;
  resolve?(target: Target, userId: string): Promise<Acted>;
  runOnce(): Promise<{
    report: { verdict: string; headline: string };
    decisions: { type: string; incident: { key: string; title: string } }[];
  }>;
  isPaused(): Promise<boolean>;
}

/** One thing a person did to an alert, as recorded: the one place announcements ("who did what") hook in. */
export interface AlertActionEvent {
  action: 'acknowledge' | 'snooze' | 'resolve';
  userId: string;
  target: AlertTarget;
  /** Incident keys it changed. */
  incidents: string[];
  at: string;
  /** For a snooze: ISO time it ends. */
  until?: string;
}

export interface AlertActionsDeps {
  monitor: AlertActionsMonitor;
  /** ADMIN_USER_IDS. Empty means everyone may acknowledge, snooze and resolve (small teams, first install). */
  adminUserIds: string[];
  clock: Clock;
  logger: MonitorLogger;
  /** Re-check runs a fresh round: it counts against the person's limit, like a fresh `/claude-status`. */
  limit?: PerUserLimit;
  /** Whether this replica runs the monitor (with Redis only the lease holder does). Default: it does. */
  leads?: () => boolean;
  /** Told after every acknowledge, snooze or resolve that changed something (announcements hook in here). */
  onAction?: (event: AlertActionEvent) => void | Promise<void>;
}

type Args<A> = { ack: () => Promise<void>; body: BlockAction<A & (ButtonAction | StaticSelectAction)>; action: A; respond: RespondFn };
type Verb = AlertActionEvent['action'];

const CHANGE: Record<string, string> = { open: 'opened', update: 'still open', resolve: 'resolved' };
const asList = (out: Acted): ActedRecord[] => (Array.isArray(out) ? out : out ? [out] : []);

/**
 * The alert buttons: *Re-check now* (anyone; not while paused; counted against the per-user limit), *Acknowledge*,
 * the *Snooze* menu and *Resolve* (admins only when ADMIN_USER_IDS is set). Every answer is ephemeral: the thread
 * and the root tell everyone else, through the monitor's outbox.
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

  /** The one place an action is recorded as done: the log line (who, when, until when) and the announcement hook. */
  const recorded = async (event: AlertActionEvent) => {
    // Who, when and until when, as the thread note says (issue 12: nothing is done in secret).
    logger.info({ userId: event.userId, action: event.action, incidents: event.incidents.length, at: event.at, ...(event.until ? { until: event.until } : {}) }, `alert ${event.action}`);
    try {
      await deps.onAction?.(event);
    } catch (error) {
      logger.error({ err: error, action: event.action }, 'alert action hook failed');
    }
  };

  async function manage(verb: Verb, userId: string, target: AlertTarget, respond: RespondFn, untilMs?: number) {
    if (!mayManage(userId)) {
      logger.info({ userId, action: verb }, 'alert button refused: not an admin');
      const admins = adminUserIds.slice(0, 5).map(mention).join(', ');
      return answer(respond, `Sorry ${mention(userId)}, only the admins listed in ADMIN_USER_IDS can ${verb} alerts. Please ask ${admins}.`);
    }
    try {
      const t: Target = target.kind === 'incident' ? target.key : { alertId: target.alertId };
      // One call for the whole alert: the monitor stores it and returns; the thread note goes out in the background.
      const recs = asList(verb === 'acknowledge' ? await monitor.acknowledge(t, userId)
        : verb === 'snooze' ? await monitor.snooze(t, userId, untilMs!)
          : monitor.resolve ? await monitor.resolve(t, userId) : undefined);
      if (recs.length === 0) return answer(respond, 'Nothing is open under this alert any more: it has already resolved.');
      const what = recs.length === 1 ? 'the incident' : `${recs.length} incidents`;
      if (verb === 'acknowledge') {
        // Someone else was first: say who, change nothing (the root, the thread and the App Home all name them).
        const first = recs.find((r) => r.acknowledgedBy && r.acknowledgedBy !== userId);
        if (first && recs.every((r) => r.acknowledgedBy && r.acknowledgedBy !== userId)) {
          return answer(respond, `:eyes: Already acknowledged by ${mention(first.acknowledgedBy!)}${first.acknowledgedAt ? ` ${slackDate(first.acknowledgedAt)}` : ''}: they are on it.`);
        }
      }
      const at = new Date(clock.now()).toISOString();
      await recorded({ action: verb, userId, target, incidents: recs.map((r) => r.key), at, ...(untilMs !== undefined ? { until: new Date(untilMs).toISOString() } : {}) });
      return answer(respond, verb === 'acknowledge'
        ? `:eyes: You acknowledged ${what}; reminders stop and the alert shows it.`
        : verb === 'snooze'
          ? `:zzz: Reminders for ${what} are muted until ${slackDate(new Date(untilMs!).toISOString())} (or until it recovers).`
          : `:white_check_mark: You resolved ${what}. If the monitor still sees it failing, it opens a new alert.`);
    } catch (error) {
      logger.error({ err: error, action: verb }, `alert ${verb} failed`);
      return answer(respond, `Sorry, that did not work: ${esc(error instanceof Error ? error.message : String(error), 300)}`);
    }
  }

  app.action<BlockAction<ButtonAction>>(ALERT_ACTION.acknowledge, async ({ ack, body, action, respond }: Args<ButtonAction>) => {
    await ack();
    await manage('acknowledge', body.user.id, parseAlertActionValue(action.value ?? ''), respond);
  });
  app.action<BlockAction<ButtonAction>>(ALERT_ACTION.resolve, async ({ ack, body, action, respond }: Args<ButtonAction>) => {
    await ack();
    await manage('resolve', body.user.id, parseAlertActionValue(action.value ?? ''), respond);
  });
  // The snooze menu (and the *Snooze 1 h* button of alerts posted before it).
  app.action<BlockAction<StaticSelectAction | ButtonAction>>(ALERT_ACTION.snooze, async ({ ack, body, action, respond }) => {
    await ack();
    const raw = action.type === 'static_select' ? action.selected_option.value : (action as ButtonAction).value ?? '';
    const { choice, target } = parseSnoozeValue(raw);
    await manage('snooze', body.user.id, target, respond, snoozeUntil(choice, clock.now()));
  });

  app.action<BlockAction<ButtonAction>>(ALERT_ACTION.recheck, async ({ ack, body, respond }) => {
    await ack();
    const userId = body.user.id;
    try {
      // Paused means no rounds: a button must not run one behind the pause (and post alerts) either.
      if (await monitor.isPaused()) {
        logger.info({ userId }, 'alert re-check refused: the monitor is paused');
        return await answer(respond, ':double_vertical_bar: The monitor is paused, so Re-check runs no round. `/claude-status resume` turns it back on; `/claude-status` checks without it.');
      }
      const allowed = deps.limit?.take(userId) ?? { ok: true as const };
      if (!allowed.ok) return await answer(respond, `You have asked often in the last minutes; try again in ${allowed.retryInSeconds} s.`);
      // Read before the round: a follower's round probes but stores nothing (only the lease holder writes rounds).
      const leads = deps.leads?.() ?? true;
      const { report, decisions } = await monitor.runOnce();
      logger.info({ userId, verdict: report.verdict, decisions: decisions.length, leads }, 'alert re-check');
      // The headline starts with the verdict ("Down — it's Claude: …"): said once.
      const verdict = `:arrows_counterclockwise: Re-checked: ${esc(report.headline, 500)}`;
      if (!leads) {
        return await answer(respond, `${verdict}\nThis replica does not run the monitor, so it changed no incident; the replica that does updates the alert at its next round.`);
      }
      const changes = decisions.map((d) => `• ${CHANGE[d.type] ?? esc(d.type)}: ${esc(d.incident.title, 200)}`).slice(0, 20);
      await answer(respond, [verdict, ...(changes.length ? changes : ['No incident changed.'])].join('\n'));
    } catch (error) {
      logger.error({ err: error }, 'alert re-check failed');
      await answer(respond, `Sorry, the re-check failed: ${esc(error instanceof Error ? error.message : String(error), 300)}`);
    }
  });
}
