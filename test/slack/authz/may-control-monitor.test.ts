import { describe, expect, it } from 'vitest';
import { mayControlMonitor, type WorkspaceRole } from '../../../src/slack/authz/may-control-monitor.js';

const roles: Record<string, WorkspaceRole> = { UADMIN: { is_admin: true }, UOWNER: { is_owner: true }, UPRIMARY: { is_primary_owner: true }, UMEMBER: {} };
const lookup = async (id: string) => roles[id];

describe('mayControlMonitor', () => {
  it('with ADMIN_USER_IDS set: the listed users only, whatever their workspace role (users.info is not asked)', async () => {
    const never = async () => { throw new Error('not asked'); };
    expect(await mayControlMonitor('UL', ['UL'], never)).toEqual({ allowed: true, as: 'listed admin' });
    expect(await mayControlMonitor('UADMIN', ['UL'], never)).toEqual({ allowed: false, reason: 'not listed' });
  });
  it('with it empty: workspace admins and owners only', async () => {
    expect(await mayControlMonitor('UADMIN', [], lookup)).toEqual({ allowed: true, as: 'workspace admin' });
    expect(await mayControlMonitor('UOWNER', [], lookup)).toEqual({ allowed: true, as: 'workspace owner' });
    expect(await mayControlMonitor('UPRIMARY', [], lookup)).toEqual({ allowed: true, as: 'workspace owner' });
    expect(await mayControlMonitor('UMEMBER', [], lookup)).toEqual({ allowed: false, reason: 'not a workspace admin' });
  });
  it('refuses when Slack cannot say (fails closed)', async () => {
    expect(await mayControlMonitor('UNOBODY', [], lookup)).toEqual({ allowed: false, reason: 'role unknown' });
    const failure = new Error('missing_scope');
    expect(await mayControlMonitor('UADMIN', [], async () => { throw failure; })).toEqual({ allowed: false, reason: 'role unknown', error: failure });
  });
});
