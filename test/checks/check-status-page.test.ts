import { describe, expect, it } from 'vitest';
import type { StatusPageIncident } from '../../src/checks/check-result.js';
import { checkStatusPage } from '../../src/checks/check-status-page.js';
import { GREEN_PAGE } from './support/run-with.js';

const incident = (affectsApi: boolean): StatusPageIncident => ({
  name: affectsApi ? 'Elevated errors on the API' : 'claude.ai login issues',
  status: 'investigating',
  impact: 'minor',
  url: 'https://stspg.io/x1',
  affectsApi,
});

describe('checkStatusPage', () => {
  it('ignores incidents on other products (the page-wide indicator moves for claude.ai too)', () => {
    const r = checkStatusPage({ ...GREEN_PAGE, indicator: 'minor', incidents: [incident(false)] });
    expect(r).toMatchObject({ status: 'ok', summary: 'Anthropic reports the Claude API operational (1 incident elsewhere)' });
    expect(r.detail).toContain('other incident: claude.ai login issues (investigating) https://stspg.io/x1');
  });

  it('warns on an API incident, with its link', () => {
    const r = checkStatusPage({ ...GREEN_PAGE, incidents: [incident(true)] });
    expect(r).toMatchObject({ status: 'warn', summary: 'Anthropic reports: Elevated errors on the API (https://stspg.io/x1)' });
  });

  it('fails on a major outage of the API component, warns on maintenance', () => {
    const major = checkStatusPage({ ...GREEN_PAGE, apiComponent: { name: 'Claude API (api.anthropic.com)', status: 'major_outage' } });
    expect(major).toMatchObject({ status: 'fail', summary: 'Anthropic reports: Claude API (api.anthropic.com) major outage' });
    const maintenance = checkStatusPage({ ...GREEN_PAGE, apiComponent: { name: 'Claude API', status: 'under_maintenance' } });
    expect(maintenance.status).toBe('warn');
  });

  it('an unreachable page is a warning naming what was tried', () => {
    const r = checkStatusPage({ reachable: false, tried: ['https://status.claude.com', 'https://anthropic.statuspage.io'], error: 'HTTP 405; fetch failed' });
    expect(r.status).toBe('warn');
    expect(r.detail).toEqual(['tried https://status.claude.com, https://anthropic.statuspage.io', 'HTTP 405; fetch failed']);
  });
});

describe('checkStatusPage on a page that answered something unreadable', () => {
  it('is a warning that says unreadable (not unreachable), with the reason', () => {
    const r = checkStatusPage({ reachable: false, unreadable: true, tried: ['https://status.claude.com'], error: 'https://status.claude.com: answered an HTML page, not a Statuspage summary' });
    expect(r).toMatchObject({ status: 'warn', summary: expect.stringMatching(/^The Anthropic status page is unreadable/) });
    expect(r.detail[1]).toMatch(/HTML page/);
  });
});
