import type { App } from '@slack/bolt';
import type { Logger } from 'pino';

export interface StatusCommandDeps {
  logger: Logger;
}

/** `/claude-status`: acked at once (Slack allows 3 s); the report follows through `response_url`. */
export function registerStatusCommand(app: App, deps: StatusCommandDeps): void {
  app.command('/claude-status', async ({ ack, respond, command }) => {
    await ack();
    deps.logger.info({ user: command.user_id, text: command.text }, '/claude-status');
    await respond({ response_type: 'ephemeral', text: 'claude-status is running.' });
  });
}
