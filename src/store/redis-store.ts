import type { Redis } from 'ioredis';
import type { CheckTrack } from '../monitor/incident.js';
import type { AlertRef } from '../monitor/alert-sink.js';
import type { DeadDelivery, IncidentRecord, PendingDelivery, ProbeRecord, Store, StoreWrite } from '../monitor/store.js';
import { COMMIT_LUA, MARK_LUA } from './redis-scripts.js';
import { resolveRetention, type StoreRetention } from './store-retention.js';

/** Bounds as in SQLite, except that delivered entries' idempotency keys stay forever (`outbox:idem`). */
export interface RedisStoreOptions extends StoreRetention {
  /** The connection; its owner quits it (close() leaves it open, the leader lease shares it). */
  redis: Redis;
  /** Prefix of every key (default `claude-status:`), so several apps can share one Redis. */
  prefix?: string;
}

/** A commit that only lands while `key` still holds `token`: a replica that lost the monitor lease cannot write a round. */
export interface CommitFence {
  key: string;
  token: string;
}

/** The Redis store: a Store whose commit can be fenced by the leader lease. */
export interface RedisStore extends Store {
  /** Resolves false, writing nothing, when the fence no longer holds. */
  commitFenced(write: StoreWrite, nowMs: number, fence: CommitFence): Promise<boolean>;
}

type Script = (...args: (string | number)[]) => Promise<number>;
type Ack = Pick<IncidentRecord, 'acknowledgedBy' | 'acknowledgedAt'>;
type Mute = Pick<IncidentRecord, 'mutedBy' | 'mutedUntilMs'>;

/**
 * The shared Store on Redis, for several replicas: the same behaviour as the SQLite store (the contract tests run
 * against both). A commit is one Lua script, so it is atomic and an idempotency key is enqueued once whichever
 * replica writes it. What people did (acknowledge, snooze) is kept beside the record and merged on read, so a
 * round on the leader that read an incident before a button on another replica does not erase it.
 */
export function openRedisStore(options: RedisStoreOptions): RedisStore {
  const { redis } = options;
  const p = options.prefix ?? 'claude-status:';
  const keep = resolveRetention(options);
  // EVALSHA with a fallback to EVAL: a flushed script cache (SCRIPT FLUSH, a restarted Redis) heals by itself.
  redis.defineCommand('claudeStatusCommit', { numberOfKeys: 0, lua: COMMIT_LUA });
  redis.defineCommand('claudeStatusMark', { numberOfKeys: 0, lua: MARK_LUA });
  const scripts = redis as unknown as { claudeStatusCommit: Script; claudeStatusMark: Script };

  async function commit(write: StoreWrite, nowMs: number, fence?: CommitFence): Promise<boolean> {
    const payload = {
      ...(write.tracks ? { tracks: JSON.stringify(write.tracks) } : {}),
      incidents: (write.incidents ?? []).map((i) => ({
        id: i.id, key: i.key, alert: i.alertId, at: String(Date.parse(i.openedAt)), open: i.status === 'open', data: JSON.stringify(i),
        // Retention counts from resolution: a long incident is not deleted in the commit that resolves it.
        done: String(Date.parse(i.resolvedAt ?? i.openedAt)),
        ...(i.acknowledgedBy ? { ack: JSON.stringify({ acknowledgedBy: i.acknowledgedBy, acknowledgedAt: i.acknowledgedAt } satisfies Ack) } : {}),
        ...(i.mutedUntilMs !== undefined ? { mute: JSON.stringify({ mutedBy: i.mutedBy, mutedUntilMs: i.mutedUntilMs } satisfies Mute) } : {}),
      })),
      deliveries: (write.deliveries ?? []).map((d) => ({ idem: d.idempotencyKey, alert: d.alertId, payload: JSON.stringify(d.payload) })),
      probes: (write.probes ?? []).map((r) => ({ at: String(r.atMs), data: JSON.stringify(r) })),
    };
    const done = await scripts.claudeStatusCommit(p, JSON.stringify(payload), String(nowMs), String(nowMs - keep.probeRetentionMs), keep.maxProbeRows,
      String(nowMs - keep.deliveredRetentionMs), String(nowMs - keep.resolvedRetentionMs), fence?.key ?? '', fence?.token ?? '');
    return done === 1;
  }

  async function records(ids: string[]): Promise<IncidentRecord[]> {
    if (ids.length === 0) return [];
    const [data, acks, mutes] = await Promise.all([redis.hmget(`${p}inc`, ...ids), redis.hmget(`${p}inc:ack`, ...ids), redis.hmget(`${p}inc:mute`, ...ids)]);
    return ids.flatMap((_, n) => {
      if (!data[n]) return [];
      const rec = JSON.parse(data[n]) as IncidentRecord;
      const ack = acks[n] ? (JSON.parse(acks[n]) as Ack) : undefined;
      const mute = mutes[n] ? (JSON.parse(mutes[n]) as Mute) : undefined;
      const merged = { ...rec, ...(ack && !rec.acknowledgedBy ? ack : {}) };
      return [rec.status === 'open' && mute && (rec.mutedUntilMs ?? 0) < (mute.mutedUntilMs ?? 0) ? { ...merged, ...mute } : merged];
    });
  }

  const mark = (mode: string, id: number, at: number, error = '', ref?: { alertId: string; ref: AlertRef }) =>
    scripts.claudeStatusMark(p, mode, String(id), String(at), error, ref?.alertId ?? '', ref ? JSON.stringify({ channel: ref.ref.channel, ts: ref.ref.ts }) : '');

  return {
    commit: async (write, nowMs) => void (await commit(write, nowMs)),
    commitFenced: (write, nowMs, fence) => commit(write, nowMs, fence),
    loadTracks: async () => JSON.parse((await redis.get(`${p}tracks`)) ?? '{}') as Record<string, CheckTrack>,
    openIncidents: async () => records(await redis.zrange(`${p}inc:open`, 0, -1)),
    incident: async (key) => {
      const all = await records(await redis.zrange(`${p}inc:key:${key}`, 0, -1));
      return all.filter((r) => r.status === 'open').at(-1) ?? all.at(-1);
    },
    incidentsOfAlert: async (alertId) => records(await redis.zrange(`${p}inc:alert:${alertId}`, 0, -1)),
    alertRef: async (alertId) => {
      const ref = await redis.hget(`${p}alerts`, alertId);
      return ref ? (JSON.parse(ref) as AlertRef) : undefined;
    },
    pendingDeliveries: async (limit) => {
      const ids = await redis.zrange(`${p}outbox:pending`, 0, limit - 1);
      const rows = await Promise.all(ids.map((id) => redis.hgetall(`${p}outbox:${id}`)));
      return rows.flatMap((r, n): PendingDelivery[] => (r.idem === undefined ? [] : [{
        id: Number(ids[n]), idempotencyKey: r.idem, alertId: r.alert ?? '', payload: JSON.parse(r.payload ?? '{}') as PendingDelivery['payload'],
        attempts: Number(r.attempts), nextAttemptAtMs: Number(r.next), createdAtMs: Number(r.created), lastError: r.last_error,
        ...(r.sending !== undefined ? { sendingSinceMs: Number(r.sending) } : {}),
      }]));
    },
    markDelivered: async (id, nowMs, ref) => void (await mark('delivered', id, nowMs, '', ref)),
    markRetry: async (id, nextAttemptAtMs, error, counted = true) => void (await mark(counted ? 'retry' : 'retry_uncounted', id, nextAttemptAtMs, error)),
    markSending: async (id, nowMs) => void (await mark('sending', id, nowMs)),
    markDead: async (id, error, nowMs) => void (await mark('dead', id, nowMs, error)),
    deadDeliveries: async (sinceMs, limit) => {
      const ids = await redis.zrevrangebyscore(`${p}outbox:dead`, '+inf', sinceMs, 'LIMIT', 0, limit);
      const rows = await Promise.all(ids.map((id) => redis.hgetall(`${p}outbox:${id}`)));
      return rows.flatMap((r, n): DeadDelivery[] => (r.idem === undefined ? [] : [{
        id: Number(ids[n]), idempotencyKey: r.idem, alertId: r.alert ?? '', kind: (JSON.parse(r.payload ?? '{}') as PendingDelivery['payload']).kind,
        error: r.last_error ?? '', deadAtMs: Number(r.dead_at),
      }]));
    },
    probeHistory: async (sinceMs, key) => {
      const members = await redis.zrangebyscore(`${p}probes`, sinceMs, '+inf');
      const all = members.map((m) => JSON.parse(m.slice(m.indexOf('|') + 1)) as ProbeRecord);
      return key ? all.filter((r) => r.key === key) : all;
    },
    isPaused: async () => (await redis.get(`${p}paused`)) === 'true',
    setPaused: async (paused) => void (await redis.set(`${p}paused`, String(paused))),
    close: async () => undefined,
  };
}
