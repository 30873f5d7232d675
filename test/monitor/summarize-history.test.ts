import { describe, expect, it } from 'vitest';
import { summarizeHistory } from '../../src/monitor/summarize-history.js';
import type { ProbeRecord } from '../../src/monitor/store.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const HOUR = 3_600_000;

describe('summarizeHistory', () => {
  it('computes uptime per round, latency percentiles and a sparkline per window', () => {
    const rows: ProbeRecord[] = [];
    // 24 hourly rounds in the last day; the round 2 h ago failed on one check of two.
    for (let h = 0; h < 24; h += 1) {
      const at = NOW - h * HOUR;
      rows.push({ key: 'auth', atMs: at, status: 'ok', latencyMs: 100 + h });
      rows.push({ key: 'generation', atMs: at, status: h === 2 ? 'fail' : 'ok', latencyMs: 1000 });
    }
    rows.push({ key: 'generation', atMs: NOW - 3 * 24 * HOUR, status: 'skip' });
    const [day, week] = summarizeHistory(rows, NOW);
    expect(day).toMatchObject({ label: '24h', rounds: 24, upRounds: 23, latencyP50Ms: 1000 });
    expect(day!.uptimePercent).toBeCloseTo((23 / 24) * 100);
    expect(day!.latencyP95Ms).toBe(1000);
    expect(day!.sparkline).toHaveLength(24);
    expect(day!.sparkline).toBe(`${'█'.repeat(21)}▁██`);
    expect(week!.sparkline.slice(0, 24)).toBe('·'.repeat(24));
    // Per-bucket figures, for pictures drawn by the renderers: uptime in percent, median latency, gaps as undefined.
    expect(day!.uptimeBuckets).toEqual([...new Array(21).fill(100), 0, 100, 100]);
    expect(day!.latencyBuckets).toHaveLength(24);
    expect(day!.latencyBuckets.every((v) => v === 1000)).toBe(true);
    expect(week!.latencyBuckets[0]).toBeUndefined();
    expect(summarizeHistory(rows, NOW, 'auth')[0]).toMatchObject({ upRounds: 24, latencyP50Ms: 112 });
    expect(summarizeHistory([], NOW)[1]).toMatchObject({ rounds: 0, uptimePercent: undefined });
  });
});
