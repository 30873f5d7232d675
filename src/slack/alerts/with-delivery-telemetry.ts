import type { AlertSink, SinkResult } from '../../monitor/alert-sink.js';
import type { DeliveryPayload, PendingDelivery } from '../../monitor/store.js';
import type { Telemetry } from '../../ports/telemetry.js';

/** Counts every alert delivery to Slack by method and outcome (ok, retried later, failed for good). */
export function withDeliveryTelemetry(sink: AlertSink, telemetry: Telemetry): AlertSink {
  const count = async <T>(method: string, call: Promise<SinkResult<T>>): Promise<SinkResult<T>> => {
    const result = await call;
    telemetry.slackDelivery(method, result.ok ? 'ok' : result.permanent ? 'failed' : 'retried');
    return result;
  };
  return {
    postRoot: (root, key) => count('chat.postMessage', sink.postRoot(root, key)),
    updateRoot: (ref, root, key) => count('chat.update', sink.updateRoot(ref, root, key)),
    reply: (ref, note, key) => count('chat.postMessage', sink.reply(ref, note, key)),
    ...(sink.findRoot ? { findRoot: (key: string, sinceMs: number) => count('conversations.history', sink.findRoot!(key, sinceMs)) } : {}),
  };
}

const METHOD_OF: Record<DeliveryPayload['kind'], string> = { post_root: 'chat.postMessage', update_root: 'chat.update', reply: 'chat.postMessage' };

/**
 * The outbox's give-up hook: a message that ran out of retries counts as `failed` too (a permanent refusal was
 * already counted as such by `withDeliveryTelemetry` when Slack gave it).
 */
export const countGiveUps = (telemetry: Telemetry) => (delivery: PendingDelivery, _error: string, permanent: boolean): void => {
  if (!permanent) telemetry.slackDelivery(METHOD_OF[delivery.payload.kind], 'failed');
};
