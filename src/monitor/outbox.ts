import type { AlertRef, AlertSink, SinkResult } from './alert-sink.js';
import type { Clock } from '../ports/clock.js';
import type { PendingDelivery, Store } from './store.js';
import { silentLogger, type MonitorLogger } from './monitor-logger.js';

export interface OutboxDeps {
  store: Store;
  sink: AlertSink;
  clock: Clock;
  logger?: MonitorLogger;
  /** First retry delay, doubled per attempt up to `maxDelayMs`, unless the sink says `Retry-After`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Gap between two sends: Slack allows about one message a second per channel. A pass never sleeps: the next message
   * waits for the next pass (its due time is in the result), so all of the outbox's waiting is the scheduler's timer.
   */
  paceMs?: number;
  /**
   * Failed attempts per message before it is given up (default 10: about 15 minutes of backoff). Failures that came
   * with a Retry-After (Slack pacing us, or down and saying for how long) wait as told and do not count.
   */
  maxAttempts?: number;
  /** Told of every message given up (a metric); `permanent`: the sink refused it, else it ran out of retries. */
  onGiveUp?: (delivery: PendingDelivery, error: string, permanent: boolean) => void;
}

export interface DrainResult {
  delivered: number;
  retried: number;
  dead: number;
  /** Still pending after this pass (not due, paced, behind an undelivered message of the same alert, or behind a 429). */
  waiting: number;
  /** When the earliest waiting delivery is due, to schedule the next pass. */
  nextAttemptAtMs?: number;
}

export interface Outbox {
  /** Sends what is due, in order. Concurrent calls share one pass and trigger one more, never two senders at once. */
  drain(): Promise<DrainResult>;
}

const BATCH = 200;
/** How far before our first send the landing check looks (clock skew between us and Slack's `ts`). */
const LANDING_SKEW_MS = 60_000;

/**
 * Delivers what the monitor wrote to the store: each delivery was committed before any send, so a slow or dead
 * Slack loses nothing. Root posts are deduplicated by the stored ref (written with the delivered mark in one
 * transaction) and, when an earlier send's outcome was never learnt (a timeout, a 5xx, a crash), by looking for the
 * post in the channel before posting again. Per message: bounded retries with backoff, Retry-After honoured (a 429
 * pauses the pass: Slack paces the whole app); a message that fails for good is given up loudly without holding the
 * others. Thread order is kept per alert: a message waits behind an undelivered earlier one of its alert.
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  const { store, sink, clock } = deps;
  const log = deps.logger ?? silentLogger;
  const baseDelayMs = deps.baseDelayMs ?? 1000;
  const maxDelayMs = deps.maxDelayMs ?? 300_000;
  const paceMs = deps.paceMs ?? 1000;
  const maxAttempts = deps.maxAttempts ?? 10;
  let lastSendAtMs = -Infinity;
  let running: Promise<DrainResult> | undefined;
  let again = false;

  async function send(d: PendingDelivery, lastChance: boolean): Promise<SinkResult<unknown>> {
    const ref = await store.alertRef(d.alertId);
    if (d.payload.kind === 'post_root') {
      // Posted before a crash or by a previous pass: never post the same root twice.
      if (ref) return { ok: true, value: ref };
      if (d.sendingSinceMs !== undefined && sink.findRoot) {
        const found = await sink.findRoot(d.idempotencyKey, d.sendingSinceMs - LANDING_SKEW_MS);
        if (found.ok && found.value) {
          log.info({ idempotencyKey: d.idempotencyKey }, 'an earlier root post had landed after all: adopted, not posted again');
          return found;
        }
        // Cannot look (a missing scope, Slack down at its last chance): post rather than lose the alert.
        if (!found.ok && !found.permanent && !lastChance) return found;
        if (!found.ok) log.warn({ idempotencyKey: d.idempotencyKey, error: found.error }, 'could not look for an earlier root post; posting again');
      }
      await store.markSending(d.id, clock.now());
      return sink.postRoot(d.payload.root, d.idempotencyKey);
    }
    if (!ref) return { ok: false, error: 'the alert has no root message', permanent: true };
    return d.payload.kind === 'update_root'
      ? sink.updateRoot(ref, d.payload.root, d.idempotencyKey)
      : sink.reply(ref, d.payload.note, d.idempotencyKey);
  }

  async function giveUp(d: PendingDelivery, error: string, permanent: boolean): Promise<void> {
    await store.markDead(d.id, error, clock.now());
    log.error({ idempotencyKey: d.idempotencyKey, alertId: d.alertId, kind: d.payload.kind, attempts: d.attempts + 1, error }, 'alert message given up: it will not be sent');
    deps.onGiveUp?.(d, error, permanent);
  }

  async function pass(): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, retried: 0, dead: 0, waiting: 0 };
    const blocked = new Set<string>();
    const wait = (d: PendingDelivery, dueMs: number) => {
      result.waiting += 1;
      result.nextAttemptAtMs = Math.min(result.nextAttemptAtMs ?? Infinity, dueMs);
      blocked.add(d.alertId);
    };
    let pausedUntilMs: number | undefined;
    for (const d of await store.pendingDeliveries(BATCH)) {
      // Behind a 429 or an earlier message of its alert: that one's due time already counts for the next pass.
      if (pausedUntilMs !== undefined || blocked.has(d.alertId)) { result.waiting += 1; blocked.add(d.alertId); continue; }
      if (d.nextAttemptAtMs > clock.now()) { wait(d, d.nextAttemptAtMs); continue; }
      // Paced: this one and the rest of the pass wait for the next, due when the gap has passed.
      if (lastSendAtMs + paceMs > clock.now()) {
        pausedUntilMs = lastSendAtMs + paceMs;
        wait(d, pausedUntilMs);
        continue;
      }
      lastSendAtMs = clock.now();
      // `attempts` counts failures without a Retry-After only (see markRetry below).
      const lastChance = d.attempts + 1 >= maxAttempts;
      const out = await send(d, lastChance).catch((e: unknown): SinkResult<unknown> => ({ ok: false, error: e instanceof Error ? e.message : String(e) }));
      const now = clock.now();
      if (out.ok) {
        const ref = d.payload.kind === 'post_root' ? { alertId: d.alertId, ref: out.value as AlertRef } : undefined;
        await store.markDelivered(d.id, now, ref);
        result.delivered += 1;
      } else if (out.permanent || (lastChance && out.retryAfterSeconds === undefined)) {
        await giveUp(d, out.permanent ? out.error : `out of retries after ${d.attempts + 1} attempts: ${out.error}`, out.permanent === true);
        result.dead += 1;
      } else {
        const delayMs = out.retryAfterSeconds !== undefined ? out.retryAfterSeconds * 1000 : Math.min(maxDelayMs, baseDelayMs * 2 ** d.attempts);
        // Slack said when to come back: it is pacing us (or down for a while), not refusing this message, so the wait
        // does not use up the message's retries; only failures without a Retry-After do.
        await store.markRetry(d.id, now + delayMs, out.error, out.retryAfterSeconds === undefined);
        log.warn({ idempotencyKey: d.idempotencyKey, error: out.error, attempts: d.attempts + 1, delayMs }, 'alert delivery will be retried');
        result.retried += 1;
        wait(d, now + delayMs);
        // Slack said when to come back: that holds for every message, not just this one.
        if (out.retryAfterSeconds !== undefined) pausedUntilMs = now + delayMs;
      }
    }
    return result;
  }

  async function loop(): Promise<DrainResult> {
    let last = await pass();
    while (again) {
      again = false;
      last = await pass();
    }
    return last;
  }

  return {
    drain() {
      if (running) {
        again = true;
        return running;
      }
      running = loop().finally(() => { running = undefined; });
      return running;
    },
  };
}
