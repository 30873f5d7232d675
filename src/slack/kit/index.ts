/**
 * The Slack rendering kit: import everything from here (`../kit/index.js`). One definition of each limit, escape,
 * date, look and layout rule, so the report, the explanation, the alerts, thread notes, the App Home and the
 * history all read alike and stay within Slack's limits.
 */
export { SLACK_LIMITS } from './limits.js';
export { clip, clipMrkdwn, esc, escapeMrkdwn, safeEcho } from './escape.js';
export { codeBlock, codeSpan } from './code.js';
export { plainDate, slackDate, type SlackDateFormat } from './dates.js';
export { channelRef, link, mention } from './links.js';
export { RESOLVED_LOOK, SEVERITY_LOOK, STATUS_EMOJI, STATUS_LOOK, VERDICT_EMOJI, VERDICT_LOOK, type Look } from './look.js';
export { context, countOf, divider, fallbackText, fitBlocks, header, packLines, section, type FittedBlocks, type KnownBlock, type Part, type SlackMessage } from './blocks.js';
export { NO_DATA, sparkline } from './sparkline.js';
