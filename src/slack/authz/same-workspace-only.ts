import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from 'pino';

/** The workspace (and Enterprise Grid org) the bot token belongs to, from `auth.test`. */
export interface OwnWorkspace {
  teamId?: string;
  enterpriseId?: string;
  /** An org-wide install answers every workspace of its enterprise. */
  orgWide?: boolean;
}

/** The team and enterprise a request comes from, read from its body as Slack sends each kind. */
export function requestOrigin(body: Record<string, unknown>): { teamId?: string; enterpriseId?: string } {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
  const auth = Array.isArray(body.authorizations) ? obj(body.authorizations[0]) : undefined;
  const team = obj(body.team);
  return {
    // Events: team_id (and authorizations); commands: team_id; actions, shortcuts, views: team.id or user.team_id.
    teamId: str(body.team_id) ?? str(team?.id) ?? str(obj(body.user)?.team_id) ?? str(auth?.team_id),
    enterpriseId: str(body.enterprise_id) ?? str(obj(body.enterprise)?.id) ?? str(team?.enterprise_id) ?? str(auth?.enterprise_id),
  };
}

/**
 * Whether a request from `origin` is the bot's own: the same team (an org-wide install: the same enterprise), and no
 * other enterprise. A request that names no team is not.
 */
export function isOwnWorkspace(origin: { teamId?: string; enterpriseId?: string }, own: OwnWorkspace): boolean {
  if (own.orgWide) return origin.enterpriseId !== undefined && origin.enterpriseId === own.enterpriseId;
  const sameEnterprise = origin.enterpriseId === undefined || origin.enterpriseId === own.enterpriseId;
  return origin.teamId !== undefined && origin.teamId === own.teamId && sameEnterprise;
}

/**
 * A global middleware that refuses (acks and drops, and logs) every request from another workspace or enterprise
 * than the bot's own: a signed request is not enough, since a payload can carry any team id (issue 12: a button
 * press from another team was accepted). An org-wide install accepts its enterprise's workspaces.
 */
export function sameWorkspaceOnly(own: OwnWorkspace, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const origin = requestOrigin(args.body as unknown as Record<string, unknown>);
    if (isOwnWorkspace(origin, own)) {
      await args.next();
      return;
    }
    logger.warn(
      { teamId: origin.teamId, enterpriseId: origin.enterpriseId, ownTeamId: own.teamId, ownEnterpriseId: own.enterpriseId, kind: (args.body as { type?: unknown }).type ?? 'command' },
      'refused a request from another workspace',
    );
    // Acked so Slack does not retry it; no listener runs and nothing is answered.
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}
