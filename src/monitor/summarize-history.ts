import type { ProbeRecord } from './store.js';

/** Figures for one window of the probe history, for `/claude-status history`. */
export interface HistoryWindow {
  label: string;
  windowMs: number;
  /** Rounds with at least one probe that ran (skips do not count). */
  rounds: number;
  /** Rounds in which no probe failed. */
  upRounds: number;
  /** Undefined when there is no data in the window. */
  uptimePercent?: number;
  latencyP50Ms?: number;
  latencyP95Ms?: number;
  /** Uptime per bucket, oldest first, as block characters; `·` where there is no data. */
  sparkline: string;
  /** Uptime per bucket in percent, oldest first; undefined where there is no data (for a renderer's own picture). */
  uptimeBuckets: (number | undefined)[];
  /** Median probe latency per bucket in ms, oldest first; undefined where no probe measured one. */
  latencyBuckets: (number | undefined)[];
}

export const HISTORY_WINDOWS = [
  { label: '24h', windowMs: 86_400_000, buckets: 24 },
  { label: '7d', windowMs: 7 * 86_400_000, buckets: 28 },
] as const;

const BLOCKS = '▁▂▃▄▅▆▇█';

function percentile(sorted: number[], p: number): number | undefined {
  if (!sorted.length) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Uptime and latency over the last 24 h and 7 d. A round (all probes at one instant) is up when none of its
 * probes failed: uptime is what a user of the bot saw, not an average over checks. `key` narrows to one check.
 */
export function summarizeHistory(rows: ProbeRecord[], nowMs: number, key?: string): HistoryWindow[] {
  const mine = rows.filter((r) => r.status !== 'skip' && (key === undefined || r.key === key));
  return HISTORY_WINDOWS.map(({ label, windowMs, buckets }) => {
    const start = nowMs - windowMs;
    const inWindow = mine.filter((r) => r.atMs > start && r.atMs <= nowMs);
    const rounds = new Map<number, boolean>();
    for (const r of inWindow) rounds.set(r.atMs, (rounds.get(r.atMs) ?? true) && r.status !== 'fail');
    const up = new Array<number>(buckets).fill(0);
    const all = new Array<number>(buckets).fill(0);
    const bucketOf = (at: number) => Math.max(0, Math.ceil(((at - start) / windowMs) * buckets) - 1);
    const latencyIn: number[][] = Array.from({ length: buckets }, () => []);
    for (const r of inWindow) if (r.latencyMs !== undefined) latencyIn[bucketOf(r.atMs)]!.push(r.latencyMs);
    for (const [at, ok] of rounds) {
      // Buckets are (start, end]: a round exactly at `now` belongs to the last one.
      const b = bucketOf(at);
      all[b]! += 1;
      if (ok) up[b]! += 1;
    }
    const upRounds = [...rounds.values()].filter(Boolean).length;
    const latencies = inWindow.flatMap((r) => (r.latencyMs !== undefined ? [r.latencyMs] : [])).sort((a, b) => a - b);
    return {
      label, windowMs, rounds: rounds.size, upRounds,
      uptimePercent: rounds.size ? (upRounds / rounds.size) * 100 : undefined,
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
      sparkline: all.map((n, i) => (n ? BLOCKS[Math.round((up[i]! / n) * (BLOCKS.length - 1))] : '·')).join(''),
      uptimeBuckets: all.map((n, i) => (n ? (up[i]! / n) * 100 : undefined)),
      latencyBuckets: latencyIn.map((values) => percentile(values.sort((a, b) => a - b), 50)),
    };
  });
}
