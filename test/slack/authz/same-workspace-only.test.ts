import { describe, expect, it } from 'vitest';
import { isOwnWorkspace, requestOrigin } from '../../../src/slack/authz/same-workspace-only.js';

describe('requestOrigin', () => {
  it('reads the team and enterprise of each kind of request', () => {
    expect(requestOrigin({ team_id: 'T1', enterprise_id: 'E1', command: '/claude-status' })).toEqual({ teamId: 'T1', enterpriseId: 'E1' });
    expect(requestOrigin({ type: 'block_actions', team: { id: 'T2', enterprise_id: 'E2' }, user: { id: 'U1', team_id: 'T9' } })).toEqual({ teamId: 'T2', enterpriseId: 'E2' });
    expect(requestOrigin({ type: 'block_actions', team: null, enterprise: { id: 'E3' }, user: { id: 'U1', team_id: 'T3' } })).toEqual({ teamId: 'T3', enterpriseId: 'E3' });
    expect(requestOrigin({ type: 'event_callback', authorizations: [{ team_id: 'T4', enterprise_id: null }] })).toEqual({ teamId: 'T4', enterpriseId: undefined });
    expect(requestOrigin({ team_id: '', enterprise_id: '' })).toEqual({ teamId: undefined, enterpriseId: undefined });
  });
});

describe('isOwnWorkspace', () => {
  const own = { teamId: 'T1' };
  it('accepts the own team only, and no other enterprise', () => {
    expect(isOwnWorkspace({ teamId: 'T1' }, own)).toBe(true);
    expect(isOwnWorkspace({ teamId: 'T2' }, own)).toBe(false);
    expect(isOwnWorkspace({ teamId: 'T1', enterpriseId: 'E9' }, own)).toBe(false);
    expect(isOwnWorkspace({}, own)).toBe(false);
    expect(isOwnWorkspace({ teamId: 'T1', enterpriseId: 'E1' }, { teamId: 'T1', enterpriseId: 'E1' })).toBe(true);
  });
  it('accepts every workspace of its enterprise for an org-wide install, and nothing else', () => {
    const org = { teamId: 'T1', enterpriseId: 'E1', orgWide: true };
    expect(isOwnWorkspace({ teamId: 'T7', enterpriseId: 'E1' }, org)).toBe(true);
    expect(isOwnWorkspace({ teamId: 'T7', enterpriseId: 'E2' }, org)).toBe(false);
    expect(isOwnWorkspace({ teamId: 'T1' }, org)).toBe(false);
  });
});
