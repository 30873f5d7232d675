import type { Explanation } from '../explain/explanation.js';

// The explain core words its answers for the Slack app, where `/claude-status` is the command at hand; a terminal has
// `claude-status check`, and no bot. Only the CLI rewrites them: the Slack surfaces keep the core's words.
const SLACK_COMMAND = /`\/claude-status`/g;
const FOR_THE_BOT = / for the bot too\b/g;

function reword(line: string): string {
  if (!line.includes('`/claude-status`')) return line;
  return line.replace(SLACK_COMMAND, '`claude-status check`').replace(FOR_THE_BOT, ' from here too');
}

/** The answer as the CLI prints it: advice that names the Slack command names the CLI's own instead. */
export function inTerminalWords<T extends Explanation>(answer: T): T {
  return {
    ...answer,
    fixSteps: answer.fixSteps.map(reword),
    notes: answer.notes.map(reword),
    ...(answer.unknownHelp ? { unknownHelp: { ...answer.unknownHelp, better: answer.unknownHelp.better.map(reword) } } : {}),
  };
}
