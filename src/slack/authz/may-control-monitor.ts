/** What Slack's `users.info` says of a user's role in the workspace (the fields we read). */
export interface WorkspaceRole {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

export type ControlDecision =
  | { allowed: true; as: 'listed admin' | 'workspace admin' | 'workspace owner' }
  | { allowed: false; reason: 'not listed' | 'not a workspace admin' }
  | { allowed: false; reason: 'role unknown'; error?: unknown };

/**
 * Who may pause or resume all alerting: the users in ADMIN_USER_IDS when it names anyone; otherwise the workspace's
 * admins and owners, as `users.info` reports them. When Slack cannot say (an error, a missing scope), nobody: a pause
 * silences every alert, so a failed lookup must not open it to everyone.
 */
export async function mayControlMonitor(
  userId: string,
  adminUserIds: readonly string[],
  lookupRole: (userId: string) => Promise<WorkspaceRole | undefined>,
): Promise<ControlDecision> {
  if (adminUserIds.length > 0) return adminUserIds.includes(userId) ? { allowed: true, as: 'listed admin' } : { allowed: false, reason: 'not listed' };
  let role: WorkspaceRole | undefined;
  try {
    role = await lookupRole(userId);
  } catch (error) {
    return { allowed: false, reason: 'role unknown', error };
  }
  if (!role) return { allowed: false, reason: 'role unknown' };
  if (role.is_owner || role.is_primary_owner) return { allowed: true, as: 'workspace owner' };
  if (role.is_admin) return { allowed: true, as: 'workspace admin' };
  return { allowed: false, reason: 'not a workspace admin' };
}
