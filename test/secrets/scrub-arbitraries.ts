import fc from 'fast-check';

/**
 * Text for fuzzing the scrubber, shared by its fuzz test and bench/scrub-secrets.ts: random UTF-16 noise, and
 * adversarial text built from the pieces its rules look for (prefixes, separators, quotes, escapes), up to 64 KB,
 * with one real-looking secret planted in between that must not survive.
 */

/** Fragments that make a rule start work: prefixes without a body, names without a value, escapes, URLs, PEM lines. */
export const ADVERSARIAL_FRAGMENTS = [
  'sk-', 'sk-ant-', 'sk-ant-api03-', 'sk-proj-', 'eyJ', '.', '.eyJ', 'password="', "token='", 'password=', 'api_key: ', '_key=',
  'Authorization: Bearer ', 'Bearer ', 'Basic ', '://', ':', '@', '://:', '\\u002d', '\\u00', '%2D', '%', '\\\\', '\\', '\\n', '\\"',
  '\n', '\r\n', '"', "'", '`', ' ', 'a', 'A', '1', '_', '-', 'AKIA', 'AIza', 'MII', 'xoxb-', 'xapp-', 'ghp_', 'github_pat_',
  '-----BEGIN PRIVATE KEY-----', '-----END', '-----', 'hooks.slack.com/services/', '{', '[', '\u{1F600}',
];

const MAX_CHARS = 64 * 1024;

/** Random noise: any UTF-16 code units (lone surrogates included), as long as fast-check will make it. */
const noise = (maxLength: number) => fc.string({ unit: 'binary', maxLength, size: 'max' });

/** The same fragment many times, or a mix of fragments: dense candidates for one rule or for all at once. */
const adversarial = fc.oneof(
  fc.tuple(fc.constantFrom(...ADVERSARIAL_FRAGMENTS), fc.integer({ min: 1, max: MAX_CHARS })).map(([f, n]) => f.repeat(Math.ceil(n / f.length)).slice(0, n)),
  fc.array(fc.constantFrom(...ADVERSARIAL_FRAGMENTS), { maxLength: 12_000, size: 'max' }).map((parts) => parts.join('').slice(0, MAX_CHARS)),
  fc.array(fc.oneof(fc.constantFrom(...ADVERSARIAL_FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 8_000, size: 'max' }).map((parts) => parts.join('').slice(0, MAX_CHARS)),
);

/** A secret as it is pasted, and the part of it that must not survive (its kind prefix may stay). */
export interface Planted {
  text: string;
  body: string;
}

const planted = (prefix: string, body: RegExp) => fc.stringMatching(body).map((b): Planted => ({ text: prefix + b, body: b }));

export const plantedSecret: fc.Arbitrary<Planted> = fc.oneof(
  planted('sk-ant-api03-', /^[A-Za-z0-9]{90}[A-Za-z0-9_-]{3}AA$/),
  planted('ghp_', /^[A-Za-z0-9]{36}$/),
  planted('xoxb-', /^[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}$/),
  planted('AKIA', /^[A-Z0-9]{16}$/),
  planted('AIza', /^[A-Za-z0-9_-]{35}$/),
  planted('sk-proj-', /^[A-Za-z0-9_-]{40,120}$/),
  planted('DB_PASSWORD=', /^[A-Za-z0-9!#$%*+./:?@^_~-]{6,40}$/),
  planted('postgres://app:', /^[A-Za-z0-9!$*+.;=_~-]{3,30}$/).map((p) => ({ text: `${p.text}@db:5432/x`, body: `:${p.body}@` })),
);

/** The text a fuzz run scrubs: noise or adversarial text, the secret between spaces, more of either; 64 KB at most. */
export const scrubInput: fc.Arbitrary<{ text: string; secret: Planted }> = fc
  .tuple(fc.oneof(noise(MAX_CHARS / 2), adversarial), plantedSecret, fc.oneof(noise(MAX_CHARS / 2), adversarial))
  .map(([before, secret, after]) => {
    const room = MAX_CHARS - secret.text.length - 2;
    const head = before.slice(0, Math.floor(room / 2));
    const text = `${head} ${secret.text} ${after.slice(0, room - head.length)}`;
    // A failure prints this instead of 64 KB (replay the whole input with the seed and path it prints).
    const summary = () => `{ ${text.length} characters: ${JSON.stringify(text.slice(0, 120))}…, secret ${secret.text.slice(0, 16)}… }`;
    return { text, secret, [fc.toStringMethod]: summary };
  });

/**
 * Whether any 12-character piece of the secret's body (or a short body whole) is in `out` more often than in the text
 * around the secret: fast-check's noise is made of words such as `arguments` and `isPrototypeOf`, and a short planted
 * body (`DB_PASSWORD=argumen`) can occur in that noise too, where it is no secret and stays.
 */
export function survives(out: string, secret: Planted, text: string): boolean {
  const { body } = secret;
  const around = text.replace(secret.text, ' ');
  const pieces = body.length <= 12 ? [body] : Array.from({ length: body.length - 11 }, (_, i) => body.slice(i, i + 12));
  return pieces.some((piece) => occurrences(out, piece) > occurrences(around, piece));
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}
