import type { HistoryWindow } from '../../monitor/summarize-history.js';

/** `/claude-status history`: uptime, latency and a sparkline per window, from the monitor's probe history. */
export function renderHistory(windows: HistoryWindow[]): { text: string } {
  const lines = ['*Claude API history* (monitor probe rounds)'];
  for (const w of windows) {
    if (w.uptimePercent === undefined) {
      lines.push(`• *${w.label}*: no rounds yet`);
      continue;
    }
    const latency = w.latencyP50Ms !== undefined ? ` · latency p50 ${Math.round(w.latencyP50Ms)} ms, p95 ${Math.round(w.latencyP95Ms ?? w.latencyP50Ms)} ms` : '';
    lines.push(`• *${w.label}*: ${w.uptimePercent.toFixed(2)}% up (${w.upRounds}/${w.rounds} rounds)${latency}`, `  \`${w.sparkline}\``);
  }
  return { text: lines.join('\n') };
}
