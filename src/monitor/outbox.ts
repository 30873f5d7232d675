import type { AlertSink, SinkResult } from '../ports/alert-sink.js';
import type { Clock } from '../ports/clock.js';
import type { PendingDelivery, Store } from '../ports/store.js';
import { silentLogger, type MonitorLogger } from './monitor-logger.js';

export interface OutboxDeps {
  store: Store;
  sink: AlertSink;
  clock: Clock;
  logger?: MonitorLogger;
  /** First retry delay, doubled per attempt up to `maxDelayMs`, unless the sink says `Retry-After`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Gap between two sends: Slack allows about one message a second per channel. */
  paceMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DrainResult {
  delivered: number;
  retried: number;
  dead: number;
  /** Still pending after this pass (not due, or behind an undelivered message of the same alert). */
  waiting: number;
  /** When the earliest waiting delivery is due, to schedule the next pass. */
  nextAttemptAtMs?: number;
}

export interface Outbox {
  /** Sends what is due, in order. Concurrent calls share one pass and trigger one more, never two senders at once. */
  drain(): Promise<DrainResult>;
}

const BATCH = 200;

/**
 * Delivers what the monitor wrote to the store: each delivery was committed before any send, so a slow or dead
 * Slack loses nothing. Root posts are deduplicated by the stored ref (written with the delivered mark in one
 * transaction), thread order is kept per alert, and a transient failure stops the pass (Slack is down or pacing us).
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  const { store, sink, clock } = deps;
  const log = deps.logger ?? silentLogger;
  const baseDelayMs = deps.baseDelayMs ?? 1000;
  const maxDelayMs = deps.maxDelayMs ?? 300_000;
  const paceMs = deps.paceMs ?? 1000;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let lastSendAtMs = -Infinity;
  let running: Promise<DrainResult> | undefined;
  let again = false;

  async function send(d: PendingDelivery): Promise<SinkResult<unknown>> {
    const ref = await store.alertRef(d.alertId);
    if (d.payload.kind === 'post_root') {
      // Posted before a crash or by a previous pass: never post the same root twice.
      if (ref) return { ok: true, value: ref };
      return sink.postRoot(d.payload.root, d.idempotencyKey);
    }
    if (!ref) return { ok: false, error: 'the alert has no root message', permanent: true };
    return d.payload.kind === 'update_root'
      ? sink.updateRoot(ref, d.payload.root, d.idempotencyKey)
      : sink.reply(ref, d.payload.note, d.idempotencyKey);
  }

  async function pass(): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, retried: 0, dead: 0, waiting: 0 };
    const blocked = new Set<string>();
    let stopped = false;
    for (const d of await store.pendingDeliveries(BATCH)) {
      // Behind a stop or an earlier message of its alert: that one's due time already counts for the next pass.
      if (stopped || blocked.has(d.alertId)) { result.waiting += 1; continue; }
      if (d.nextAttemptAtMs > clock.now()) {
        result.waiting += 1;
        result.nextAttemptAtMs = Math.min(result.nextAttemptAtMs ?? Infinity, d.nextAttemptAtMs);
        blocked.add(d.alertId);
        continue;
      }
      const gap = lastSendAtMs + paceMs - clock.now();
      if (gap > 0) await sleep(gap);
      lastSendAtMs = clock.now();
      const out = await send(d).catch((e: unknown): SinkResult<unknown> => ({ ok: false, error: e instanceof Error ? e.message : String(e) }));
      const now = clock.now();
      if (out.ok) {
        const ref = d.payload.kind === 'post_root' ? { alertId: d.alertId, ref: out.value as { channel: string; ts: string } } : undefined;
        await store.markDelivered(d.id, now, ref);
        result.delivered += 1;
      } else if (out.permanent) {
        await store.markDead(d.id, out.error);
        log.error({ idempotencyKey: d.idempotencyKey, error: out.error }, 'alert delivery given up');
        result.dead += 1;
      } else {
        const delayMs = out.retryAfterSeconds !== undefined ? out.retryAfterSeconds * 1000 : Math.min(maxDelayMs, baseDelayMs * 2 ** d.attempts);
        await store.markRetry(d.id, now + delayMs, out.error);
        log.warn({ idempotencyKey: d.idempotencyKey, error: out.error, attempts: d.attempts + 1, delayMs }, 'alert delivery will be retried');
        result.retried += 1;
        result.waiting += 1;
        result.nextAttemptAtMs = Math.min(result.nextAttemptAtMs ?? Infinity, now + delayMs);
        blocked.add(d.alertId);
        stopped = true;
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
