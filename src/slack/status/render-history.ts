import type { HistoryWindow } from '../../monitor/summarize-history.js';
import { context, countOf, fallbackText, section, sparkline, type SlackMessage } from '../kit/index.js';

/** What a history picture needs of a window: the monitor's figures and its per-bucket series. */
export type HistoryFigures = Pick<HistoryWindow, 'label' | 'rounds' | 'upRounds' | 'uptimePercent' | 'latencyP50Ms' | 'latencyP95Ms' | 'uptimeBuckets' | 'latencyBuckets'>;

const LABEL: Record<string, string> = { '24h': 'Last 24 h', '7d': 'Last 7 days' };
const round = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;

/**
 * A window as lines that read at a glance: uptime and latency in words, then text sparklines (oldest left; `·` for no
 * data) — uptime on a fixed 0–100 % scale, latency between its own lowest and highest median, which are named. Text,
 * not an image: it renders in every Slack client and needs no upload or renderer.
 */
export function historyLines(w: HistoryFigures, options: { latency?: boolean } = {}): string[] {
  const label = LABEL[w.label] ?? w.label;
  if (w.uptimePercent === undefined) return [`*${label}*: no monitor rounds yet`];
  const latency = w.latencyP50Ms !== undefined ? ` · latency p50 ${round(w.latencyP50Ms)}, p95 ${round(w.latencyP95Ms ?? w.latencyP50Ms)}` : '';
  const lines = [`*${label}*: ${w.uptimePercent.toFixed(2)}% up (${w.upRounds} of ${countOf(w.rounds, 'round')})${latency}`];
  lines.push(`\`uptime  ${sparkline(w.uptimeBuckets, { min: 0, max: 100 })}\``);
  const known = w.latencyBuckets.filter((v): v is number => v !== undefined);
  if (options.latency !== false && known.length > 0) {
    lines.push(`\`latency ${sparkline(w.latencyBuckets)}\` ${round(Math.min(...known))} to ${round(Math.max(...known))}`);
  }
  return lines;
}

/** `/claude-status history`: uptime and latency over 24 h (with both pictures) and 7 days (uptime), from the monitor. */
export function renderHistory(windows: HistoryFigures[]): SlackMessage {
  const lines = windows.flatMap((w) => historyLines(w, { latency: w.label === '24h' }));
  const day = windows.find((w) => w.label === '24h');
  const text = day?.uptimePercent !== undefined ? `Claude API over 24 h: ${day.uptimePercent.toFixed(2)}% up` : 'Claude API history: no monitor rounds yet';
  return {
    text: fallbackText(text),
    blocks: [section(`*:chart_with_upwards_trend: Claude API history*\n${lines.join('\n')}`), ...context('From the monitor’s probe rounds; oldest on the left, `·` where there was no round.')],
  };
}
