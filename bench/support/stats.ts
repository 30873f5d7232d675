import { performance } from 'node:perf_hooks';

/** Percentile of already-measured values (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** Wall-clock and CPU (this process's user + system) percentiles of one call, in milliseconds. */
export interface CallTimes { p50: number; p99: number; cpuP50: number; cpuP99: number }

/**
 * Times `fn` on every input, `rounds` times, after `warmups` untimed calls per input (the JIT). On a shared machine
 * the wall clock also counts the time other processes held the CPU; the CPU time is this process's own (GC included).
 */
export function timeEach(inputs: readonly string[], rounds: number, fn: (text: string) => unknown, warmups = 1): CallTimes {
  for (const text of inputs) for (let i = 0; i < warmups; i++) fn(text);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const text of inputs) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn(text);
      wall.push(performance.now() - t0);
      const used = process.cpuUsage(c0);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { p50: percentile(wall, 50), p99: percentile(wall, 99), cpuP50: percentile(cpu, 50), cpuP99: percentile(cpu, 99) };
}
