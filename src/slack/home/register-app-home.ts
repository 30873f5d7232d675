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
  const publish = async (userId: string) => {
    const view = renderHome(await deps.load());
    await app.client.views.publish({ user_id: userId, view });
  };
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    viewers.delete(event.user);
    viewers.set(event.user, deps.clock.now());
    if (viewers.size > MAX_TRACKED_USERS) viewers.delete(viewers.keys().next().value!);
    try {
      await publish(event.user);
    } catch (err) {
      deps.logger.warn({ err, user: event.user }, 'App Home not published');
    }
  });
  return {
    async refresh() {
      const since = deps.clock.now() - RECENT_MS;
      for (const [user, openedAt] of viewers) {
        if (openedAt < since) {
          viewers.delete(user);
          continue;
        }
        await publish(user).catch((err: unknown) => deps.logger.warn({ err, user }, 'App Home refresh failed'));
      }
    },
  };
}
