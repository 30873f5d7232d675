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

describe('renderReport', () => {
  it('puts the verdict and headline first, then every check with its emoji, the org id and every model', () => {
    const message = renderReport(makeReport({ models: ['claude-sonnet-4-5', 'claude-haiku-4-5'] }));
    const [header, headline] = message.blocks as AnyBlock[];
    expect(header).toMatchObject({ type: 'header', text: { text: ':large_green_circle: Claude API: operational' } });
    expect(headline!.text!.text).toContain('Operational: the key works');
    expect(message.text).toMatch(/^:large_green_circle: Claude API operational: Operational/);
    const shown = all(message);
    for (const expected of ['org-1234-abcd', '`claude-sonnet-4-5`', '`claude-haiku-4-5`', ':white_check_mark: *Authentication*', 'requests 45/50 left (90%)', 'Breaker :large_green_circle: *closed*', 'No open incidents.']) {
      expect(shown).toContain(expected);
    }
    expectWithinSlackLimits(message);
  });

  it('shows failures with the API error, request id and fix, and incidents as links', () => {
    const report = makeReport({ verdict: 'down', blame: 'us', headline: 'Down — it’s us: the key was rejected.' });
    report.checks[1] = {
      id: 'auth', status: 'fail', summary: 'Rejected: invalid x-api-key', detail: [], fix: 'Create a new key in the Console.',
      failure: { category: 'auth', status: 401, type: 'authentication_error', message: 'invalid x-api-key', requestId: 'req_01ABC' },
    };
    report.statusPage = { reachable: true, source: 'https://status.claude.com', indicator: 'minor', description: 'Minor outage', incidents: [{ name: 'Elevated errors', status: 'investigating', impact: 'minor', url: 'https://status.claude.com/incidents/x', affectsApi: true }] };
    const shown = all(renderReport(report));
    expect(shown).toContain(':x: *Authentication* — Rejected: invalid x-api-key');
    expect(shown).toContain('_API said 401 authentication_error: invalid x-api-key (request `req_01ABC`)_');
    expect(shown).toContain('*Fix:* Create a new key in the Console.');
    expect(shown).toContain('<https://status.claude.com/incidents/x|Elevated errors>');
    expect(renderReport(report).text).toContain('• Rejected: invalid x-api-key');
  });

  it('shows only the part asked for, after the verdict', () => {
    const limits = all(renderReport(makeReport(), { section: 'limits' }));
    expect(limits).toContain('Rate-limit headroom');
    expect(limits).not.toContain('Anthropic status page');
    const incidents = all(renderReport(makeReport(), { section: 'incidents' }));
    expect(incidents).toContain('Anthropic status page');
    expect(incidents).not.toContain('*Model*');
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

  it('still names every model and the organisation', () => {
    for (const section of ['all', 'models'] as const) {
      const shown = all(renderReport(report, { section }));
      for (const model of report.models) expect(shown).toContain(`\`${model}\``);
    }
    expect(all(renderReport(report, { section: 'key' }))).toContain('org-5678-efgh');
  });

  it('summarises instead of cutting: models grouped by outcome, the first incidents and a link to the rest', () => {
    const shown = all(renderReport(report));
    expect(shown).toContain(':x: *300 models* — &lt;!channel&gt;');
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
