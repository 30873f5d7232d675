/** Short code fixes shown under an explanation, in both SDK languages. Our own code, kept to a screenful. */
export interface Snippets {
  typescript: string;
  python: string;
}

export const BACKOFF_WITH_JITTER: Snippets = {
  typescript: `// Full jitter: wait a random time up to an exponential cap, honour retry-after when the API sends it.
async function withBackoff<T>(call: () => Promise<T>, attempts = 5): Promise<T> {
  for (let n = 0; ; n++) {
    try { return await call(); } catch (err) {
      const status = (err as { status?: number }).status;
      const retryable = status === undefined || status === 408 || status === 429 || status >= 500;
      if (!retryable || n + 1 >= attempts) throw err;
      const header = Number((err as { headers?: Headers }).headers?.get('retry-after'));
      const capMs = Math.min(30_000, 500 * 2 ** n);
      await new Promise((r) => setTimeout(r, header > 0 ? header * 1000 : Math.random() * capMs));
    }
  }
}`,
  python: `import random, time, anthropic

def with_backoff(call, attempts=5):
    for n in range(attempts):
        try:
            return call()
        except (anthropic.RateLimitError, anthropic.InternalServerError, anthropic.APIConnectionError) as err:
            if n + 1 == attempts:
                raise
            header = getattr(getattr(err, "response", None), "headers", {}).get("retry-after")
            time.sleep(float(header) if header else random.uniform(0, min(30, 0.5 * 2 ** n)))`,
};

export const PACED_QUEUE: Snippets = {
  typescript: `// The API refills its bucket continuously: pace requests evenly instead of bursting a minute's budget.
import Bottleneck from 'bottleneck';
const limiter = new Bottleneck({ maxConcurrent: 4, minTime: 60_000 / 50 }); // 50 RPM -> one every 1.2 s
const reply = await limiter.schedule(() => client.messages.create(request));`,
  python: `# The API refills its bucket continuously: pace requests evenly instead of bursting.
import asyncio
RPM = 50
gate = asyncio.Semaphore(4)

async def paced(call):
    async with gate:
        result = await call()
        await asyncio.sleep(60 / RPM)
        return result`,
};

export const CIRCUIT_BREAKER: Snippets = {
  typescript: `// Stop hammering an overloaded API: open after repeated failures, probe again after a pause.
import CircuitBreaker from 'opossum';
const breaker = new CircuitBreaker((req: Request) => client.messages.create(req),
  { errorThresholdPercentage: 50, resetTimeout: 30_000, volumeThreshold: 5 });
breaker.fallback(() => ({ degraded: true }));
const reply = await breaker.fire(request);`,
  python: `import time

class Breaker:
    def __init__(self, threshold=5, pause_s=30):
        self.failures, self.threshold, self.pause_s, self.opened = 0, threshold, pause_s, 0.0

    def call(self, fn):
        if self.failures >= self.threshold and time.monotonic() - self.opened < self.pause_s:
            raise RuntimeError("circuit open: Claude API failing, try later")
        try:
            result = fn()
        except Exception:
            self.failures += 1
            self.opened = time.monotonic()
            raise
        self.failures = 0
        return result`,
};

export const VALIDATE_REQUEST: Snippets = {
  typescript: `// Catch malformed requests before sending: roles alternate, no empty text, every tool_use answered.
function checkMessages(messages: { role: string; content: string | { type: string; id?: string; tool_use_id?: string; text?: string }[] }[]) {
  messages.forEach((m, i) => {
    if (i > 0 && messages[i - 1]!.role === m.role) throw new Error(\`message \${i}: two \${m.role} turns in a row\`);
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    if (blocks.length === 0 || blocks.some((b) => b.type === 'text' && !b.text?.trim())) throw new Error(\`message \${i}: empty content\`);
    const asked = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id);
    const next = messages[i + 1]?.content;
    const answered = Array.isArray(next) ? next.map((b) => b.tool_use_id) : [];
    for (const id of asked) if (!answered.includes(id)) throw new Error(\`tool_use \${id} has no tool_result in the next turn\`);
  });
}`,
  python: `def check_messages(messages):
    for i, m in enumerate(messages):
        if i and messages[i - 1]["role"] == m["role"]:
            raise ValueError(f"message {i}: two {m['role']} turns in a row")
        blocks = [{"type": "text", "text": m["content"]}] if isinstance(m["content"], str) else m["content"]
        if not blocks or any(b["type"] == "text" and not b.get("text", "").strip() for b in blocks):
            raise ValueError(f"message {i}: empty content")
        asked = [b["id"] for b in blocks if b["type"] == "tool_use"]
        nxt = messages[i + 1]["content"] if i + 1 < len(messages) else []
        answered = [b.get("tool_use_id") for b in nxt] if isinstance(nxt, list) else []
        for tool_id in asked:
            if tool_id not in answered:
                raise ValueError(f"tool_use {tool_id} has no tool_result in the next turn")`,
};

export const COUNT_TOKENS_FIRST: Snippets = {
  typescript: `// count_tokens is free: check the prompt against the model's window before the real call.
const { input_tokens } = await client.messages.countTokens({ model, messages, system });
const model_ = await client.models.retrieve(model);
const room = (model_.max_input_tokens ?? 200_000) - input_tokens;
if (room < 1_000) messages = trimOldestTurns(messages); // or summarise them
const max_tokens = Math.min(requested, model_.max_tokens ?? 8_192, room);`,
  python: `# count_tokens is free: check the prompt against the model's window before the real call.
count = client.messages.count_tokens(model=model, messages=messages, system=system)
info = client.models.retrieve(model)
room = (info.max_input_tokens or 200_000) - count.input_tokens
if room < 1_000:
    messages = trim_oldest_turns(messages)  # or summarise them
max_tokens = min(requested, info.max_tokens or 8_192, room)`,
};

export const LIST_MODELS: Snippets = {
  typescript: `// Ask the API which models exist instead of hard-coding ids; retired ones are listed only on request.
for await (const m of client.models.list()) console.log(m.id, m.lifecycle, m.retires_at);`,
  python: `for m in client.models.list():
    print(m.id, m.lifecycle, m.retires_at)`,
};

export const STREAM_LONG_REQUESTS: Snippets = {
  typescript: `// Long generations: stream, so bytes keep flowing and no proxy cuts an idle connection.
const stream = client.messages.stream({ model, max_tokens: 16_000, messages });
stream.on('text', (t) => process.stdout.write(t));
const message = await stream.finalMessage();`,
  python: `with client.messages.stream(model=model, max_tokens=16_000, messages=messages) as stream:
    for text in stream.text_stream:
        print(text, end="")
    message = stream.get_final_message()`,
};

export const CLIENT_AUTH: Snippets = {
  typescript: `// API keys (sk-ant-api03-…) go in apiKey; OAuth tokens (sk-ant-oat01-…) only in authToken.
import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // not the OAuth token
if (!process.env.ANTHROPIC_API_KEY?.startsWith('sk-ant-api03-')) throw new Error('ANTHROPIC_API_KEY is not an API key');`,
  python: `import os, anthropic
key = os.environ["ANTHROPIC_API_KEY"]
assert key.startswith("sk-ant-api03-"), "ANTHROPIC_API_KEY is not an API key"
client = anthropic.Anthropic(api_key=key)`,
};

export const CLIENT_TIMEOUT: Snippets = {
  typescript: `// Give slow calls room per attempt, and stream anything long.
const client = new Anthropic({ timeout: 120_000, maxRetries: 2 });
const reply = await client.messages.create(request, { timeout: 300_000 });`,
  python: `client = anthropic.Anthropic(timeout=120.0, max_retries=2)
reply = client.with_options(timeout=300.0).messages.create(**request)`,
};

/** The language a code sample is shown in. */
export type SnippetLanguage = keyof Snippets;

/** One code sample, in the language of the paste. */
export interface Snippet {
  language: SnippetLanguage;
  /** How a renderer labels it: `Python`, `TypeScript`. */
  label: string;
  code: string;
}

const LABELS: Record<SnippetLanguage, string> = { typescript: 'TypeScript', python: 'Python' };

/**
 * The sample to show for a paste: Python for a Python traceback or SDK line, TypeScript for TS/JS (and when the paste
 * does not tell, the bot's own language).
 */
export function snippetFor(snippets: Snippets, language: string | undefined): Snippet {
  const chosen: SnippetLanguage = language === 'python' ? 'python' : 'typescript';
  return { language: chosen, label: LABELS[chosen], code: snippets[chosen] };
}
