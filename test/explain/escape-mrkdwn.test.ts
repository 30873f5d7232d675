import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, safeEcho } from '../../src/explain/bound-text.js';
import { explainOffline } from '../../src/explain/explain-offline.js';
import { PLANTED_SECRETS } from './corpus/error-corpus.js';

/** Anything Slack would turn into a ping, a mention or a link: an unescaped `<` followed by `!`, `@`, `#` or a URL. */
const LIVE_MARKUP = /<[!@#]|<https?:|<mailto:/i;

const ADVERSARIAL = [
  '<!channel> Error: 429 rate limited',
  '<!here|here> <!everyone> <@U024BE7LH> <#C024BE7LR|general> <!subteam^S123|@oncall>',
  '<https://evil.example/login|click to fix your key> 401 invalid x-api-key',
  '&lt;!channel&gt; already escaped &amp; again',
  '<<!channel>> <<@U1>> <\u0021channel>',
  '@channel @here @everyone please look',
  `key ${PLANTED_SECRETS.apiKey} and <!channel>`,
  `Authorization: Bearer ${PLANTED_SECRETS.bearerJwt}`,
  `${PLANTED_SECRETS.slackBot} ${PLANTED_SECRETS.oauth} ${PLANTED_SECRETS.adminKey}`,
];

describe('escapeMrkdwn', () => {
  it('escapes the three control characters and nothing else', () => {
    expect(escapeMrkdwn('a & b < c > d * _ ~ `')).toBe('a &amp; b &lt; c &gt; d * _ ~ `');
  });

  it('leaves no live markup in adversarial text', () => {
    for (const text of ADVERSARIAL) expect(escapeMrkdwn(text)).not.toMatch(LIVE_MARKUP);
  });
});

describe('safeEcho', () => {
  it('masks secrets, defuses mentions and links', () => {
    for (const text of ADVERSARIAL) {
      const out = safeEcho(text, 2000);
      expect(out).not.toMatch(LIVE_MARKUP);
      expect(out).not.toMatch(/@(channel|here|everyone)\b/);
      for (const secret of Object.values(PLANTED_SECRETS)) expect(out).not.toContain(secret.slice(-12));
    }
  });

  it('cuts to maxChars before escaping, so no entity is split', () => {
    const out = safeEcho('<'.repeat(50), 10);
    expect(out).toBe(`${'&lt;'.repeat(9)}…`);
  });

  it('still masks a secret that straddles the cut', () => {
    const out = safeEcho(`${'x'.repeat(20)} ${PLANTED_SECRETS.apiKey}`, 40);
    expect(out).not.toContain(PLANTED_SECRETS.apiKey.slice(13, 30));
  });

  it('still masks a long JWT that starts before the cut and ends thousands of characters after it', () => {
    const jwt = `eyJ${'a'.repeat(1500)}.eyJ${'b'.repeat(3800)}.${'c'.repeat(1500)}`;
    const out = safeEcho(`token ${jwt}`, 300);
    expect(out).not.toContain('a'.repeat(50));
  });
});

const K = PLANTED_SECRETS.apiKey;
/** Secrets where people actually leave them in pastes. */
const SECRET_PLACES = [
  `ANTHROPIC_API_KEY=${K}\nError: 401 invalid x-api-key`,
  `export ANTHROPIC_API_KEY="${K}"`,
  `headers={'x-api-key': '${K}', 'anthropic-version': '2023-06-01'}`,
  `{"headers":{"authorization":"Bearer ${K}"}}`,
  `https://gw.internal/v1/messages?api_key=${PLANTED_SECRETS.proxySecret}&x=1`,
  `Anthropic(api_key='${K}')`,
  `"message": "invalid x-api-key ${K}"`,
  `<${K}> <!channel>`,
  `${K}${K}`,
  `key:${K},next`,
];

describe('explainOffline echo', () => {
  it('keeps secrets out of every field, wherever they sit', () => {
    for (const text of SECRET_PLACES) {
      const out = JSON.stringify(explainOffline(text));
      expect(out, text.slice(0, 30)).not.toContain(K.slice(20, 40));
      expect(out).not.toContain(PLANTED_SECRETS.proxySecret);
    }
  });

  it('is scrubbed and, once escaped, inert', () => {
    for (const text of ADVERSARIAL) {
      const e = explainOffline(text);
      for (const secret of Object.values(PLANTED_SECRETS)) expect(JSON.stringify(e)).not.toContain(secret.slice(-12));
      expect(escapeMrkdwn(e.echo)).not.toMatch(LIVE_MARKUP);
    }
  });
});
