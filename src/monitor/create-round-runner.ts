import type { StatusReport } from '../checks/check-result.js';
import { checkKey } from '../checks/check-result.js';
import type { AlertSink } from './alert-sink.js';
import type { Clock } from '../ports/clock.js';
import type { IncidentRecord, Store } from './store.js';
import { decideIncidents } from './decide-incidents.js';
import type { IncidentDecision, IncidentPolicy, PolicyState } from './incident.js';
import type { MonitorLogger } from './monitor-logger.js';
import { createOutbox, type OutboxDeps } from './outbox.js';
import { createPaidProbeCadence } from './paid-probe-cadence.js';
import { planRound, type Explain } from './plan-round.js';
import { createScheduler, realTimers, type Timers } from './scheduler.js';
import { settleWithin } from './settle-within.js';

export interface RoundOutcome {
  report: StatusReport;
  decisions: IncidentDecision[];
}

export interface RoundRunnerDeps {
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
  policy: IncidentPolicy;
  /** Fraction of the interval added at random to each wait (default 0.1), so replicas do not probe in lockstep. */
  jitter?: number;
  explain?: Explain;
  /** The outbox's own options (pacing, backoff, retries, the give-up hook). */
  outbox?: Omit<OutboxDeps, 'store' | 'sink' | 'clock' | 'logger'>;
  /** The timers of rounds, delivery retries and waits (real ones by default): tests step them by hand. */
  timers?: Timers;
  random?: () => number;
  /**
   * How long a round waits for its first delivery pass (one message, then Slack's pace) before it counts as done
   * (default 5,000 ms, on `timers`). Delivery goes on in the background past it: a slow Slack delays neither the next
   * probe nor the Re-check answer.
   */
  deliveryWaitMs?: number;
}

export interface RoundRunner {
  start(): void;
  stop(): Promise<void>;
  /** One round now; joins the round in flight rather than overlapping it. */
  runOnce(): Promise<RoundOutcome>;
  onRoundCommitted(listener: (outcome: RoundOutcome) => void): () => void;
  /** Runs `fn` when no round or other change is deciding incidents (rounds and buttons change them in turn). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Kicks the outbox and waits for it at most `ms` (0: one event-loop turn); delivery goes on in the background. */
  deliverWithin(ms: number): Promise<void>;
  /** ISO time of the last round that completed, and the error of the last attempt if it failed. */
  lastRound(): { lastRoundAt?: string; lastError?: string };
  /** A unique, ordered stamp for the notes written at `nowMs`. */
  stamp(nowMs: number): string;
}

/** Scheduled rounds → pure policy → records and outbox in one commit → "round committed" → delivery. */
export function createRoundRunner(deps: RoundRunnerDeps): RoundRunner {
  const { store, clock, logger, policy } = deps;
  const timers = deps.timers ?? realTimers;
  const cadence = deps.generationIntervalSeconds === undefined ? undefined : createPaidProbeCadence(deps.generationIntervalSeconds * 1000);
  const outbox = createOutbox({ store, sink: deps.sink, clock, logger, ...deps.outbox });
  let inFlight: Promise<RoundOutcome> | undefined;
  let lastRoundAt: string | undefined;
  let lastError: string | undefined;
  const committedListeners = new Set<(outcome: RoundOutcome) => void>();
  let seq = 0;
  const stamp = (nowMs: number) => `${new Date(nowMs).toISOString()}#${(seq += 1)}`;
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };

  const scheduler = createScheduler({
    intervalMs: deps.intervalSeconds * 1000, jitter: deps.jitter ?? 0.1, timers, random: deps.random,
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
    await settleWithin(scheduler.deliverNow(), deps.deliveryWaitMs ?? 5000, timers);
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
    exclusive,
    deliverWithin: (ms) => settleWithin(scheduler.deliverNow(), ms, timers),
    lastRound: () => ({ lastRoundAt, lastError }),
    stamp,
  };
}
