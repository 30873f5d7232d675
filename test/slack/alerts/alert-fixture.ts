import type { AlertIncidentView, AlertRoot } from '../../../src/monitor/alert-sink.js';

/** One open incident as the monitor hands it over: a rejected key, only us. */
export function makeIncident(over: Partial<AlertIncidentView> = {}): AlertIncidentView {
  return {
    key: 'auth', kind: 'probe', severity: 'critical', title: 'Authentication fails', status: 'open',
    since: '2026-11-26T16:00:00.000Z', failures: 3, failureClass: 'auth', acknowledgedByAnthropic: false,
    lastFailure: { category: 'auth', status: 401, type: 'authentication_error', message: 'invalid x-api-key', requestId: 'req_011CABC' },
    cause: 'The API key was rejected.', fix: 'Create a new key in the Console and set ANTHROPIC_API_KEY.',
    ...over,
  };
}

export function makeRoot(over: Partial<AlertRoot> = {}): AlertRoot {
  const incidents = over.incidents ?? [makeIncident()];
  return { alertId: `${incidents[0]!.key}@2026-11-26T16:02:00.000Z`, status: 'open', severity: 'critical', title: incidents[0]!.title, incidents, ...over };
}

/** n incidents opening together (every model failing), each with hostile API text. */
export function groupedRoot(n: number, hostile = '<!channel> <@U999> & <https://evil.example|click>'): AlertRoot {
  const incidents = Array.from({ length: n }, (_, i) => makeIncident({
    key: `model:claude-model-${i}`, kind: 'probe', severity: i % 2 ? 'major' : 'critical', title: `Model claude-model-${i} fails ${hostile}`,
    failureClass: 'api', lastFailure: { category: 'server_error', status: 500, type: 'api_error', message: `${hostile} ${'x'.repeat(300)}`, requestId: `req_${i}` },
    cause: `cause ${i} ${hostile}`, fix: `fix ${i} ${hostile}`,
  }));
  return { alertId: 'group@2026-11-26T16:02:00.000Z', status: 'open', severity: 'critical', title: `${n} problems at once ${hostile}`, incidents };
}
