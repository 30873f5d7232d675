import type { App } from '@slack/bolt';
import { registerStatusCommand, type StatusCommandDeps } from './status/register-status-command.js';
import { registerExplain, type ExplainDeps } from './explain/register-explain.js';
import { explainForCommand } from './explain/explain-for-command.js';
import { registerAppHome, type AppHome, type AppHomeDeps } from './home/register-app-home.js';
import { registerAlertActions, type AlertActionsDeps } from './alerts/register-alert-actions.js';

export interface ListenerDeps {
  status: Omit<StatusCommandDeps, 'explain'>;
  explain: ExplainDeps;
  home: AppHomeDeps;
  /** Present when the monitor runs (ALERT_CHANNEL set). */
  alerts?: AlertActionsDeps;
}

/**
 * Every Slack surface the app handles, in one place: `/claude-status`, the *Explain Claude error* shortcut,
 * mentions and DMs, the App Home, the alert buttons. `manifest.yml` must declare exactly these (a test checks it).
 */
export function registerListeners(app: App, deps: ListenerDeps): { home: AppHome } {
  registerStatusCommand(app, { ...deps.status, explain: explainForCommand(deps.explain) });
  registerExplain(app, deps.explain);
  const home = registerAppHome(app, deps.home);
  if (deps.alerts) registerAlertActions(app, deps.alerts);
  return { home };
}
