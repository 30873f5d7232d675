import type { StatusReport } from '../../checks/check-result.js';
import { checksToShow, healthyInOrder } from '../../checks/glance-at-report.js';
import { checkWords } from '../report/check-words.js';
import { healthyLine } from '../report/render-report.js';
import type { Severity } from '../../monitor/incident.js';
import { channelRef, codeSpan, context, countOf, divider, esc, header, mention, packLines, section, SEVERITY_LOOK, slackDate, SLACK_LIMITS, sparkline, STATUS_EMOJI, VERDICT_EMOJI, type KnownBlock } from '../kit/index.js';
import { historyLines, type HistoryFigures } from '../status/render-history.js';
import { formatCount } from '../../text/format-count.js';

/** What the App Home dashboard shows; gathered by the app from the status service and the monitor. */
export interface HomeData {
  report?: StatusReport;
  /** The configured ANTHROPIC_BASE_URL: fixes that name the public API name it instead. */
  baseURL?: string;
  incidents: { title: string; severity: Severity; since: string; acknowledgedBy?: string; mutedUntil?: string }[];
  /** Uptime and latency per window (24 h, 7 d) from the monitor's probe history. */
  history: HistoryFigures[];
  monitor: {
    on: boolean; channel?: string; intervalSeconds: number; paused?: boolean;
    /** Alert messages the monitor gave up on lately (Slack refused them, or they ran out of retries): said once here. */
    undelivered?: { count: number; latestError?: string; latestAt?: string };
  };
}

const MAX_INCIDENTS = 20;

/**
 * The App Home tab, for a glance: the verdict sentence, one line per problem and per healthy area (words, not check
 * ids), open incidents with their severity's colour, the 24 h pictures, then the bot's own state in small print.
 * Times are `<!date>` tokens, shown in each reader's zone.
 */
export function renderHome(data: HomeData): { type: 'home'; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [header('Claude API status')];
  const report = data.report;
  if (!report) {
    blocks.push(section('No check has run yet. Type `/claude-status` in any channel to run one.'));
  } else {
    blocks.push(section(`${VERDICT_EMOJI[report.verdict]} *${checkWords(report.headline, 600)}*`));
    const { problems } = checksToShow(report);
    const lines = [
      ...problems.map((c) => `${STATUS_EMOJI[c.status]} ${checkWords(c.summary, 300)}${c.fix ? `\n      _${checkWords(c.fix, 300, data.baseURL)}_` : ''}`),
      ...healthyInOrder(report).map((line) => healthyLine(report, line)),
    ];
    blocks.push(section(lines.join('\n')));
    blocks.push(...context(`Checked ${slackDate(report.checkedAt)} · key ${codeSpan(report.key.masked, 80)} · \`/claude-status\` for a fresh check`));
  }
  blocks.push(divider());
  // Whole lines per block: a long list spills into the next section instead of losing its tail to the cut.
  blocks.push(...packLines(incidentLines(data.incidents)).map(section));
  const day = data.history.find((h) => h.label === '24h');
  if (day) blocks.push(section(historyLines(day).join('\n')));
  if (report) blocks.push(...context(botLine(report)));
  blocks.push(...context(monitorLine(data.monitor)));
  return { type: 'home', blocks: blocks.slice(0, SLACK_LIMITS.homeBlocks) };
}

function incidentLines(incidents: HomeData['incidents']): string[] {
  if (incidents.length === 0) return ['*Open incidents:* none'];
  const lines = incidents.slice(0, MAX_INCIDENTS).map((i) => {
    const handled = [i.acknowledgedBy ? `acknowledged by ${mention(i.acknowledgedBy)}` : '', i.mutedUntil ? `snoozed until ${slackDate(i.mutedUntil)}` : ''].filter(Boolean).join(' · ');
    return `${SEVERITY_LOOK[i.severity].emoji} *${esc(i.title, 150)}* since ${slackDate(i.since)}${handled ? ` · ${handled}` : ''}`;
  });
  if (incidents.length > MAX_INCIDENTS) lines.push(`_…and ${countOf(incidents.length - MAX_INCIDENTS, 'more incident')}_`);
  return [`*Open incidents* (${countOf(incidents.length, 'incident')})`, ...lines];
}

/** The bot's own limiter and breaker, in words, with only the figures the API actually reported. */
function botLine(report: StatusReport): string {
  const { limiter, breaker } = report.resilience;
  const lane = limiter.lanes.messages;
  const left = lane.apiRemaining;
  const known = [
    left?.requests !== undefined ? countOf(left.requests, 'request') : '',
    left?.inputTokens !== undefined ? `${n(left.inputTokens)} input tokens` : '',
    left?.outputTokens !== undefined ? `${n(left.outputTokens)} output tokens` : '',
  ].filter(Boolean);
  const headroom = known.length ? `${known.join(', ')} left this minute${left?.resetAt ? ` (full ${slackDate(left.resetAt, 'time')})` : ''}` : 'no headroom reported by the API yet';
  const queue = lane.queued || lane.running ? `, ${n(lane.running)} running, ${n(lane.queued)} waiting` : '';
  return `Bot: circuit breaker ${breakerWords(breaker)} · pacing ${n(lane.effectiveRpm)} of ${n(lane.configuredRpm)} requests a minute${queue} · ${headroom}`;
}

const n = formatCount;

/**
 * The breaker in words that are true: its error rate is that of the current window, which an open breaker refuses
 * to fill (opossum counts no call it rejects), so "open (0% errors)" said nothing of why. Open: until when it refuses.
 */
function breakerWords(breaker: StatusReport['resilience']['breaker']): string {
  if (breaker.state === 'closed') return 'closed';
  if (breaker.state === 'half-open') return 'half-open (testing whether the API is back)';
  return breaker.nextAttemptAt ? `open until ${slackDate(breaker.nextAttemptAt, 'time')}, refusing Claude calls` : 'open, refusing Claude calls';
}

function monitorLine(monitor: HomeData['monitor']): string {
  if (!monitor.on) return 'Monitor off: set ALERT_CHANNEL to a channel id (C0123ABCD) or a quoted name ("#ops-alerts") to turn it on.';
  const line = `Monitor ${monitor.paused ? '*paused*' : 'on'}: every ${monitor.intervalSeconds} s, alerts to ${channelRef(monitor.channel)}`;
  const lost = monitor.undelivered;
  if (!lost?.count) return line;
  const latest = lost.latestError ? ` — latest${lost.latestAt ? ` ${slackDate(lost.latestAt)}` : ''}: ${esc(lost.latestError, 300)}` : '';
  return `${line}\n:warning: *${countOf(lost.count, 'alert message')} could not be delivered to Slack* in the last 7 days${latest}`;
}

/**
 * What a person would notice changing on the dashboard: the verdict, each check's status and sentence, the open
 * incidents, the monitor's state and the shape of the pictures — not the check time, the round count or a latency
 * figure that moves by a few ms every round. The App Home is re-published only when this changes.
 */
export function homeFingerprint(data: HomeData): string {
  const report = data.report;
  return JSON.stringify({
    verdict: report?.verdict,
    headline: report?.headline,
    checks: report?.checks.map((c) => [c.id, c.subject, c.status, c.summary]),
    incidents: data.incidents,
    monitor: data.monitor,
    history: data.history.map((h) => [h.label, h.uptimePercent?.toFixed(1), sparkline(h.uptimeBuckets, { min: 0, max: 100 }), sparkline(h.latencyBuckets)]),
  });
}
