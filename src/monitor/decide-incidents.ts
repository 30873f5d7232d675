import type { StatusReport } from '../checks/check-result.js';
import { SEVERITY_RANK as RANK, type CheckTrack, type Incident, type IncidentDecision, type IncidentPolicy, type PolicyState, type UpdateReason } from './incident.js';
import { anthropicIncident, observeReport, type Observation } from './observe-report.js';

/** The result of one round: the next state (to store) and what to tell people. */
export interface RoundDecision {
  state: PolicyState;
  decisions: IncidentDecision[];
}

function advance(track: CheckTrack | undefined, obs: Observation, at: string, window: number): CheckTrack {
  const t: CheckTrack = track
    ? { failStreak: track.failStreak, okStreak: track.okStreak, recent: track.recent.slice(), firstFailureAt: track.firstFailureAt }
    : { failStreak: 0, okStreak: 0, recent: [] };
  if (obs.outcome === 'neutral') return t;
  const failed = obs.outcome === 'fail';
  t.failStreak = failed ? t.failStreak + 1 : 0;
  t.okStreak = failed ? 0 : t.okStreak + 1;
  t.firstFailureAt = failed ? (t.firstFailureAt ?? at) : undefined;
  t.recent.push(failed);
  if (t.recent.length > window) t.recent.splice(0, t.recent.length - window);
  return t;
}

function openIncident(obs: Observation, t: CheckTrack, kind: Incident['kind'], at: string, ack: boolean): Incident {
  const flapping = kind === 'flapping';
  return {
    id: `${obs.key}@${at}`,
    key: obs.key,
    kind,
    severity: flapping ? 'minor' : obs.severity,
    title: flapping ? `Intermittent failures: ${obs.title}` : obs.title,
    since: flapping ? at : (t.firstFailureAt ?? at),
    openedAt: at,
    lastSeenAt: at,
    failures: flapping ? t.recent.filter(Boolean).length : t.failStreak,
    lastFailure: obs.failure,
    failureClass: obs.failureClass,
    acknowledgedByAnthropic: ack,
    lastNotifiedAt: at,
    checkId: obs.checkId,
    subject: obs.subject,
    cause: obs.cause,
    fix: obs.fix,
  };
}

/**
 * The incident policy, pure: from the previous state and one round's report, the next state and the decisions.
 * Opens on a failure streak of `failureThreshold` (at once for a rejected key, a vanished model and the signals),
 * on k failures of the last n rounds (flapping), resolves on a success streak of `recoveryThreshold`.
 * Neutral rounds (skipped checks, our own load) change nothing. The runner reports every configured check (as
 * `skip` when not run), so a key that vanished was removed from the configuration: its incident resolves and its
 * track is dropped, which keeps the state bounded by the configuration.
 */
export function decideIncidents(prev: PolicyState, report: StatusReport, policy: IncidentPolicy, nowMs: number): RoundDecision {
  const at = new Date(nowMs).toISOString();
  // An unreachable status page says nothing either way: incidents keep what they knew.
  const ack = report.statusPage.reachable ? anthropicIncident(report) !== undefined : undefined;
  const observations = observeReport(report, policy);
  const seen = new Set(observations.map((o) => o.key));
  for (const inc of Object.values(prev.open)) {
    if (!seen.has(inc.key)) observations.push({ key: inc.key, outcome: 'ok', immediate: false, kind: inc.kind, severity: inc.severity, title: inc.title });
  }
  const state: PolicyState = { tracks: {}, open: { ...prev.open } };
  const decisions: IncidentDecision[] = [];
  for (const obs of observations) {
    const t = advance(prev.tracks[obs.key], obs, at, policy.flapWindow);
    state.tracks[obs.key] = t;
    const open = prev.open[obs.key];
    if (!open) {
      if (obs.outcome !== 'fail') continue;
      const streak = obs.immediate || t.failStreak >= policy.failureThreshold;
      const flapping = !streak && t.recent.filter(Boolean).length >= policy.flapFailures;
      if (!streak && !flapping) continue;
      const incident = openIncident(obs, t, streak ? obs.kind : 'flapping', at, ack ?? false);
      state.open[obs.key] = incident;
      decisions.push({ type: 'open', incident });
      continue;
    }
    if (obs.outcome === 'ok' && t.okStreak >= policy.recoveryThreshold) {
      delete state.open[obs.key];
      // A fresh window after recovery: the failures that made this incident must not reopen the next one.
      state.tracks[obs.key] = { ...t, recent: [] };
      decisions.push({ type: 'resolve', incident: open, resolvedAt: at, durationMs: nowMs - Date.parse(open.since) });
      continue;
    }
    const next: Incident = { ...open, acknowledgedByAnthropic: ack ?? open.acknowledgedByAnthropic };
    let reason: UpdateReason | undefined;
    if (obs.outcome === 'fail') {
      next.lastSeenAt = at;
      next.failures += 1;
      next.lastFailure = obs.failure ?? open.lastFailure;
      next.failureClass = obs.failureClass ?? open.failureClass;
      // A flapping incident that becomes a real streak (or a worse failure) is escalated in place, not reopened.
      const streak = obs.immediate || t.failStreak >= policy.failureThreshold;
      if (RANK[obs.severity] > RANK[open.severity] && (open.kind !== 'flapping' || streak)) {
        Object.assign(next, { severity: obs.severity, kind: obs.kind, title: obs.title });
        reason = 'escalated';
      }
    }
    if (!reason && next.acknowledgedByAnthropic !== open.acknowledgedByAnthropic) reason = ack ? 'anthropic_acknowledged' : 'anthropic_cleared';
    if (!reason && obs.outcome === 'fail' && nowMs - Date.parse(open.lastNotifiedAt) >= policy.reminderMs) reason = 'still_failing';
    if (reason) next.lastNotifiedAt = at;
    state.open[obs.key] = next;
    if (reason) decisions.push({ type: 'update', incident: next, reason });
  }
  return { state, decisions };
}
