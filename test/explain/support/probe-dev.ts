/**
 * Development aid (DEV split only, never the test split): how robust the offline explainer's right answers on the dev
 * pastes are to the ways a paste can differ from the one collected — wrapped by a terminal, quoted, escaped inside a
 * JSON log line, a retry banner before it — and how many are still right from their message alone (an app that shows
 * only the message). A changed answer points at a reading mechanism to fix, not at a text to fit.
 * `npx tsx test/explain/support/probe-dev.ts [--batch N]`
 */
import { explainOffline, readPaste } from '../../../src/explain/explain-offline.js';
import { loadRealPastes } from '../real-pastes/score-pastes.js';

const batchArg = process.argv.indexOf('--batch');
const batch = batchArg === -1 ? undefined : Number(process.argv[batchArg + 1]);
const dev = loadRealPastes('dev').filter((p) => batch === undefined || (p.batch ?? 1) === batch);

/** Cut every line into pieces of `width` (mid-word, as a terminal does), continuation lines after `indent`. */
const hardWrap = (t: string, width: number, indent: string): string =>
  t.split('\n').map((line) => {
    const out: string[] = [];
    for (let i = 0; i < line.length; i += width) out.push((i ? indent : '') + line.slice(i, i + width));
    return out.join('\n');
  }).join('\n');
/** Wrap every line at spaces before `width`, continuation lines after `indent`. */
const wordWrap = (t: string, width: number, indent: string): string =>
  t.split('\n').map((line) => {
    const out: string[] = [];
    let current = '';
    for (const word of line.split(' ')) {
      if (current && `${current} ${word}`.length > width) {
        out.push(current);
        current = indent + word;
      } else {
        current = current ? `${current} ${word}` : word;
      }
    }
    out.push(current);
    return out.join('\n');
  }).join('\n');

const PERTURBATIONS: Record<string, (t: string) => string> = {
  'hard wrap at 80': (t) => hardWrap(t, 80, ''),
  'word wrap at 60': (t) => wordWrap(t, 60, ''),
  'word wrap at 60, indented': (t) => wordWrap(t, 60, '    '),
  "Claude Code's gutter": (t) => `  ⎿  ${wordWrap(t, 70, '     ')}`,
  'Markdown quote': (t) => t.split('\n').map((l) => `> ${l}`).join('\n'),
  'in a JSON log line': (t) => JSON.stringify({ level: 'error', msg: `request failed: ${t}` }),
  'in a JSON log line, twice': (t) => JSON.stringify({ log: JSON.stringify({ error: t }) }),
  'CRLF': (t) => t.replace(/\n/g, '\r\n'),
  'whitespace collapsed': (t) => t.replace(/\s+/g, ' '),
  'retry banner before': (t) => `  ⎿  API Error (Request timed out.) · Retrying in 1 seconds… (attempt 1/10)\n${t}`,
  'log prefix on every line': (t) => t.split('\n').map((l) => `2026-12-02T10:41:07.512Z ERROR [agent] ${l}`).join('\n'),
  'bracketed log prefix': (t) => t.split('\n').map((l) => `[2026-12-02 10:41:07,512] ERROR app.client: ${l}`).join('\n'),
  'fenced code block': (t) => `\`\`\`\n${t}\n\`\`\``,
  "'$ ' command line before": (t) => `$ npx my-agent run --model claude-sonnet-4-5\n${t}`,
  'stack trace after': (t) => `${t}\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at async Agent.run (/app/dist/agent.js:212:17)`,
  'Python traceback before': (t) => `Traceback (most recent call last):\n  File "/app/main.py", line 42, in <module>\n    resp = client.messages.create(**kwargs)\n${t}`,
  'status retry banner before': (t) => `  ⎿  API Error: 503 Service Unavailable · Retrying in 2 seconds… (attempt 1/10)\n${t}`,
  'status log line after': (t) => `${t}\n2026-12-02 10:41:09 WARN retry 1/3 after HTTP 503`,
  'GET 404 log line before': (t) => `127.0.0.1 - - [02/Dec/2026 10:41:07] "GET /favicon.ico HTTP/1.1" 404 -\n${t}`,
  // As Slack delivers a paste: control characters escaped, links in <…> markup, a code block's fences glued to it.
  'as Slack delivers it': (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\bhttps?:\/\/[^\s"'`)\]}>,]+/g, (u) => `<${u}>`),
  'Slack code block': (t) => `\`\`\`${t}\`\`\``,
  'inline code (one-line paste)': (t) => (t.includes('\n') ? t : `\`${t}\``),
  'no-break spaces (a rendered page)': (t) => t.replace(/ /g, '\u00a0'),
  'zero-width after each quote': (t) => t.replace(/"/g, '"\u200b'),
  'typographic quotes': (t) => t.replace(/"([^"\n]*)"/g, '\u201c$1\u201d').replace(/'/g, '\u2019'),
  // A one-line paste a terminal of 80, 100 or 120 columns wrapped once (mid-word, as terminals cut).
  'one line wrapped once': (t) => {
    const width = [80, 100, 120].find((w) => t.length > w && t.length <= 2 * w);
    return t.includes('\n') || width === undefined ? t : `${t.slice(0, width)}\n${t.slice(width)}`;
  },
};

const right = dev.filter((p) => explainOffline(p.text).category === p.category);
console.log(`dev${batch === undefined ? '' : `, batch ${batch}`}: ${right.length}/${dev.length} right as collected; changed answers under each perturbation:`);
for (const [name, perturb] of Object.entries(PERTURBATIONS)) {
  const changed = right.filter((p) => explainOffline(perturb(p.text)).category !== p.category);
  console.log(`  ${name.padEnd(28)} ${String(changed.length).padStart(3)}  ${changed.slice(0, 4).map((p) => `${p.id} (${p.category} → ${explainOffline(perturb(p.text)).category})`).join(', ')}`);
}
let asked = 0;
let still = 0;
for (const p of right) {
  const message = readPaste(p.text).parsed.message;
  if (!message || message.length < 12) continue;
  asked++;
  if (explainOffline(message).category === p.category) still++;
}
console.log(`  message alone: ${still}/${asked} still right`);
