import type { IncidentRecord } from './store.js';
import { createRoundRunner, type RoundOutcome, type RoundRunnerDeps } from './create-round-runner.js';
import { acknowledgeIncidents, resolveIncidents, snoozeIncidents, type ActionTarget } from './incident-actions.js';
import { defaultPolicy, type IncidentPolicy } from './incident.js';
import { HISTORY_WINDOWS, summarizeHistory, type HistoryWindow } from './summarize-history.js';

export type { RoundOutcome } from './create-round-runner.js';

/** The round runner's dependencies, with the policy given as thresholds and overrides instead of whole. */
export interface MonitorDeps extends Omit<RoundRunnerDeps, 'policy'> {
  failureThreshold: number;
  recoveryThreshold: number;
  /** Overrides of the policy (flapping window, headroom ratio, reminder period…). */
  policy?: Partial<IncidentPolicy>;
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

/**
 * The monitor: the rounds (createRoundRunner) plus what people and operations ask of it — the buttons' incident
 * actions, pause, history and health — each stored before it is answered.
 */
export function createMonitor(deps: MonitorDeps): Monitor {
  const { store, clock } = deps;
  const policy: IncidentPolicy = { ...defaultPolicy(deps.failureThreshold, deps.recoveryThreshold), ...deps.policy };
  const rounds = createRoundRunner({ ...deps, policy });

  // A button's answer must not wait for Slack: the change is stored (one commit, in turn with the rounds), the outbox
  // is kicked, and the notes go out in the background at Slack's pace (stop() still waits for a send in flight).
  const act = async (target: ActionTarget, fn: (nowMs: number, stamp: string) => Promise<IncidentRecord[]>) => {
    const recs = await rounds.exclusive(() => { const nowMs = clock.now(); return fn(nowMs, rounds.stamp(nowMs)); });
    if (recs.length) await rounds.deliverWithin(ACTION_DELIVERY_WAIT_MS);
    return typeof target === 'string' ? recs[0] : recs;
  };

  function acknowledge(key: string, userId: string): Promise<IncidentRecord | undefined>;
  function acknowledge(target: { alertId: string }, userId: string): Promise<IncidentRecord[]>;
  function acknowledge(target: ActionTarget, userId: string) {
    return act(target, (nowMs, stamp) => acknowledgeIncidents(store, target, userId, nowMs, stamp));
  }

  function snooze(key: string, userId: string, untilMs: number): Promise<IncidentRecord | undefined>;
  function snooze(target: { alertId: string }, userId: string, untilMs: number): Promise<IncidentRecord[]>;
  function snooze(target: ActionTarget, userId: string, untilMs: number) {
    return act(target, (nowMs, stamp) => snoozeIncidents(store, target, userId, untilMs, nowMs, stamp));
  }

  function resolve(key: string, userId: string): Promise<IncidentRecord | undefined>;
  function resolve(target: { alertId: string }, userId: string): Promise<IncidentRecord[]>;
  function resolve(target: ActionTarget, userId: string) {
    return act(target, (nowMs, stamp) => resolveIncidents(store, target, userId, nowMs, stamp));
  }

  const undelivered = async (): Promise<MonitorHealth['undelivered']> => {
    const dead = await store.deadDeliveries(clock.now() - UNDELIVERED_WINDOW_MS, 100);
    const [latest] = dead;
    return latest ? { count: dead.length, latestError: latest.error, latestAt: new Date(latest.deadAtMs).toISOString() } : { count: 0 };
  };

  return {
    start: () => rounds.start(),
    stop: () => rounds.stop(),
    runOnce: () => rounds.runOnce(),
    onRoundCommitted: (listener) => rounds.onRoundCommitted(listener),
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
      paused: await store.isPaused(), ...rounds.lastRound(),
      openIncidents: (await store.openIncidents()).length, pendingDeliveries: (await store.pendingDeliveries(500)).length,
      undelivered: await undelivered(),
    }),
  };
}
