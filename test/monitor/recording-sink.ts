import type { AlertRef, AlertRoot, AlertSink, SinkResult, ThreadNote } from '../../src/monitor/alert-sink.js';

export type SinkCall =
  | { method: 'postRoot'; root: AlertRoot; key: string; ref: AlertRef }
  | { method: 'updateRoot'; root: AlertRoot; key: string; ref: AlertRef }
  | { method: 'reply'; note: ThreadNote; key: string; ref: AlertRef };

/** Our own port, recorded: what "Slack" accepted, in order. `failNext` scripts failures (429, 500, thrown). */
export function createRecordingSink() {
  const calls: SinkCall[] = [];
  const failures: (SinkResult<never> | Error)[] = [];
  let attempts = 0;
  let seq = 0;
  const gate = <T>(ok: () => T): SinkResult<T> => {
    attempts += 1;
    const f = failures.shift();
    if (f instanceof Error) throw f;
    return f ?? { ok: true, value: ok() };
  };
  const sink: AlertSink = {
    postRoot: async (root, key) => gate(() => {
      const ref = { channel: 'C_ALERTS', ts: `${1000 + (seq += 1)}.000100` };
      calls.push({ method: 'postRoot', root, key, ref });
      return ref;
    }),
    updateRoot: async (ref, root, key) => gate(() => void calls.push({ method: 'updateRoot', root, key, ref })),
    reply: async (ref, note, key) => gate(() => {
      calls.push({ method: 'reply', note, key, ref });
      return { channel: ref.channel, ts: `${2000 + (seq += 1)}.000200` };
    }),
  };
  return {
    sink,
    calls,
    attempts: () => attempts,
    failNext: (...f: (SinkResult<never> | Error)[]) => void failures.push(...f),
    methods: () => calls.map((c) => (c.method === 'reply' ? `reply:${c.note.kind}` : c.method)),
  };
}
