import { describe, expect, it } from 'vitest';
import { homeFingerprint, renderHome, type HomeData } from '../../../src/slack/home/render-home.js';

const home = (undelivered?: NonNullable<HomeData['monitor']['undelivered']>): HomeData => ({
  incidents: [], history: [], monitor: { on: true, channel: 'C0ALERTS', intervalSeconds: 60, ...(undelivered ? { undelivered } : {}) },
});
const shown = (data: HomeData) => JSON.stringify(renderHome(data).blocks);

/** Issue 11 item 5: a message Slack refuses for good is said loudly — log, metric, and once in the App Home. */
describe('alert messages given up, in the App Home', () => {
  it('one line with how many, the latest error (escaped) and when', () => {
    const text = shown(home({ count: 2, latestError: 'Slack refused chat.postMessage: not_in_channel — invite the bot <@U1>', latestAt: '2026-11-26T16:00:00.000Z' }));
    expect(text.match(/could not be delivered to Slack/g)).toHaveLength(1);
    expect(text).toContain('2 alert messages could not be delivered');
    expect(text).toContain('not_in_channel');
    expect(text).toContain('&lt;@U1&gt;');
    expect(text).toContain('<!date^');
  });

  it('nothing when none was given up, and the dashboard is re-published when one is', () => {
    expect(shown(home({ count: 0 }))).not.toContain('could not be delivered');
    expect(shown(home())).not.toContain('could not be delivered');
    expect(homeFingerprint(home({ count: 1, latestError: 'x' }))).not.toBe(homeFingerprint(home({ count: 0 })));
  });
});
