import { afterAll, describe, expect, it } from 'vitest';
import { startFakeClaudeApi, type FakeClaudeApi } from '../fakes/fake-claude-api.js';
import { startFakeSlack, type FakeSlack, type RecordedCall } from '../fakes/fake-slack.js';
import { startFakeStatusPage } from '../fakes/fake-status-page.js';
import { eventBody } from '../fakes/slack-signing.js';
import { startRedisServer } from '../support/redis-server.js';
import { BOT_TOKEN, startTestApp, type TestApp } from '../support/start-test-app.js';

/** The fake's Messages limit and every replica's CLAUDE_RPM: each replica alone believes it owns the whole limit. */
const RPM = 120;
/**
 * Two explanations per replica, sent at once: each replica's own burst (a second of {@link RPM}), so three replicas
 * without a shared budget send three times what the API's burst admits, and with one they are paced to it (about
 * two seconds for the four past the burst).
 */
const EXPLANATIONS = 6;

const server = await startRedisServer();
if (!server) console.log('redis-server is not installed: the shared-limit test is skipped (.ci/run installs it)');

const pasted = (i: number) => `Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CShared${i}"}`;
const isDm = (c: RecordedCall) => String(c.body.channel).startsWith('D0SHARED');
/** Offline first: each DM gets the knowledge base's answer at once, then Claude's addition replaces it (chat.update). */
const isDmReply = (c: RecordedCall) => c.method === 'chat.postMessage' && isDm(c);
const isDmUpdate = (c: RecordedCall) => c.method === 'chat.update' && isDm(c);

interface LoadResult { messages: number; wire429: number; rateLimited: number; /** The final answers: each DM's update. */ replies: RecordedCall[] }

/**
 * Starts three replicas (three apps in this process, each with its own limiter, Redis clients and DATA_DIR, as three
 * processes would have) against fresh fakes (Messages limit {@link RPM}, about one second of burst), sends
 * {@link EXPLANATIONS} DMs at once spread over them (one user each: the per-user limit is 10 a minute), and waits
 * until every DM is answered. `redisUrl` undefined = three replicas each with its own limiter and embedded store.
 */
async function explainOnThreeReplicas(redisUrl: string | undefined): Promise<LoadResult> {
  const claude: FakeClaudeApi = await startFakeClaudeApi({ limits: { rpm: RPM } });
  const slack: FakeSlack = await startFakeSlack({ botToken: BOT_TOKEN });
  const statusPage = await startFakeStatusPage();
  const replicas: TestApp[] = [];
  try {
    // No ALERT_CHANNEL and no generation probe: explanations are the only users of the Messages lane.
    const env = { CLAUDE_RPM: String(RPM), MONITOR_GENERATION_INTERVAL_SECONDS: '0', LOG_LEVEL: 'info', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
    replicas.push(...await Promise.all([0, 1, 2].map(() => startTestApp({ env, fakes: { claude, slack, statusPage } }))));
    claude.reset(); // only the load counts, not start-up
    const answers = await Promise.all(Array.from({ length: EXPLANATIONS }, (_, i) => replicas[i % 3]!.post(eventBody({
      type: 'message', channel_type: 'im', channel: `D0SHARED${i}`, user: `U0SHARED${i}`, ts: `1700000100.${String(i).padStart(6, '0')}`, text: pasted(i),
    }))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    await expect.poll(() => new Set(slack.calls.filter(isDmReply).map((c) => c.body.channel)).size, { timeout: 15_000, interval: 50 }).toBe(EXPLANATIONS);
    await expect.poll(() => new Set(slack.calls.filter(isDmUpdate).map((c) => c.body.channel)).size, { timeout: 15_000, interval: 50 }).toBe(EXPLANATIONS);
    const stats = claude.stats();
    const messages = claude.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages').length;
    const result = { messages, wire429: stats.byStatus[429] ?? 0, rateLimited: stats.rateLimited, replies: slack.calls.filter(isDmUpdate) };
    console.log(`three replicas ${redisUrl ? 'sharing Redis' : 'without Redis'}: ${EXPLANATIONS} explanations, ${messages} POST /v1/messages, ${result.wire429} wire 429s (${result.rateLimited} from the bucket)`);
    return result;
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([claude.close(), slack.close(), statusPage.close()]);
  }
}

/**
 * Issue 8's "the shared limit is never exceeded", through three real apps: with one Redis the three keep
 * to one budget and the API answers no 429; the control (same load, no Redis) shows the test can fail.
 */
describe.skipIf(!server)(`three replicas, CLAUDE_RPM=${RPM} each, against an API limit of ${RPM}/min`, () => {
  afterAll(async () => server?.stop());

  it('sharing one Redis: every explanation enriched by Claude, one call each, zero 429s', async () => {
    const { messages, wire429, rateLimited, replies } = await explainOnThreeReplicas(server!.url);
    expect(replies).toHaveLength(EXPLANATIONS);
    for (const reply of replies) expect(JSON.stringify(reply.body)).toContain('From Claude');
    expect(messages).toBe(EXPLANATIONS);
    expect({ wire429, rateLimited }).toEqual({ wire429: 0, rateLimited: 0 });
  });

  it('control, each replica with its own limiter: the same load earns 429s', async () => {
    const { wire429, rateLimited } = await explainOnThreeReplicas(undefined);
    expect(rateLimited).toBeGreaterThan(0);
    expect(wire429).toBeGreaterThan(0);
  });
});
