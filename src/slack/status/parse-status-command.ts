import type { ReportSection } from '../report/render-report.js';

export type StatusCommand =
  | { kind: 'report'; section: ReportSection; visibility: 'ephemeral' | 'in_channel'; force: boolean }
  | { kind: 'explain'; text: string; visibility: 'ephemeral' | 'in_channel' }
  | { kind: 'history'; visibility: 'ephemeral' | 'in_channel' }
  | { kind: 'monitor'; action: 'pause' | 'resume' }
  | { kind: 'help'; unknown?: string };

const SECTIONS: Record<string, ReportSection> = {
  key: 'key', auth: 'key', models: 'models', model: 'models', limits: 'limits', 'rate-limits': 'limits',
  breaker: 'breaker', limiter: 'breaker', incidents: 'incidents', status: 'incidents',
};

/**
 * `/claude-status [public] [refresh] [key|models|limits|breaker|incidents|help]`, in any order, any case.
 * An unknown word answers with help (and names the word), never with an error.
 */
export function parseStatusCommand(text: string): StatusCommand {
  // `explain` takes the rest of the text verbatim (a pasted error keeps its case and line breaks).
  const explain = /^\s*(public\s+)?explain\b([\s\S]*)$/i.exec(text);
  if (explain) {
    return { kind: 'explain', text: explain[2]!.trim(), visibility: explain[1] ? 'in_channel' : 'ephemeral' };
  }
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words[0] === 'pause' || words[0] === 'resume') return { kind: 'monitor', action: words[0] };
  if (words.includes('history')) return { kind: 'history', visibility: words.includes('public') ? 'in_channel' : 'ephemeral' };
  let section: ReportSection = 'all';
  let visibility: 'ephemeral' | 'in_channel' = 'ephemeral';
  let force = false;
  for (const word of words) {
    if (word === 'help' || word === '?') return { kind: 'help' };
    if (word === 'public') visibility = 'in_channel';
    else if (word === 'refresh' || word === 'now') force = true;
    else if (SECTIONS[word]) section = SECTIONS[word];
    else return { kind: 'help', unknown: word.slice(0, 40) };
  }
  return { kind: 'report', section, visibility, force };
}

export const STATUS_HELP = [
  '*/claude-status* — is it us or is it Claude?',
  '• `/claude-status` — the report at a glance, only you see it',
  '• `/claude-status public` — post the report to the channel',
  '• `/claude-status key` — in full: is the API key well formed and accepted, which organisation',
  '• `/claude-status models` — which configured models this key may use',
  '• `/claude-status limits` — rate-limit headroom from the API’s own headers',
  '• `/claude-status breaker` — the bot’s own limiter and circuit breaker',
  '• `/claude-status incidents` — Anthropic’s status page',
  '• `/claude-status refresh` — skip the 15-second cache and probe again',
  '• `/claude-status history` — uptime and latency over 24 hours (as sparklines) and 7 days',
  '• `/claude-status explain <pasted error>` — what a Claude API error means and how to fix it',
  '• `/claude-status pause` / `resume` — stop or restart the monitor’s alerts (admins)',
  'To explain an error: use the message shortcut *Explain Claude error*, mention me with the error, or DM it to me.',
].join('\n');
