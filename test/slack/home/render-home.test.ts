import { describe, expect, it } from 'vitest';
import { renderHome, type HomeData } from '../../../src/slack/home/render-home.js';
import { renderHistory } from '../../../src/slack/status/render-history.js';
import { expectWithinSlackLimits } from '../../support/expect-within-slack-limits.js';
import { makeReport } from '../report/report-fixture.js';

const day = {
  label: '24h', rounds: 1440, upRounds: 1438, uptimePercent: (1438 / 1440) * 100, latencyP50Ms: 180, latencyP95Ms: 420,
  uptimeBuckets: [...new Array<number>(20).fill(100), 50, 100, undefined, 100],
  latencyBuckets: [...new Array<number>(20).fill(150), 900, 160, undefined, 170],
};
const week = { ...day, label: '7d', rounds: 9000, upRounds: 8990, uptimePercent: (8990 / 9000) * 100, uptimeBuckets: new Array<number>(28).fill(100), latencyBuckets: new Array<number>(28).fill(160) };

function home(over: Partial<HomeData> = {}): HomeData {
  const report = makeReport();
  report.resilience.limiter.lanes.messages.apiRemaining = { requests: 45, resetAt: '2026-11-26T17:01:00Z' };
  return {
    report,
    incidents: [{ title: 'Messages failing <!channel>', severity: 'critical', since: '2026-11-26T16:00:00Z', acknowledgedBy: 'U0ALICE', mutedUntil: '2026-11-26T18:00:00Z' }],
    history: [day, week],
    monitor: { on: true, channel: 'C0ALERTS', intervalSeconds: 60 },
    ...over,
  };
}
const shown = (view: { blocks: unknown[] }) => JSON.stringify(view.blocks);

describe('renderHome', () => {
  it('speaks in words: no check ids, no "?" figures, no [severity] tags, no ISO times', () => {
    const text = shown(renderHome(home()));
    expect(text).not.toMatch(/key_format|rate_limits|status_page|\bresilience\b|\[critical\]|\? (input|output) tokens|\? requests/);
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    expect(text).toContain(':white_check_mark: Accepted by the API');
    expect(text).toContain('45 requests left this minute');
    expect(text).toContain(':red_circle: *Messages failing &lt;!channel&gt;* since <!date^');
    expect(text).toContain('acknowledged by <@U0ALICE> · snoozed until <!date^');
  });

  it('counts in words and shows the 24 h uptime and latency as pictures', () => {
    const text = shown(renderHome(home()));
    expect(text).toContain('*Open incidents* (1 incident)');
    expect(text).not.toContain('incident(s)');
    expect(text).toContain('`uptime  ████████████████████▅█·█`');
    expect(text).toMatch(/`latency ▁{20}█▁·▁` 150 ms to 900 ms/);
    expect(text).toContain('*Last 24 h*: 99.86% up (1438 of 1,440 rounds) · latency p50 180 ms, p95 420 ms');
  });

  it('says how to turn the monitor on with a channel written so dotenv keeps it', () => {
    const text = shown(renderHome(home({ monitor: { on: false, intervalSeconds: 60 }, history: [], incidents: [] })));
    expect(text).toContain('*Open incidents:* none');
    expect(text).toContain('set ALERT_CHANNEL to a channel id (C0123ABCD) or a quoted name (\\"#ops-alerts\\")');
  });

  it('stays within Slack’s limits with many incidents', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ title: `Incident ${i} ${'x'.repeat(200)}`, severity: 'minor' as const, since: '2026-11-26T16:00:00Z' }));
    const view = renderHome(home({ incidents: many }));
    expectWithinSlackLimits({ text: 'home', blocks: view.blocks });
    expect(shown(view)).toContain('…and 40 more incidents');
  });
});

describe('renderHistory', () => {
  it('gives both windows in words, with the 24 h pictures, and a plain fallback', () => {
    const message = renderHistory([day, week]);
    expect(message.text).toBe('Claude API over 24 h: 99.86% up');
    const text = shown(message);
    expect(text).toContain('*Last 7 days*: 99.89% up');
    expect(text.match(/`latency /g)).toHaveLength(1);
    expect(text.match(/`uptime /g)).toHaveLength(2);
    expect(shown(renderHistory([{ ...day, uptimePercent: undefined, rounds: 0, upRounds: 0 }]))).toContain('no monitor rounds yet');
  });
});
