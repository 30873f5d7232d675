import type { SlackMessage } from '../kit/index.js';
import { answerForUser, type AnswerDeps } from './answer-for-user.js';

/** What `respond()` takes for these answers. */
type Respond = (message: { text: string; blocks?: SlackMessage['blocks']; response_type: 'ephemeral' | 'in_channel'; replace_original?: boolean }) => Promise<unknown>;

/** `/claude-status explain <text>`: answers through the command's response_url, first offline, then replaced in place. */
export type CommandExplain = (text: string, userId: string, reply: { respond: Respond; visibility: 'ephemeral' | 'in_channel' }) => Promise<void>;

export function explainForCommand(deps: AnswerDeps): CommandExplain {
  return (text, userId, { respond, visibility }) =>
    answerForUser(deps, text, userId, 'command', {
      first: async (message) => {
        await respond({ response_type: visibility, ...message });
        return async (final) => void (await respond({ response_type: visibility, replace_original: true, ...final }));
      },
      notice: async (notice) => void (await respond({ response_type: 'ephemeral', text: notice })),
    });
}
