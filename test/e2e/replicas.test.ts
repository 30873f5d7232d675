import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisStore } from '../../src/store/redis-store.js';
import { REDIS_PREFIX } from '../../src/store/redis-replicas.js';
import { startFakeClaudeApi, type FakeClaudeApi } from '../fakes/fake-claude-api.js';
import { startFakeSlack, type FakeSlack, type RecordedCall } from '../fakes/fake-slack.js';
import { startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { createManualTime } from '../fakes/manual-clock.js';
import { interactionBody } from '../fakes/slack-signing.js';
import { startRedisProxy, startRedisServer, type RedisProxy } from '../support/redis-server.js';
import { BOT_TOKEN, MANUAL_CLOCK_LAG_MS, startTestApp, type TestApp } from '../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
const ADMIN = 'U0ADMIN';
const OVERLOADED = [{ fault: { kind: 'status' as const, status: 529 as const }, endpoint: 'any' as const }];
const isRoot = (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && c.body.thread_ts === undefined;
const delivered = (c: RecordedCall) => c.status === 200 && c.error === undefined;
const inThread = (ts: string) => (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.thread_ts === ts && delivered(c);

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the three-replica test is skipped (.ci/run installs it)');

/**
 * Three replicas of the app (three apps in this process, each with its own Redis client behind its own TCP proxy, its
 * own limiter, store adapter and monitor) on one redis-server, against the fake Claude API, Slack and status page: one
 * monitor among them, one alert per outage across a leader's death, and an acknowledgement through any replica held by
 * all. Rounds are stepped on one manual clock (the cluster's); the monitor lease is Redis's, in real time: with 1 s
 * rounds it lives 1.5 s and is renewed every 0.5 s, so a dead leader's lease lapses within two seconds.
 */
describe.skipIf(!server)('three replicas on one Redis (rounds stepped on a manual clock, thresholds 2/2)', () => {
  let claude: FakeClaudeApi;
  let slack: FakeSlack;
  let statusPage: FakeStatusPage;
  let redis: Redis;
  const proxies: RedisProxy[] = [];
  const replicas: TestApp[] = [];
  /** Replicas whose Redis was cut (dead, as far as the cluster can tell): no longer asked anything. */
  const dead = new Set<TestApp>();
  const time = createManualTime(Date.now() - MANUAL_CLOCK_LAG_MS);
  let rootTs = '';
  let rootAlertId = '';

  const store = () => openRedisStore({ redis, prefix: REDIS_PREFIX });
  const alive = () => replicas.filter((r) => !dead.has(r));
  const leaders = () => alive().filter((r) => r.app.monitoring!.leads());
  const leader = () => {
    const [one, ...more] = leaders();
    if (!one || more.length) throw new Error(`expected one leader, found ${leaders().length}`);
    return one;
  };
  const follower = () => alive().find((r) => !r.app.monitoring!.leads())!;
  const roots = () => slack.calls.filter((c) => isRoot(c) && delivered(c));
  const press = async (via: TestApp, actionId: string, userId: string) => {
    const responseUrl = slack.responseUrl();
    const res = await via.post(interactionBody({
      type: 'block_actions', api_app_id: 'A0FAKEAPP', token: 'x', trigger_id: '1.2.3', response_url: responseUrl,
      team: { id: 'T0FAKE001', domain: 'fake' }, user: { id: userId, username: 'someone', team_id: 'T0FAKE001' },
      channel: { id: ALERTS, name: 'alerts' }, container: { type: 'message', message_ts: rootTs, channel_id: ALERTS },
      message: { type: 'message', ts: rootTs, text: 'alert' },
      actions: [{ type: 'button', action_id: actionId, block_id: 'alert_actions', value: `alert:${rootAlertId}`, action_ts: '1.2', text: { type: 'plain_text', text: 'x' } }],
    }));
    expect(res.status).toBe(200);
    return String((await slack.waitForResponse((r) => r.url === responseUrl, 10_000)).body.text);
  };
  const command = async (via: TestApp, text: string) => {
    const { responseUrl } = await via.command(text);
    return String((await slack.waitForResponse((r) => r.url === responseUrl, 10_000)).body.text);
  };

  beforeAll(async () => {
    const roomy = { rpm: 100_000, burst: 100_000 };
    claude = await startFakeClaudeApi({ limits: roomy, freeLimits: roomy });
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    statusPage = await startFakeStatusPage();
    redis = new Redis(server!.url);
    proxies.push(...await Promise.all([0, 1, 2].map(() => startRedisProxy(server!.url))));
    replicas.push(...await Promise.all(proxies.map((proxy) => startTestApp({
      fakes: { claude, slack, statusPage }, manualTime: time, breakerResetMs: 100,
      env: {
        // Two models: with the key check, three incidents open in one round and share one alert.
        CLAUDE_MODELS: 'claude-haiku-4-5,claude-sonnet-4-5', ALERT_CHANNEL: ALERTS, MONITOR_INTERVAL_SECONDS: '1',
        ALERT_FAILURE_THRESHOLD: '2', ALERT_RECOVERY_THRESHOLD: '2', MONITOR_GENERATION_INTERVAL_SECONDS: '0',
        ADMIN_USER_IDS: ADMIN, REDIS_URL: proxy.url, LOG_LEVEL: 'info',
      },
    }))));
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all(proxies.map((p) => p.close()));
    redis?.disconnect();
    await Promise.all([claude?.close(), slack?.close(), statusPage?.close(), server?.stop()]);
  });

  it('elects one monitor: the others stay quiet', async () => {
    await expect.poll(() => leaders().length, { timeout: 10_000 }).toBe(1);
    await leader().rounds(2);
    expect(leaders()).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('posts exactly one alert for an outage', async () => {
    claude.setFaults(OVERLOADED);
    await leader().rounds(2);
    // Already sent when the step returns on an idle machine; 10 s, not 1 s, of real time for a loaded one.
    const root = await slack.waitFor((c) => isRoot(c) && delivered(c), 10_000);
    rootTs = String(slack.messages(ALERTS).find((m) => m.thread_ts === undefined)?.ts);
    rootAlertId = (root.body.metadata as { event_payload: { alert_id: string } }).event_payload.alert_id;
    // Every probe and the breaker (open from the next round) see the same outage: rounds go on, and it stays one alert.
    await leader().rounds(2);
    expect(roots()).toHaveLength(1);
  });

  it('hands the monitor over when the leader dies, with no alert posted twice', async () => {
    // Dead as the cluster sees it: its connections to Redis end, so it neither renews nor releases the lease.
    const old = leader();
    proxies[replicas.indexOf(old)]!.cut();
    dead.add(old);
    // Redis expires the lease (1.5 s, real time); another replica takes it at its next attempt (every 0.5 s).
    await expect.poll(() => leaders().length, { timeout: 10_000, interval: 50 }).toBe(1);
    await leader().rounds(2);
    expect(roots()).toHaveLength(1);
  });

  it('a Re-check through a replica that does not run the monitor says it changed no incident', async () => {
    const text = await press(follower(), 'alert_recheck', 'U0SOMEONE');
    expect(text).toMatch(/Re-checked: Down — /);
    expect(text).toMatch(/does not run the monitor, so it changed no incident/);
    expect(roots()).toHaveLength(1);
  });

  it('holds an acknowledgement made through a replica that does not run the monitor', async () => {
    expect(await press(follower(), 'alert_ack', ADMIN)).toMatch(/You acknowledged/);
    // The leader sends the note (its outbox, at its next round) and keeps the acknowledgement through its rounds.
    await leader().round();
    await slack.waitFor((c) => inThread(rootTs)(c) && String(c.body.text).includes(`Acknowledged by <@${ADMIN}>`), 10_000);
    await leader().round();
    const open = (await store().openIncidents()).filter((i) => i.alertId === rootAlertId);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((i) => i.acknowledgedBy === ADMIN)).toBe(true);
  });

  it('resolves in the same thread, each message delivered once', async () => {
    claude.clearFaults();
    const isResolved = (c: RecordedCall) => inThread(rootTs)(c) && /resolved/i.test(String(c.body.text));
    await leader().roundsUntil(() => slack.calls.some(isResolved));
    await leader().roundsUntil(() => slack.calls.some((c) => c.method === 'chat.update' && delivered(c) && c.body.ts === rootTs && /RESOLVED/.test(JSON.stringify(c.body.blocks))), 5);
    await leader().round();
    expect(roots()).toHaveLength(1);
    const replies = slack.callsTo('chat.postMessage').filter((c) => delivered(c) && !isRoot(c));
    expect(replies.every((c) => c.body.thread_ts === rootTs)).toBe(true);
    const texts = replies.map((c) => String(c.body.text));
    expect(new Set(texts).size).toBe(texts.length);
    // One outage, one resolution: a single resolved reply, and the root shown resolved (once, by the new leader).
    expect(texts.filter((t) => /resolved/i.test(t))).toHaveLength(1);
    const resolvedUpdates = slack.callsTo('chat.update').filter((c) => delivered(c) && c.body.ts === rootTs && /RESOLVED/.test(JSON.stringify(c.body.blocks)));
    expect(resolvedUpdates).toHaveLength(1);
    expect(await store().openIncidents()).toEqual([]);
  });

  it('keeps answering Slack when Redis goes away; the monitor pauses and says so; every replica still stops', async () => {
    const last = leader();
    redis.disconnect();
    await server!.stop();
    const lost = (l: Record<string, unknown>) => /monitor lease lost/.test(String(l.msg)) && /Redis unreachable/.test(String(l.msg));
    // The leader steps down once it cannot renew before the lease would lapse, judged in real time (Redis's); the
    // cluster's manual clock moves on meanwhile, as rounds would.
    await expect.poll(async () => { await time.advance(500); return last.logs.some(lost); }, { timeout: 10_000, interval: 50 }).toBe(true);
    for (const r of alive()) expect(await command(r, '')).toMatch(/operational/i);
    // History lives in Redis: an apology, not a hang.
    expect(await command(alive()[0]!, 'history')).toMatch(/failed unexpectedly/);
    // Every replica stops (as on SIGTERM) with Redis away, the dead one too.
    await Promise.all(replicas.map((r) => r.stop()));
  });
});
