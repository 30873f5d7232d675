/**
 * Kept only while the alert renderers move to the kit: everything here is the kit's own (`./kit/index.js`), not a
 * twin. Import from the kit in new code; this file goes once nothing imports it.
 */
export { clip, clipMrkdwn, esc, escapeMrkdwn, formatDuration, link, mention, plainDate, slackDate } from './kit/index.js';
