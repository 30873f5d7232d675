import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Clock } from '../../ports/clock.js';
import { homeFingerprint, renderHome, type HomeData } from './render-home.js';

export interface AppHomeDeps {
  /** Gathers the dashboard's data (latest report, incidents, history); never probes by itself. */
  load: () => Promise<HomeData>;
  clock: Clock;
  logger: Logger;
}

export interface AppHome {
  /** Re-publishes the dashboard for recent viewers whose view would change (called after each monitor round). */
  refresh(): Promise<void>;
}

/** Users who opened the Home tab within this window get it refreshed after monitor rounds; later ones on their next visit. */
export const RECENT_VIEWER_MS = 15 * 60_000;
const MAX_TRACKED_USERS = 500;

type View = ReturnType<typeof renderHome>;

/**
 * The App Home tab: published when a user opens it; after a monitor round, re-published only to those who opened it
 * in the last 15 minutes and only when what it shows changed since their last view (views.publish is Tier 4, and a
 * dashboard republished every minute to everyone would be noise in Slack's rate limits).
 */
export function registerAppHome(app: App, deps: AppHomeDeps): AppHome {
  const viewers = new Map<string, { openedAt: number; shown?: string }>();
  // Marked as shown before the call returns, so a refresh racing an open does not publish the same view twice; a
  // failed publish is forgotten, so the next round tries again.
  const publish = async (userId: string, view: View, content: string) => {
    const viewer = viewers.get(userId);
    if (viewer) viewer.shown = content;
    try {
      await app.client.views.publish({ user_id: userId, view });
    } catch (err) {
      if (viewer?.shown === content) viewer.shown = undefined;
      throw err;
    }
  };
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    viewers.delete(event.user);
    viewers.set(event.user, { openedAt: deps.clock.now() });
    if (viewers.size > MAX_TRACKED_USERS) viewers.delete(viewers.keys().next().value!);
    try {
      const data = await deps.load();
      await publish(event.user, renderHome(data), homeFingerprint(data));
    } catch (err) {
      deps.logger.warn({ err, user: event.user }, 'App Home not published');
    }
  });
  return {
    async refresh() {
      const since = deps.clock.now() - RECENT_VIEWER_MS;
      for (const [user, viewer] of viewers) if (viewer.openedAt < since) viewers.delete(user);
      if (viewers.size === 0) return;
      // Everyone sees the same dashboard: gather and render it once per refresh, not once per viewer.
      const data = await deps.load().catch((err: unknown) => void deps.logger.warn({ err }, 'App Home refresh failed'));
      if (!data) return;
      const content = homeFingerprint(data);
      const stale = [...viewers].filter(([, viewer]) => viewer.shown !== content);
      if (stale.length === 0) return;
      const view = renderHome(data);
      for (const [user] of stale) {
        await publish(user, view, content).catch((err: unknown) => deps.logger.warn({ err, user }, 'App Home refresh failed'));
      }
    },
  };
}
