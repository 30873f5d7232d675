import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Clock } from '../../ports/clock.js';
import { renderHome, type HomeData } from './render-home.js';

export interface AppHomeDeps {
  /** Gathers the dashboard's data (latest report, incidents, history); never probes by itself. */
  load: () => Promise<HomeData>;
  clock: Clock;
  logger: Logger;
}

export interface AppHome {
  /** Re-publishes the dashboard for users who opened it recently (called after each monitor round). */
  refresh(): Promise<void>;
}

/** Users who opened the Home tab within this window get it refreshed after monitor rounds. */
const RECENT_MS = 60 * 60_000;
const MAX_TRACKED_USERS = 500;

/** The App Home tab: published when a user opens it, and kept current for recent viewers. */
export function registerAppHome(app: App, deps: AppHomeDeps): AppHome {
  const viewers = new Map<string, number>();
  const publish = (userId: string, view: ReturnType<typeof renderHome>) => app.client.views.publish({ user_id: userId, view });
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    viewers.delete(event.user);
    viewers.set(event.user, deps.clock.now());
    if (viewers.size > MAX_TRACKED_USERS) viewers.delete(viewers.keys().next().value!);
    try {
      await publish(event.user, renderHome(await deps.load()));
    } catch (err) {
      deps.logger.warn({ err, user: event.user }, 'App Home not published');
    }
  });
  return {
    async refresh() {
      const since = deps.clock.now() - RECENT_MS;
      for (const [user, openedAt] of viewers) if (openedAt < since) viewers.delete(user);
      if (viewers.size === 0) return;
      // Everyone sees the same dashboard: gather and render it once per refresh, not once per viewer.
      const view = await deps.load().then(renderHome).catch((err: unknown) => void deps.logger.warn({ err }, 'App Home refresh failed'));
      if (!view) return;
      for (const user of viewers.keys()) {
        await publish(user, view).catch((err: unknown) => deps.logger.warn({ err, user }, 'App Home refresh failed'));
      }
    },
  };
}
