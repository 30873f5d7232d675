import type { StatusReport } from '../checks/check-result.js';
import {
  SEVERITY_RANK as RANK, type AnthropicFact, type CheckTrack, type Incident, type IncidentDecision, type IncidentPolicy,
  type PolicyState, type UpdateReason,
} from './incident.js';
import { causeTitle, observeReport, type Observation } from './observe-report.js';

/** The result of one round: the next state (to store) and what to tell people. */
export interface RoundDecision {
  state: PolicyState;
  decisions: IncidentDecision[];
}

/** Which alert a cause belongs to: everything about the key shares one; a deprecation notice is its own. */
export const targetOf = (key: string): string => (key.startsWith('deprecated:') ? key : 'key');

function advance(track: CheckTrack | undefined, obs: Observation, at: string, window: number): CheckTrack {
  const t: CheckTrack = track
    ? { failStreak: track.failStreak, okStreak: track.okStreak, recent: track.recent.slice(), firstFailureAt: track.firstFailureAt, probes: track.probes }
    : { failStreak: 0, okStreak: 0, recent: [] };
  if (obs.outcome === 'neutral') return t;
  const failed = obs.outcome === 'fail';
  t.failStreak = failed ? t.failStreak + 1 : 0;
  t.okStreak = failed ? 0 : t.okStreak + 1;
  t.firstFailureAt = failed ? (t.firstFailureAt ?? at) : undefined;
  // Until the incident opens, a flap or a recovery (okStreak) ends the list; joined probes are kept in order seen.
  const before = failed || t.recent.some(Boolean) ? (t.probes ?? []) : [];
  const probes = [...before, ...(obs.probes ?? []).filter((p) => !before.includes(p))];
  if (probes.length) t.probes = probes;
  else delete t.probes;
  t.recent.push(failed);
  if (t.recent.length > window) t.recent.splice(0, t.recent.length - window);
  return t;
}

function openIncident(obs: Observation, t: CheckTrack, kind: Incident['kind'], at: string, answered: string[]): Incident {
  const flapping = kind === 'flapping';
  const probes = t.probes ?? obs.probes ?? [];
  const title = obs.kind === 'probe' ? causeTitle(obs.key, obs.failure, obs.title, probes, answered) : obs.title;
  return {
    id: `${obs.key}@${at}`,
    key: obs.key,
    kind,
    severity: flapping ? 'minor' : obs.severity,
    title: flapping ? `Intermittent: ${title}` : title,
    since: flapping ? at : (t.firstFailureAt ?? at),
    openedAt: at,
    lastSeenAt: at,
    failures: flapping ? t.recent.filter(Boolean).length : t.failStreak,
    lastFailure: obs.failure,
    failureClass: obs.failureClass,
    acknowledgedByAnthropic: false,
    lastNotifiedAt: at,
    probes,
    checkId: obs.checkId,
    subject: obs.subject,
    cause: obs.cause,
    fix: obs.fix,
  };
}

/** The same Anthropic incident with the same latest update: nothing new to say. */
const sameUpdate = (a?: AnthropicFact, b?: AnthropicFact): boolean =>
  a?.id === b?.id && a?.name === b?.name && (a?.update?.id ?? a?.update?.body) === (b?.update?.id ?? b?.update?.body);

/**
 * The incident policy, pure: from the previous state and one round's report, the next state and the decisions.
 * Incidents are keyed by cause (what is wrong), not by probe: an overload seen by the key check in one round and by
 * a model probe in the next is one failure streak. Opens on a streak of `failureThreshold` (at once for a rejected
 * key, billing and a model gone), on k failures of the last n rounds (flapping), resolves on a success streak of
 * `recoveryThreshold`; neutral rounds change nothing. Anthropic's incident and our breaker are facts set on every
 * open incident (Anthropic opens an incident of its own only while nothing of ours is open). A key that left the
 * report (a model removed from the configuration) resolves, and its track is dropped.
 */
export function decideIncidents(prev: PolicyState, report: StatusReport, policy: IncidentPolicy, nowMs: number): RoundDecision {
  const at = new Date(nowMs).toISOString();
  const view = observeReport(report, policy);
  const observations = view.observations;
  const seen = new Set(observations.map((o) => o.key));
  for (const inc of Object.values(prev.open)) {
    if (!seen.has(inc.key) && inc.key !== 'anthropic') observations.push({ key: inc.key, outcome: 'ok', immediate: false, kind: inc.kind, severity: inc.severity, title: inc.title });
  }
  const state: PolicyState = { tracks: {}, open: { ...prev.open } };
  const decisions: IncidentDecision[] = [];
  const reasons = new Map<string, UpdateReason[]>();
  const note = (key: string, reason: UpdateReason) => reasons.set(key, [...(reasons.get(key) ?? []), reason]);

  for (const obs of observations) {
    const t = advance(prev.tracks[obs.key], obs, at, policy.flapWindow);
    state.tracks[obs.key] = t;
    const open = prev.open[obs.key];
    if (!open) {
      if (obs.outcome !== 'fail') continue;
      const streak = obs.immediate || t.failStreak >= policy.failureThreshold;
      const flapping = !streak && t.recent.filter(Boolean).length >= policy.flapFailures;
      if (!streak && !flapping) continue;
      const incident = openIncident(obs, t, streak ? obs.kind : 'flapping', at, view.answered);
      state.open[obs.key] = incident;
      decisions.push({ type: 'open', incident });
      continue;
    }
    if (obs.outcome === 'ok' && t.okStreak >= policy.recoveryThreshold) {
      delete state.open[obs.key];
      // A fresh window after recovery: the failures that made this incident must not reopen the next one.
      state.tracks[obs.key] = { failStreak: t.failStreak, okStreak: t.okStreak, recent: [] };
      decisions.push({ type: 'resolve', incident: open, resolvedAt: at, durationMs: nowMs - Date.parse(open.since) });
      continue;
    }
    const next: Incident = { ...open };
    if (obs.outcome === 'fail') {
      next.lastSeenAt = at;
      next.failures += 1;
      next.lastFailure = obs.failure ?? open.lastFailure;
      next.failureClass = obs.failureClass ?? open.failureClass;
      const before = open.probes ?? [];
      const joined = (obs.probes ?? []).filter((p) => !before.includes(p));
      if (joined.length) {
        next.probes = [...before, ...joined];
        note(obs.key, 'probes_joined');
      }
      // Which probes it is on is told by the title ("on every probe"), kept in step with the list.
      const title = causeTitle(obs.key, next.lastFailure, obs.title, next.probes ?? [], view.answered);
      if (open.kind !== 'flapping' && obs.kind === 'probe') next.title = title;
      // A flapping incident that becomes a real streak (or a worse failure) is escalated in place, not reopened.
      const streak = obs.immediate || t.failStreak >= policy.failureThreshold;
      if (RANK[obs.severity] > RANK[open.severity] && (open.kind !== 'flapping' || streak)) {
        Object.assign(next, { severity: obs.severity, kind: obs.kind, title });
        note(obs.key, 'escalated');
      }
    }
    state.open[obs.key] = next;
  }

  // Anthropic's incident: a fact about our open alert; an alert of its own only while nothing of ours is open.
  const ours = Object.values(state.open).filter((i) => targetOf(i.key) === 'key' && i.key !== 'anthropic');
  const fact = view.anthropic === 'unknown' ? undefined : view.anthropic;
  if (view.anthropic !== 'unknown') {
    const mine = state.open.anthropic;
    // Anthropic's incident, once told on an alert of ours, is not a new alert when ours recovers before it does.
    const told = prev.tracks.anthropic?.told;
    const name = fact ? (fact.id ?? fact.name) : undefined;
    state.tracks.anthropic = { failStreak: 0, okStreak: 0, recent: [], ...(name && (ours.length > 0 || told === name) ? { told: name } : {}) };
    if (fact && !mine && ours.length === 0 && told !== name) {
      const obs: Observation = {
        key: 'anthropic', outcome: 'fail', immediate: true, kind: 'status_page', title: `Anthropic reports: ${fact.name}`,
        severity: fact.impact === 'critical' ? 'critical' : fact.impact === 'major' ? 'major' : 'minor',
      };
      const incident = { ...openIncident(obs, { failStreak: 1, okStreak: 0, recent: [true] }, 'status_page', at, view.answered), anthropic: fact, acknowledgedByAnthropic: true };
      state.open.anthropic = incident;
      decisions.push({ type: 'open', incident });
    } else if (!fact && mine) {
      delete state.open.anthropic;
      decisions.push({ type: 'resolve', incident: mine, resolvedAt: at, durationMs: nowMs - Date.parse(mine.since) });
    }
  }
  for (const inc of Object.values(state.open)) {
    if (targetOf(inc.key) !== 'key') continue;
    const opening = decisions.some((d) => d.type === 'open' && d.incident.key === inc.key);
    const next: Incident = { ...inc, breakerOpen: view.breakerOpen };
    if (view.anthropic !== 'unknown') Object.assign(next, { anthropic: fact, acknowledgedByAnthropic: fact !== undefined, ...(fact ? { anthropicSeen: fact } : {}) });
    if (!opening) {
      if (!inc.anthropic && fact) note(inc.key, 'anthropic_acknowledged');
      else if (inc.anthropic && view.anthropic !== 'unknown' && !fact) note(inc.key, 'anthropic_cleared');
      else if (inc.anthropic && fact && !sameUpdate(inc.anthropic, fact)) note(inc.key, 'anthropic_updated');
      if ((inc.breakerOpen ?? false) !== view.breakerOpen) note(inc.key, 'breaker');
    }
    state.open[inc.key] = next;
    if (opening) for (const d of decisions) if (d.type === 'open' && d.incident.key === inc.key) d.incident = next;
  }

  for (const [key, list] of reasons) {
    const inc = state.open[key];
    if (!inc) continue;
    inc.lastNotifiedAt = list.some((r) => r !== 'breaker') ? at : inc.lastNotifiedAt;
    for (const reason of list) decisions.push({ type: 'update', incident: inc, reason });
  }
  for (const inc of Object.values(state.open)) {
    if (reasons.has(inc.key) || decisions.some((d) => d.incident.key === inc.key)) continue;
    // "Still failing" after a quiet period, once per alert is enough (planRound folds it per alert).
    if (prev.open[inc.key] && inc.lastSeenAt === at && nowMs - Date.parse(inc.lastNotifiedAt) >= policy.reminderMs) {
      inc.lastNotifiedAt = at;
      decisions.push({ type: 'update', incident: inc, reason: 'still_failing' });
    }
  }
  return { state, decisions };
}
