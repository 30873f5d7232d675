import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisStore } from '../../src/store/redis-store.js';
import { REDIS_PREFIX } from '../../src/store/redis-replicas.js';
import { startFakeClaudeApi, TEST_API_KEY, type FakeClaudeApi } from '../fakes/fake-claude-api.js';
import { startFakeSlack, type FakeSlack, type RecordedCall } from '../fakes/fake-slack.js';
import { startFakeStatusPage, type FakeStatusPage } from '../fakes/fake-status-page.js';
import { interactionBody, postSigned, slashCommandBody } from '../fakes/slack-signing.js';
import { startRedisServer } from '../support/redis-server.js';
import { isAlive, startReplicas, stopReplicas, type Replica } from '../support/start-replicas.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/start-test-app.js';

const ALERTS = 'C0ALERTS';
const ADMIN = 'U0ADMIN';
const OVERLOADED = [{ fault: { kind: 'status' as const, status: 529 as const }, endpoint: 'any' as const }];
const isRoot = (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && c.body.thread_ts === undefined;
const delivered = (c: RecordedCall) => c.status === 200 && c.error === undefined;
const inThread = (ts: string) => (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.thread_ts === ts && delivered(c);
const LEADS = 'monitor lease acquired';

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the three-replica test is skipped (.ci/run installs it)');

/**
 * Three real app processes (src/main.ts) on one redis-server, against the fake Claude API, Slack and status page:
 * one monitor among them, one alert per outage across a leader's death, and an acknowledgement through any replica
 * held by all. Rounds are counted in the shared probe history, so the test waits on rounds rather than on time.
 */
describe.skipIf(!server)('three replicas on one Redis (1 s rounds, thresholds 2/2)', () => {
  let claude: FakeClaudeApi;
  let slack: FakeSlack;
  let statusPage: FakeStatusPage;
  let redis: Redis;
  let dataDir: string;
  const replicas: Replica[] = [];
  let rootTs = '';
  let rootAlertId = '';

  const store = () => openRedisStore({ redis, prefix: REDIS_PREFIX });
  const rounds = async () => new Set((await store().probeHistory(0)).map((p) => p.atMs)).size;
  const waitRounds = async (n: number, timeoutMs = 15_000) => {
    const target = (await rounds()) + n;
    await expect.poll(rounds, { timeout: timeoutMs, interval: 100 }).toBeGreaterThanOrEqual(target);
  };
  const leaders = () => replicas.filter((r) => isAlive(r) && r.entry.output().stdout.includes(LEADS));
  const roots = () => slack.calls.filter((c) => isRoot(c) && delivered(c));

  beforeAll(async () => {
    const roomy = { rpm: 100_000, burst: 100_000 };
    claude = await startFakeClaudeApi({ limits: roomy, freeLimits: roomy });
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    statusPage = await startFakeStatusPage();
    redis = new Redis(server!.url);
    dataDir = await mkdtemp(join(tmpdir(), 'claude-status-replicas-'));
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url, PORT: '0',
      ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: claude.url, CLAUDE_RPM: '600',
      STATUS_PAGE_URL: statusPage.url, STATUS_PAGE_FALLBACK_URL: statusPage.url,
      // Two models: with the key check, three incidents open in one round and share one alert.
      CLAUDE_MODELS: 'claude-haiku-4-5,claude-sonnet-4-5', ALERT_CHANNEL: ALERTS, MONITOR_INTERVAL_SECONDS: '1',
      ALERT_FAILURE_THRESHOLD: '2', ALERT_RECOVERY_THRESHOLD: '2', MONITOR_GENERATION_INTERVAL_SECONDS: '0',
      BREAKER_RESET_SECONDS: '1', ADMIN_USER_IDS: ADMIN, REDIS_URL: server!.url, DATA_DIR: dataDir, LOG_LEVEL: 'info',
    };
    replicas.push(...await startReplicas(3, env));
    for (const { start } of replicas) {
      expect(start).toMatchObject({ store: 'redis', monitor: `on, #${ALERTS} every 1s on the replica holding the lease` });
    }
  }, 60_000);

  afterAll(async () => {
    await stopReplicas(replicas);
    redis?.disconnect();
    await Promise.all([claude?.close(), slack?.close(), statusPage?.close(), server?.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('elects one monitor: the others stay quiet', async () => {
    await expect.poll(() => leaders().length, { timeout: 10_000 }).toBe(1);
    await waitRounds(2);
    expect(leaders()).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('posts exactly one alert for an outage', async () => {
    claude.setFaults(OVERLOADED);
    const root = await slack.waitFor((c) => isRoot(c) && delivered(c), 20_000);
    rootTs = String(slack.messages(ALERTS).find((m) => m.thread_ts === undefined)?.ts);
    rootAlertId = (root.body.metadata as { event_payload: { alert_id: string } }).event_payload.alert_id;
    // Every probe and the breaker (open from the next round) see the same outage: rounds go on, and it stays one alert.
    await waitRounds(2);
    expect(roots()).toHaveLength(1);
  });

  it('hands the monitor over when the leader is killed, with no alert posted twice', async () => {
    const [old] = leaders();
    old!.entry.child.kill('SIGKILL');
    await old!.entry.exited;
    // Lease 1.5 s, renewed every 0.5 s: another replica leads within two intervals and runs rounds.
    await expect.poll(() => leaders().length, { timeout: 10_000 }).toBe(1);
    await waitRounds(2);
    expect(roots()).toHaveLength(1);
  });

  it('a Re-check through a replica that does not run the monitor says it changed no incident', async () => {
    const [leader] = leaders();
    const follower = replicas.find((r) => r !== leader && isAlive(r))!;
    const responseUrl = slack.responseUrl();
    await postSigned(`${follower.url}/slack/events`, interactionBody({
      type: 'block_actions', api_app_id: 'A0FAKEAPP', token: 'x', trigger_id: '1.2.3', response_url: responseUrl,
      team: { id: 'T0FAKE001', domain: 'fake' }, user: { id: 'U0SOMEONE', username: 'someone', team_id: 'T0FAKE001' },
      channel: { id: ALERTS, name: 'alerts' }, container: { type: 'message', message_ts: rootTs, channel_id: ALERTS },
      message: { type: 'message', ts: rootTs, text: 'alert' },
      actions: [{ type: 'button', action_id: 'alert_recheck', block_id: 'alert_actions', value: `alert:${rootAlertId}`, action_ts: '1.2', text: { type: 'plain_text', text: 'x' } }],
    }), SIGNING_SECRET);
    const text = String((await slack.waitForResponse((r) => r.url === responseUrl, 30_000)).body.text);
    expect(text).toMatch(/Re-checked: \*down\*/);
    expect(text).toMatch(/does not run the monitor, so it changed no incident/);
    expect(roots()).toHaveLength(1);
  });

  it('holds an acknowledgement made through a replica that does not run the monitor', async () => {
    const [leader] = leaders();
    const follower = replicas.find((r) => r !== leader && isAlive(r))!;
    const responseUrl = slack.responseUrl();
    const res = await postSigned(`${follower.url}/slack/events`, interactionBody({
      type: 'block_actions', api_app_id: 'A0FAKEAPP', token: 'x', trigger_id: '1.2.3', response_url: responseUrl,
      team: { id: 'T0FAKE001', domain: 'fake' }, user: { id: ADMIN, username: 'admin', team_id: 'T0FAKE001' },
      channel: { id: ALERTS, name: 'alerts' }, container: { type: 'message', message_ts: rootTs, channel_id: ALERTS },
      message: { type: 'message', ts: rootTs, text: 'alert' },
      actions: [{ type: 'button', action_id: 'alert_ack', block_id: 'alert_actions', value: `alert:${rootAlertId}`, action_ts: '1.2', text: { type: 'plain_text', text: 'x' } }],
    }), SIGNING_SECRET);
    expect(res.status).toBe(200);
    expect(String((await slack.waitForResponse((r) => r.url === responseUrl, 20_000)).body.text)).toMatch(/You acknowledged/);
    // The leader, in another process, sends the note and keeps the acknowledgement through its rounds.
    await slack.waitFor((c) => inThread(rootTs)(c) && String(c.body.text).includes(`Acknowledged by <@${ADMIN}>`), 15_000);
    await waitRounds(1);
    const open = (await store().openIncidents()).filter((i) => i.alertId === rootAlertId);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((i) => i.acknowledgedBy === ADMIN)).toBe(true);
  });

  it('resolves in the same thread, each message delivered once', async () => {
    claude.clearFaults();
    await slack.waitFor((c) => inThread(rootTs)(c) && /resolved/i.test(String(c.body.text)), 20_000);
    await slack.waitFor((c) => c.method === 'chat.update' && c.body.ts === rootTs && /RESOLVED/.test(JSON.stringify(c.body.blocks)), 10_000);
    await waitRounds(1);
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

  it('keeps answering Slack when Redis goes away; the monitor pauses and says so; SIGTERM still exits 0', async () => {
    const alive = replicas.filter(isAlive);
    const [leader] = leaders();
    redis.disconnect();
    await server!.stop();
    await leader!.entry.waitForLine((l) => l.includes('monitor lease lost') && l.includes('Redis unreachable'), 15_000);
    for (const r of alive) {
      const responseUrl = slack.responseUrl();
      const res = await postSigned(`${r.url}/slack/events`, slashCommandBody({ text: '', response_url: responseUrl }), SIGNING_SECRET);
      expect(res.status).toBe(200);
      expect(String((await slack.waitForResponse((x) => x.url === responseUrl, 20_000)).body.text)).toMatch(/operational/i);
    }
    // History lives in Redis: an apology, not a hang.
    const responseUrl = slack.responseUrl();
    await postSigned(`${alive[0]!.url}/slack/events`, slashCommandBody({ text: 'history', response_url: responseUrl }), SIGNING_SECRET);
    expect(String((await slack.waitForResponse((x) => x.url === responseUrl, 20_000)).body.text)).toMatch(/failed unexpectedly/);
    for (const r of alive) r.entry.child.kill('SIGTERM');
    expect((await Promise.all(alive.map((r) => r.entry.exited))).map((e) => e.code)).toEqual(alive.map(() => 0));
  });
});
