import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../fakes/fake-slack.js';
import { eventBody, interactionBody } from '../fakes/slack-signing.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const ENV = {
  ALERT_CHANNEL: ALERTS, ALERT_FAILURE_THRESHOLD: '2', ALERT_RECOVERY_THRESHOLD: '2',
  MONITOR_GENERATION_INTERVAL_SECONDS: '0', ADMIN_USER_IDS: `${ALICE},${BOB}`,
  ALERT_MENTION: '<!subteam^S0ONCALL>',
};
const REJECTED = [{ fault: { kind: 'status' as const, status: 401 as const }, endpoint: 'any' as const }];
const delivered = (c: RecordedCall) => c.status === 200 && c.error === undefined;
const isRoot = (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.thread_ts === undefined && delivered(c);

/**
 * Issue 15's alert buttons through the real app: the first acknowledgement stands everywhere (root, thread, App Home),
 * a second person is told who was first, the snooze menu, Resolve by hand; ALERT_MENTION on the critical root only.
 */
describe('alert buttons end to end (a rejected key: critical, opens at once; rounds stepped on a manual clock)', () => {
  let t: TestApp;
  let rootTs = '';
  let value = '';
  const inThread = (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.thread_ts === rootTs && delivered(c);
  const press = async (userId: string, action: Record<string, unknown>) => {
    const responseUrl = t.slack.responseUrl();
    const res = await t.post(interactionBody({
      type: 'block_actions', api_app_id: 'A0FAKEAPP', token: 'x', trigger_id: '1.2.3', response_url: responseUrl,
      team: { id: 'T0FAKE001', domain: 'fake' }, user: { id: userId, username: userId, team_id: 'T0FAKE001' },
      channel: { id: ALERTS, name: 'alerts' }, container: { type: 'message', message_ts: rootTs, channel_id: ALERTS },
      message: { type: 'message', ts: rootTs, text: 'alert' }, actions: [{ block_id: 'alert_actions', action_ts: '1.2', ...action }],
    }));
    expect(res.status).toBe(200);
    return String((await t.slack.waitForResponse((r) => r.url === responseUrl, 20_000)).body.text);
  };
  const button = (action_id: string) => ({ type: 'button', action_id, value, text: { type: 'plain_text', text: 'x' } });

  // The breaker's reset runs on real timers (opossum's): short, so the recovery rounds are not refused for long.
  beforeAll(async () => { t = await startTestApp({ env: ENV, manualTime: true, breakerResetMs: 100 }); });
  afterAll(async () => { await t?.stop(); });

  it('posts the critical root with ALERT_MENTION and the four actions; the thread carries no mention', async () => {
    t.claude.setFaults(REJECTED);
    await t.round();
    // Already sent when the step returns on an idle machine; 10 s, not 1 s, of real time for a loaded one.
    const root = await t.slack.waitFor(isRoot, 10_000);
    rootTs = String(t.slack.messages(ALERTS).find((m) => m.thread_ts === undefined)?.ts);
    expect(String(root.body.text)).toMatch(/^<!subteam\^S0ONCALL> /);
    const actions = (root.body.blocks as { type: string; elements?: { action_id: string; value?: string }[] }[]).find((b) => b.type === 'actions')!;
    expect(actions.elements!.map((e) => e.action_id)).toEqual(['alert_recheck', 'alert_ack', 'alert_snooze', 'alert_resolve']);
    value = actions.elements![0]!.value!;
  });

  it('the first acknowledgement stands: the second person is told who, and root, thread and App Home all name the first', async () => {
    expect(await press(ALICE, button('alert_ack'))).toMatch(/You acknowledged/);
    expect(await press(BOB, button('alert_ack'))).toMatch(new RegExp(`Already acknowledged by <@${ALICE}>`));
    await t.deliver();
    const update = await t.slack.waitFor((c) => c.method === 'chat.update' && c.body.ts === rootTs && delivered(c) && JSON.stringify(c.body.blocks).includes(`<@${ALICE}>`), 10_000);
    const blocks = JSON.stringify(update.body.blocks);
    expect(blocks).not.toContain('alert_ack');
    expect(blocks).not.toContain(`<@${BOB}>`);
    await t.slack.waitFor((c) => inThread(c) && String(c.body.text).includes(`<@${ALICE}>`), 10_000);
    const before = t.slack.callsTo('views.publish').length;
    expect((await t.post(eventBody({ type: 'app_home_opened', user: BOB, channel: 'D0HOME001', tab: 'home' }))).status).toBe(200);
    const home = await t.slack.waitFor((c) => c.method === 'views.publish' && c.body.user_id === BOB && t.slack.callsTo('views.publish').indexOf(c) >= before);
    expect(JSON.stringify(home.body.view)).toContain(`acknowledged by <@${ALICE}>`);
    expect(JSON.stringify(home.body.view)).not.toContain(`<@${BOB}>`);
    const notes = t.slack.calls.filter((c) => inThread(c) && /cknowledged/.test(String(c.body.text)));
    expect(notes).toHaveLength(1);
    expect(t.slack.calls.filter(inThread).some((c) => String(c.body.text).includes('S0ONCALL'))).toBe(false);
  });

  it('snoozes from the menu for 4 h', async () => {
    const text = await press(BOB, { type: 'static_select', action_id: 'alert_snooze', selected_option: { text: { type: 'plain_text', text: 'Snooze 4 h' }, value: `4h|${value}` } });
    expect(text).toMatch(/muted until <!date\^/);
    const [open] = await t.app.monitoring!.monitor.openIncidents();
    expect(open!.mutedUntilMs! - t.time!.clock.now()).toBeGreaterThan(3.9 * 3_600_000);
  });

  it('resolves by hand: one resolution, said in the thread with who, the root shown resolved', async () => {
    // The key works again, and Bob resolves before the monitor's recovery streak would: one resolution either way.
    t.claude.clearFaults();
    expect(await press(BOB, button('alert_resolve'))).toMatch(/You resolved the incident/);
    await t.deliver();
    await t.slack.waitFor((c) => inThread(c) && String(c.body.text).includes(`Resolved by <@${BOB}>`), 10_000);
    await t.slack.waitFor((c) => c.method === 'chat.update' && c.body.ts === rootTs && delivered(c) && /RESOLVED/.test(JSON.stringify(c.body.blocks)), 10_000);
    await t.rounds(3);
    expect(t.slack.calls.filter(isRoot)).toHaveLength(1);
    expect(t.slack.calls.filter((c) => inThread(c) && /resolved/i.test(String(c.body.text)))).toHaveLength(1);
    expect(await t.app.monitoring!.monitor.openIncidents()).toEqual([]);
  });
});
