import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../fakes/fake-slack.js';
import { interactionBody } from '../fakes/slack-signing.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
const OVERLOADED = [{ fault: { kind: 'status' as const, status: 529 as const }, endpoint: 'any' as const }];

const delivered = (c: RecordedCall) => c.status === 200 && c.error === undefined;
const isRoot = (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && c.body.thread_ts === undefined && delivered(c) && JSON.stringify(c.body.blocks ?? []).includes('alert_ack');

/** The element `actionId` in a message's blocks: a button (its value) or the snooze menu (its first option). */
function element(blocks: unknown, actionId: string): { type: string; value: string } {
  const elements = (blocks as { elements?: Record<string, unknown>[] }[]).flatMap((b) => b.elements ?? []);
  const found = elements.find((e) => e.action_id === actionId);
  if (!found) throw new Error(`no ${actionId} in the alert`);
  const options = found.options as { value: string }[] | undefined;
  return { type: String(found.type), value: options ? options[0]!.value : String(found.value) };
}

/**
 * Issue 12: acknowledge and snooze stay open to everyone when ADMIN_USER_IDS is empty, and are never done in
 * secret: the alert's thread in the alert channel says who, when and until when, and the log says the same.
 */
describe('acknowledge and snooze by anyone, announced in the alert channel and logged (ADMIN_USER_IDS empty)', () => {
  let t: TestApp;
  let root: RecordedCall;
  beforeAll(async () => {
    t = await startTestApp({ env: { ALERT_CHANNEL: ALERTS, ADMIN_USER_IDS: '', ALERT_FAILURE_THRESHOLD: '1', MONITOR_GENERATION_INTERVAL_SECONDS: '0' }, manualTime: true });
    t.claude.setFaults(OVERLOADED);
    await t.round();
    // Already sent when the step returns on an idle machine; 10 s, not 1 s, of real time for a loaded one.
    root = await t.slack.waitFor(isRoot, 10_000);
  });
  afterAll(async () => t?.stop());

  /** A press of the root's button, or a choice in its snooze menu, as Slack sends it. */
  const action = (actionId: string) => {
    const { type, value } = element(root.body.blocks, actionId);
    return type === 'static_select'
      ? { type, action_id: actionId, block_id: 'alert_actions', selected_option: { text: { type: 'plain_text', text: '1 h' }, value }, action_ts: '1.2' }
      : { type, action_id: actionId, block_id: 'alert_actions', value, action_ts: '1.2', text: { type: 'plain_text', text: 'x' } };
  };
  const press = async (actionId: string, userId: string) => {
    const responseUrl = t.slack.responseUrl();
    const res = await t.post(interactionBody({
      type: 'block_actions', api_app_id: 'A0FAKEAPP', token: 'x', trigger_id: '1.2.3', response_url: responseUrl,
      team: { id: 'T0FAKE001', domain: 'fake' }, user: { id: userId, username: 'member', team_id: 'T0FAKE001' },
      channel: { id: ALERTS, name: 'alerts' }, container: { type: 'message', message_ts: '1.1', channel_id: ALERTS },
      message: { type: 'message', ts: '1.1', text: 'alert' },
      actions: [action(actionId)],
    }));
    expect(res.status).toBe(200);
    return String((await t.slack.waitForResponse((r) => r.url === responseUrl, 20_000)).body.text);
  };
  /** The thread note the press wrote, once the outbox (stepped on the manual clock) has sent it. */
  const note = async (pattern: RegExp) => {
    await t.deliver();
    return t.slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && c.body.thread_ts !== undefined && pattern.test(String(c.body.text)), 10_000);
  };

  it('a plain member acknowledges: the thread says who and when, the log too', async () => {
    expect(await press('alert_ack', 'U0MEMBER1')).toMatch(/You acknowledged/);
    const posted = await note(/Acknowledged by <@U0MEMBER1> <!date\^\d+\^/);
    expect(posted.body.channel).toBe(ALERTS);
    expect(t.logs).toContainEqual(expect.objectContaining({ msg: 'alert acknowledge', userId: 'U0MEMBER1', at: expect.any(String) }));
  });

  it('another member snoozes: the thread says who and until when, the log too', async () => {
    expect(await press('alert_snooze', 'U0MEMBER2')).toMatch(/muted until/);
    await note(/Muted by <@U0MEMBER2> until <!date\^\d+\^/);
    expect(t.logs).toContainEqual(expect.objectContaining({ msg: 'alert snooze', userId: 'U0MEMBER2', at: expect.any(String), until: expect.any(String) }));
  });
});
