import type { CheckResult, StatusPageSummary } from './check-result.js';

/**
 * The Anthropic status page as a check. Only the Claude API component and incidents touching it count (the
 * page-wide indicator also moves for claude.ai and Claude Code); an unreachable page is a warning, not an outage.
 */
export function checkStatusPage(summary: StatusPageSummary): CheckResult {
  if (!summary.reachable && summary.unreadable) {
    return {
      id: 'status_page', status: 'warn',
      summary: 'The Anthropic status page is unreadable: it answered, but not with a status summary (this says nothing about the API itself)',
      detail: [`tried ${summary.tried.join(', ')}`, summary.error],
      fix: 'Open https://status.claude.com in a browser; if it looks normal there, STATUS_PAGE_URL may point at the wrong page.',
    };
  }
  if (!summary.reachable) {
    return {
      id: 'status_page', status: 'warn',
      summary: 'The Anthropic status page could not be reached (this says nothing about the API itself)',
      detail: [`tried ${summary.tried.join(', ')}`, summary.error],
      fix: 'Open https://status.claude.com in a browser; if this keeps happening, check outbound HTTPS from this host.',
    };
  }
  const api = summary.apiComponent;
  const apiIncidents = summary.incidents.filter((i) => i.affectsApi);
  const others = summary.incidents.filter((i) => !i.affectsApi);
  const detail = [
    `${summary.description || summary.indicator} (${summary.source})`,
    ...(api ? [`${api.name}: ${api.status.replace(/_/g, ' ')}`] : ['no Claude API component found on the page']),
    ...apiIncidents.map((i) => `API incident: ${i.name} (${i.status}, ${i.impact})${i.url ? ` ${i.url}` : ''}`),
    ...others.map((i) => `other incident: ${i.name} (${i.status})${i.url ? ` ${i.url}` : ''}`),
  ];
  const apiStatus = api?.status ?? 'operational';
  if (apiStatus === 'operational' && apiIncidents.length === 0) {
    return { id: 'status_page', status: 'ok', summary: `Anthropic reports the Claude API operational${others.length ? ` (${others.length} incident${others.length === 1 ? '' : 's'} elsewhere)` : ''}`, detail };
  }
  const first = apiIncidents[0];
  const what = first ? `${first.name}${first.url ? ` (${first.url})` : ''}` : api ? `${api.name} ${apiStatus.replace(/_/g, ' ')}` : 'an API incident';
  return {
    id: 'status_page',
    status: apiStatus === 'major_outage' ? 'fail' : 'warn',
    summary: `Anthropic reports: ${what}`,
    detail,
    fix: 'Nothing to fix on your side: follow the incident on the status page; retries with backoff ride it out.',
  };
}
