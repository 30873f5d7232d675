/**
 * Slack's Block Kit limits (reference/slack.md, checked against api.slack.com/reference/block-kit): a message holds
 * at most 50 blocks (a Home view 100), a section's text 3,000 characters, a header 150, a context 10 elements of
 * 2,000, an actions block 25 elements, a button's text 75; the top-level `text` is kept at or under 4,000.
 */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  header: 150,
  contextElements: 10,
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  fallbackText: 4000,
} as const;
