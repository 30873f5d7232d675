import { describe, expect, it } from 'vitest';
import { renderReport, type ReportSection } from '../../../src/slack/report/render-report.js';
import { largeReport, makeReport } from './report-fixture.js';
import { expectWithinSlackLimits } from '../../support/expect-within-slack-limits.js';

type AnyBlock = { type: string; text?: { type: string; text: string }; elements?: { text: string }[] };
const texts = (blocks: unknown[]): string[] =>
  (blocks as AnyBlock[]).flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text)]);
const all = (message: { text: string; blocks: unknown[] }): string => [message.text, ...texts(message.blocks)].join('\n');

/** Slack's limits (reference/slack.md): checked on every rendered message. */
const SECTIONS: ReportSection[] = ['all', 'key', 'models', 'limits', 'breaker', 'incidents'];

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

describe('renderReport: the glance', () => {
  it('a healthy report is at most 8 blocks: the verdict sentence first, then one line per area, details one command away', () => {
    const message = renderReport(makeReport({ models: ['claude-sonnet-4-5', 'claude-haiku-4-5'] }));
    expect(message.blocks.length).toBeLessThanOrEqual(8);
    const [first] = message.blocks as AnyBlock[];
    expect(first).toMatchObject({ type: 'section', text: { text: ':large_green_circle: *Operational: the key works, the models answer and Anthropic reports no API incident.*' } });
    const shown = all(message);
    for (const expected of [':white_check_mark: `claude-sonnet-4-5` usable', ':white_check_mark: Accepted by the API', ':white_check_mark: Headroom fine', '`/claude-status key` · `models`']) {
      expect(shown).toContain(expected);
    }
    expect(message.text).toMatch(/^:large_green_circle: Operational: the key works/);
    expectWithinSlackLimits(message);
  });

  it('says nothing twice: the key once, the verdict once, no internal ids, dates as <!date> tokens', () => {
    const blocks = texts(renderReport(makeReport()).blocks).join('\n');
    expect(count(blocks, 'sk-ant-api03-…AbCd')).toBe(1);
    expect(blocks).not.toMatch(/Claude API: operational|key_format|rate_limits|status_page/);
    expect(blocks).toMatch(/Checked <!date\^\d+\^\{date_short_pretty\} \{time\}\|2026-11-26 17:00 UTC>/);
    expect(blocks).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });

  it('a failure: the fix to do first on top, the API error and request id once, each fix once', () => {
    const report = makeReport({ verdict: 'down', blame: 'us', headline: 'Down — it’s us: the key was rejected.' });
    const failure = { category: 'auth' as const, status: 401, type: 'authentication_error', message: 'invalid x-api-key', requestId: 'req_01ABC' };
    report.checks[1] = {
      id: 'auth', status: 'fail', summary: 'Rejected: invalid x-api-key', fix: 'Create a new key in the Console.', failure,
      detail: ['API said: 401 authentication_error: invalid x-api-key', 'request id req_01ABC'],
    };
    report.checks[3] = { ...report.checks[3]!, status: 'fail', summary: 'Messages fail: the key was rejected', fix: 'Create a new key in the Console.', failure: { ...failure, requestId: 'req_02DEF' } };
    report.statusPage = { reachable: true, source: 'https://status.claude.com', indicator: 'minor', description: 'Minor outage', incidents: [{ name: 'Elevated errors', status: 'investigating', impact: 'minor', url: 'https://status.claude.com/incidents/x', affectsApi: true }] };
    const message = renderReport(report);
    const shown = texts(message.blocks).join('\n');
    expect(shown.split('\n')[1]).toBe('*First:* Create a new key in the Console.');
    expect(count(shown, 'Create a new key in the Console.')).toBe(1);
    expect(shown).toContain(':x: *Rejected: invalid x-api-key*');
    expect(shown).toContain('_API said_ `401 authentication_error` invalid x-api-key · request `req_01ABC`');
    expect(count(shown, 'req_01ABC')).toBe(1);
    expect(message.text).toContain('• Rejected: invalid x-api-key');
    // The part asked for shows the API's words once too (not again from the detail lines).
    const key = texts(renderReport(report, { section: 'key' }).blocks).join('\n');
    expect(count(key, 'invalid x-api-key · request')).toBe(1);
    expect(key).not.toContain('API said: 401');
    expect(all(renderReport(report, { section: 'incidents' }))).toContain('<https://status.claude.com/incidents/x|Elevated errors>');
  });

  it('words a timeout as ours, never as something the API said', () => {
    const report = makeReport({ verdict: 'down', blame: 'network', headline: 'Down — it looks like the network.' });
    report.checks[1] = { id: 'auth', status: 'fail', summary: 'Could not check the key', detail: ['API said: Timed out after 30000ms'], failure: { category: 'timeout', kind: 'client_timeout', message: 'Timed out after 30000ms' } };
    const shown = texts(renderReport(report).blocks).join('\n');
    expect(shown).toContain('_No answer from the API within the time allowed (our timeout; the API said nothing)_');
    expect(shown).not.toMatch(/_API said_|API said:|Timed out after/);
  });

  it('marks headroom the API never reported as unknown, not as a success', () => {
    const report = makeReport({ rateLimits: {} });
    report.checks = report.checks.map((c) => (c.id === 'rate_limits' ? { ...c, summary: 'Headroom unknown: the API sent no rate-limit headers' } : c));
    expect(all(renderReport(report))).toContain(':grey_question: Headroom unknown');
  });

  it('shows only the part asked for, after the verdict', () => {
    const limits = all(renderReport(makeReport(), { section: 'limits' }));
    expect(limits).toContain('Rate-limit headroom');
    expect(limits).not.toContain('Anthropic status page');
    const incidents = all(renderReport(makeReport(), { section: 'incidents' }));
    expect(incidents).toContain('Anthropic status page');
    expect(incidents).not.toContain('*Model*');
    const key = texts(renderReport(makeReport(), { section: 'key' }).blocks).join('\n');
    expect(count(key, 'sk-ant-api03-…AbCd')).toBe(2); // the context line and the key part's own title, not a third time
  });

  it('says when the status page could not be reached', () => {
    const report = makeReport({ statusPage: { reachable: false, tried: ['https://status.claude.com', 'https://anthropic.statuspage.io'], error: 'timeout' } });
    expect(all(renderReport(report, { section: 'incidents' }))).toContain(':grey_question: Unreachable (tried https://status.claude.com, https://anthropic.statuspage.io): timeout');
  });
});

describe('renderReport with a report far past Slack’s limits', () => {
  const report = largeReport();

  it.each(SECTIONS)('stays within every limit (section %s)', (section) => {
    expectWithinSlackLimits(renderReport(report, { section }));
  });

  it('still names every model in the models part, and the organisation in the key part', () => {
    const shown = all(renderReport(report, { section: 'models' }));
    for (const model of report.models) expect(shown).toContain(`\`${model}\``);
    expect(all(renderReport(report, { section: 'key' }))).toContain('org-5678-efgh');
    expect(all(renderReport(report))).toContain('…and 292 more problems');
  });

  it('summarises instead of cutting: models grouped by outcome, the first incidents and a link to the rest', () => {
    expect(all(renderReport(report, { section: 'models' }))).toContain(':x: *300 models* — &lt;!channel&gt;');
    const shown = all(renderReport(report, { section: 'incidents' }));
    expect(shown).toContain('…and 110 more on <https://status.claude.com|the status page>');
    expect(shown).not.toContain('left out');
  });

  it('escapes every outside text, so nothing can mention @channel or a user or forge a link', () => {
    for (const section of SECTIONS) {
      const shown = all(renderReport(report, { section }));
      expect(shown).not.toMatch(/<!channel>|<@U999>|<https:\/\/evil/);
      expect(shown).toContain('&lt;!channel&gt; &amp; &lt;@U999&gt;');
      // No entity is split by a cut: every & starts &amp; &lt; or &gt;.
      expect(shown).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
  });
});
