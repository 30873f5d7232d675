import type { StatusReport } from '../checks/check-result.js';
import { checkKey } from '../checks/check-result.js';
import type { AlertSink } from './alert-sink.js';
import type { Clock } from '../ports/clock.js';
import type { IncidentRecord, Store } from './store.js';
import { acknowledgeIncidents, resolveIncidents, snoozeIncidents, type ActionTarget } from './incident-actions.js';
import { decideIncidents } from './decide-incidents.js';
import { defaultPolicy, type IncidentDecision, type IncidentPolicy, type PolicyState } from './incident.js';
import type { MonitorLogger } from './monitor-logger.js';
import { createOutbox, type OutboxDeps } from './outbox.js';
import { createPaidProbeCadence } from './paid-probe-cadence.js';
import { planRound, type Explain } from './plan-round.js';
import { createScheduler, type Timers } from './scheduler.js';
import { HISTORY_WINDOWS, summarizeHistory, type HistoryWindow } from './summarize-history.js';

export interface MonitorDeps {
  /** One round of the status checks; `generation`: run the paid probe this round (see `generationIntervalSeconds`). */
  runRound: (options: { generation: boolean }) => Promise<StatusReport>;
  /**
   * MONITOR_GENERATION_INTERVAL_SECONDS: the paid probe's cadence (0: never). While it fails it runs again within a
   * minute, and between runs its last result stands in the report. Absent: every round runs it.
   */
  generationIntervalSeconds?: number;
  sink: AlertSink;
  store: Store;
  clock: Clock;
  logger: MonitorLogger;
  intervalSeconds: number;
  failureThreshold: number;
  recoveryThreshold: number;
  /** Fraction of the interval added at random to each wait (default 0.1), so replicas do not probe in lockstep. */
  jitter?: number;
  explain?: Explain;
  /** Overrides of the policy (flapping window, headroom ratio, reminder period…). */
  policy?: Partial<IncidentPolicy>;
  /** The outbox's own options (pacing, backoff, retries, the give-up hook). */
  outbox?: Omit<OutboxDeps, 'store' | 'sink' | 'clock' | 'logger'>;
  timers?: Timers;
  random?: () => number;
  /**
   * How long a round waits for its alerts to go out before it counts as done (default 5,000 ms). Delivery goes on
   * in the background past it: a slow Slack delays neither the next probe nor the Re-check answer.
   */
  deliveryWaitMs?: number;
}

export interface RoundOutcome {
  report: StatusReport;
  decisions: IncidentDecision[];
}

export interface Monitor {
  start(): void;
  stop(): Promise<void>;
  /** One round now (the Re-check button); joins the round in flight rather than overlapping it. */
  runOnce(): Promise<RoundOutcome>;
  /**
   * "Round committed": `listener` hears every round once its decisions, tracks and probes are stored (so a reader of
   * the store sees this round, with SQLite or Redis alike), with the report, the last paid result carried in. A
   * listener that throws is logged, never fails the round. Returns the unsubscribe function.
   */
  onRoundCommitted(listener: (outcome: RoundOutcome) => void): () => void;
  /**
   * Records who acknowledged and tells the thread in one note. A key answers its record (undefined when nothing is
   * open under it); `{ alertId }` acts on every open incident of a grouped alert and answers them (empty: all
   * resolved). Returns once stored: the outbox sends the note in the background, at Slack's pace.
   */
  acknowledge(key: string, userId: string): Promise<IncidentRecord | undefined>;
  acknowledge(target: { alertId: string }, userId: string): Promise<IncidentRecord[]>;
  /** Mutes reminders until `untilMs` (cleared on recovery), tells the thread; targets as `acknowledge`. */
  snooze(key: string, userId: string, untilMs: number): Promise<IncidentRecord | undefined>;
  snooze(target: { alertId: string }, userId: string, untilMs: number): Promise<IncidentRecord[]>;
  /**
   * Resolves by hand what the monitor cannot see resolve (a probe no longer run, a model taken out of the list):
   * thread note, root shown resolved; targets as `acknowledge`. A probe that still fails opens a new alert.
   */
  resolve(key: string, userId: string): Promise<IncidentRecord | undefined>;
  resolve(target: { alertId: string }, userId: string): Promise<IncidentRecord[]>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  openIncidents(): Promise<IncidentRecord[]>;
  /** Uptime, latency and sparkline over 24 h and 7 d from the stored probe history (all checks, or one key). */
  history(key?: string): Promise<HistoryWindow[]>;
  isPaused(): Promise<boolean>;
  /** For readiness and the App Home: is the monitor alive, and is anything stuck on its way to Slack. */
  health(): Promise<MonitorHealth>;
}

export interface MonitorHealth {
  paused: boolean;
  /** ISO time of the last round that completed, and its error if the last attempt failed. */
  lastRoundAt?: string;
  lastError?: string;
  openIncidents: number;
  /** Deliveries waiting for Slack (counted up to 500). */
  pendingDeliveries: number;
  /** Alert messages given up in the last 7 days (refused by Slack, or out of retries; up to 100 counted): said once in the App Home. */
  undelivered: { count: number; latestError?: string; latestAt?: string };
}

/** How far back the health reports alert messages that were given up (the delivered retention's default). */
const UNDELIVERED_WINDOW_MS = 7 * 86_400_000;

/** How long a button's change waits for its notes to go out: not at all beyond one event-loop turn. */
const ACTION_DELIVERY_WAIT_MS = 0;

/** Waits for `work` at most `ms`; the work itself goes on. */
async function settleWithin(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((r) => { timer = setTimeout(r, ms); })]);
  clearTimeout(timer);
}

/** The monitor: scheduled rounds → pure policy → records and outbox in one commit → delivery. */
export function createMonitor(deps: MonitorDeps): Monitor {
  const { store, clock, logger } = deps;
  const policy: IncidentPolicy = { ...defaultPolicy(deps.failureThreshold, deps.recoveryThreshold), ...deps.policy };
  const cadence = deps.generationIntervalSeconds === undefined ? undefined : createPaidProbeCadence(deps.generationIntervalSeconds * 1000);
  const outbox = createOutbox({ store, sink: deps.sink, clock, logger, ...deps.outbox });
  let inFlight: Promise<RoundOutcome> | undefined;
  let lastRoundAt: string | undefined;
  let lastError: string | undefined;
  const committedListeners = new Set<(outcome: RoundOutcome) => void>();
  let seq = 0;
  const stamp = (nowMs: number) => `${new Date(nowMs).toISOString()}#${(seq += 1)}`;
  // Rounds and buttons change incidents in turn: a button pressed mid-round is not overwritten by the round.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };

  const scheduler = createScheduler({
    intervalMs: deps.intervalSeconds * 1000, jitter: deps.jitter ?? 0.1, timers: deps.timers, random: deps.random,
    tick: async () => {
      if (await store.isPaused()) return;
      await runOnce().catch((error: unknown) => logger.error({ err: error }, 'monitor round failed'));
    },
    deliver: async () => (await outbox.drain()).nextAttemptAtMs,
    clock,
    onDeliverError: (error) => logger.error({ err: error }, 'alert delivery pass failed'),
  });

  async function round(): Promise<RoundOutcome> {
    const generation = cadence?.due(clock.now()) ?? true;
    const raw = await deps.runRound({ generation });
    const report = cadence ? cadence.settle(raw) : raw;
    const decisions = await exclusive(async () => {
      const nowMs = clock.now();
      const open = await store.openIncidents();
      const records = new Map(open.map((r) => [r.key, r]));
      const prev: PolicyState = { tracks: await store.loadTracks(), open: Object.fromEntries(open.map((r) => [r.key, r])) };
      const { state, decisions } = decideIncidents(prev, report, policy, nowMs);
      // Every open alert may get a root update this round (a change, a recovery, a consequence joining it), but only
      // through a decision: most rounds have none, and then no alert is read (one read per open alert, in Redis a
      // network round trip each).
      const alertMembers = new Map<string, IncidentRecord[]>();
      if (decisions.length) for (const alertId of new Set(open.map((r) => r.alertId))) alertMembers.set(alertId, await store.incidentsOfAlert(alertId));
      const plan = planRound({ decisions, state, records, alertMembers, nowMs, explain: deps.explain, stamp: stamp(nowMs) });
      const probes = report.checks.map((c) => ({ key: checkKey(c), atMs: nowMs, status: c.status, latencyMs: c.latencyMs }));
      await store.commit({ tracks: state.tracks, incidents: plan.incidents, deliveries: plan.deliveries, probes }, nowMs);
      for (const d of decisions) logger.info({ type: d.type, key: d.incident.key, severity: d.incident.severity }, `incident ${d.type}`);
      return decisions;
    });
    for (const listener of committedListeners) {
      try {
        listener({ report, decisions });
      } catch (error) {
        logger.error({ err: error }, 'a round-committed listener failed');
      }
    }
    await settleWithin(scheduler.deliverNow(), deps.deliveryWaitMs ?? 5000);
    return { report, decisions };
  }

  function runOnce(): Promise<RoundOutcome> {
    inFlight ??= round().then(
      (outcome) => {
        lastRoundAt = new Date(clock.now()).toISOString();
        lastError = undefined;
        return outcome;
      },
      (error: unknown) => {
        lastError = error instanceof Error ? error.message : String(error);
        throw error;
      },
    ).finally(() => { inFlight = undefined; });
    return inFlight;
  }

  // A button's answer must not wait for Slack: the change is stored (one commit), the outbox is kicked, and the
  // notes go out in the background at Slack's pace (stop() still waits for a send in flight). One turn of the event
  // loop is granted, which an in-process sink finishes in and a network sink never does.
  const act = async (target: ActionTarget, fn: () => Promise<IncidentRecord[]>) => {
    const recs = await exclusive(fn);
    if (recs.length) await settleWithin(scheduler.deliverNow(), ACTION_DELIVERY_WAIT_MS);
    return typeof target === 'string' ? recs[0] : recs;
  };

  function acknowledge(key: string, userId: string): Promise<IncidentRecord | undefined>;
  function acknowledge(target: { alertId: string }, userId: string): Promise<IncidentRecord[]>;
  function acknowledge(target: ActionTarget, userId: string) {
    return act(target, () => { const nowMs = clock.now(); return acknowledgeIncidents(store, target, userId, nowMs, stamp(nowMs)); });
  }

  function snooze(key: string, userId: string, untilMs: number): Promise<IncidentRecord | undefined>;
  function snooze(target: { alertId: string }, userId: string, untilMs: number): Promise<IncidentRecord[]>;
  function snooze(target: ActionTarget, userId: string, untilMs: number) {
    return act(target, () => { const nowMs = clock.now(); return snoozeIncidents(store, target, userId, untilMs, nowMs, stamp(nowMs)); });
  }

  function resolve(key: string, userId: string): Promise<IncidentRecord | undefined>;
  function resolve(target: { alertId: string }, userId: string): Promise<IncidentRecord[]>;
  function resolve(target: ActionTarget, userId: string) {
    return act(target, () => { const nowMs = clock.now(); return resolveIncidents(store, target, userId, nowMs, stamp(nowMs)); });
  }

  const undelivered = async (): Promise<MonitorHealth['undelivered']> => {
    const dead = await store.deadDeliveries(clock.now() - UNDELIVERED_WINDOW_MS, 100);
    const [latest] = dead;
    return latest ? { count: dead.length, latestError: latest.error, latestAt: new Date(latest.deadAtMs).toISOString() } : { count: 0 };
  };

  return {
    start: () => scheduler.start(),
    stop: async () => {
      await scheduler.stop();
      await inFlight?.catch(() => undefined);
      // The last round may have started a delivery pass: wait for it too, so the store can be closed after us.
      await scheduler.stop();
    },
    runOnce,
    onRoundCommitted: (listener) => {
      committedListeners.add(listener);
      return () => void committedListeners.delete(listener);
    },
    acknowledge,
    snooze,
    resolve,
    pause: () => store.setPaused(true),
    resume: () => store.setPaused(false),
    openIncidents: () => store.openIncidents(),
    history: async (key) => {
      const nowMs = clock.now();
      return summarizeHistory(await store.probeHistory(nowMs - HISTORY_WINDOWS[1].windowMs, key), nowMs, key);
    },
    isPaused: () => store.isPaused(),
    health: async () => ({
      paused: await store.isPaused(), lastRoundAt, lastError,
      openIncidents: (await store.openIncidents()).length, pendingDeliveries: (await store.pendingDeliveries(500)).length,
      undelivered: await undelivered(),
    }),
  };
}
