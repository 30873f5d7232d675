import { describe, expect, it } from 'vitest';
import type { AlertSink } from '../../../src/monitor/alert-sink.js';
import type { PendingDelivery } from '../../../src/monitor/store.js';
import { countGiveUps, withDeliveryTelemetry } from '../../../src/slack/alerts/with-delivery-telemetry.js';
import { makeRoot } from './alert-fixture.js';

const recording = () => {
  const counted: string[] = [];
  return { counted, telemetry: { probe: () => undefined, explanation: () => undefined, slackDelivery: (m: string, o: string) => void counted.push(`${m} ${o}`) } };
};

describe('delivery telemetry', () => {
  it('counts the landing look-up like any call, and keeps it when the sink has one', async () => {
    const { counted, telemetry } = recording();
    const sink: AlertSink = {
      postRoot: async () => ({ ok: false, error: 'timeout' }),
      updateRoot: async () => ({ ok: true, value: undefined }),
      reply: async () => ({ ok: false, permanent: true, error: 'not_in_channel' }),
      findRoot: async () => ({ ok: true, value: undefined }),
    };
    const wrapped = withDeliveryTelemetry(sink, telemetry);
    await wrapped.postRoot(makeRoot(), 'k');
    await wrapped.findRoot!('k', 0);
    await wrapped.reply({ channel: 'C', ts: '1.1' }, { alertId: 'a', incidentKey: 'auth', kind: 'resolved', text: 'x', at: 'x' }, 'k2');
    expect(counted).toEqual(['chat.postMessage retried', 'conversations.history ok', 'chat.postMessage failed']);
    expect(withDeliveryTelemetry({ ...sink, findRoot: undefined }, telemetry).findRoot).toBeUndefined();
  });

  it('counts a message given up after its retries as failed, and a permanent refusal only once', () => {
    const { counted, telemetry } = recording();
    const giveUp = countGiveUps(telemetry);
    const d = { payload: { kind: 'update_root' } } as PendingDelivery;
    giveUp(d, 'out of retries', false);
    giveUp(d, 'cant_update_message', true);
    expect(counted).toEqual(['chat.update failed']);
  });
});
