import type { KnownBlock } from '@slack/types';
import type { StatusReport } from '../../checks/check-result.js';
import { escapeMrkdwn } from '../../explain/escape-mrkdwn.js';
import { clipMrkdwn, slackDate, SLACK_LIMITS as BLOCK_LIMITS, STATUS_EMOJI, VERDICT_EMOJI } from '../kit/index.js';

/** What the App Home dashboard shows; gathered by `register-app-home.ts` from the status service and the monitor. */
export interface HomeData {
  report?: StatusReport;
  incidents: { title: string; severity: string; since: string; acknowledgedBy?: string; mutedUntil?: string }[];
  /** Uptime and latency per window (24 h, 7 d) from the monitor's probe history. */
  history: { window: string; uptimePercent?: number; p50LatencyMs?: number; p95LatencyMs?: number; rounds: number }[];
  monitor: { on: boolean; channel?: string; intervalSeconds: number; paused?: boolean };
}

const MAX_HOME_BLOCKS = 100; // views.publish refuses more

const channelLink = (channel = ''): string => (/^[CGD][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : `#${escapeMrkdwn(channel)}`);
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clipMrkdwn(text, BLOCK_LIMITS.sectionText) } });

/** The App Home tab: verdict, open incidents, uptime and latency, headroom, breaker and limiter, last check time. */
export function renderHome(data: HomeData): { type: 'home'; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Claude API status' } }];
  const report = data.report;
  if (!report) {
    blocks.push(section('No check has run yet. Type `/claude-status` in any channel to run one.'));
  } else {
    blocks.push(section(`${VERDICT_EMOJI[report.verdict]} *${report.verdict}* — ${escapeMrkdwn(report.headline)}`));
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Last check ${slackDate(report.checkedAt)} · key ${escapeMrkdwn(report.key.masked)}${report.key.organizationId ? ` · organisation \`${escapeMrkdwn(report.key.organizationId)}\`` : ''}` }],
    });
    const lines = report.checks.map((c) => `${STATUS_EMOJI[c.status]} *${c.subject ? `${c.id} ${escapeMrkdwn(c.subject)}` : c.id}* ${escapeMrkdwn(c.summary)}`);
    blocks.push(section(lines.join('\n')));
    const { limiter, breaker } = report.resilience;
    const lane = limiter.lanes.messages;
    const remaining = lane.apiRemaining;
    blocks.push(section([
      `*Breaker* ${breaker.state} · ${breaker.failures} failures, ${breaker.rejections} rejected, ${breaker.errorPercent.toFixed(0)}% errors`,
      `*Limiter* ${lane.running} running, ${lane.queued} queued, ${lane.dropped} dropped · pacing ${lane.effectiveRpm}/${lane.configuredRpm} RPM · ${limiter.rateLimited} 429s`,
      remaining ? `*API headroom* ${remaining.requests ?? '?'} requests, ${remaining.inputTokens ?? '?'} input tokens, ${remaining.outputTokens ?? '?'} output tokens left${remaining.resetAt ? ` (reset ${remaining.resetAt})` : ''}` : '*API headroom* not reported yet',
    ].join('\n')));
  }
  blocks.push({ type: 'divider' });
  blocks.push(section(data.incidents.length === 0
    ? '*Open incidents* none'
    : `*Open incidents* (${data.incidents.length})\n${data.incidents.slice(0, 20).map((i) => `• [${i.severity}] ${escapeMrkdwn(i.title)} since ${i.since}${i.acknowledgedBy ? ` · acknowledged by <@${i.acknowledgedBy}>` : ''}${i.mutedUntil ? ` · muted until ${i.mutedUntil}` : ''}`).join('\n')}`));
  if (data.history.length > 0) {
    blocks.push(section(`*Uptime and latency*\n${data.history.map((h) => `• ${h.window}: ${h.uptimePercent === undefined ? 'no data' : `${h.uptimePercent.toFixed(2)}% up`}${h.p50LatencyMs !== undefined ? `, p50 ${Math.round(h.p50LatencyMs)} ms` : ''}${h.p95LatencyMs !== undefined ? `, p95 ${Math.round(h.p95LatencyMs)} ms` : ''} (${h.rounds} rounds)`).join('\n')}`));
  }
  const monitor = data.monitor;
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: monitor.on ? `Monitor ${monitor.paused ? '*paused*' : 'on'}: every ${monitor.intervalSeconds} s, alerts to ${channelLink(monitor.channel)}` : 'Monitor off (set ALERT_CHANNEL to turn it on)' }],
  });
  return { type: 'home', blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}
