import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CATEGORIES, type Category, type Kind } from '../../../src/ports/category.js';

/** One error text as a user pasted it into a public thread, with where it came from and what it is. */
export interface RealPaste {
  id: string;
  /** The thread the text was pasted into. */
  source: string;
  /** owner/name of the thread's repository: the unit of the dev/test split. */
  repo: string;
  /** The stack that printed the text (claude-code, litellm, bedrock, …). */
  ecosystem: string;
  split: Split;
  text: string;
  category: Category;
  /** Only where the fix differs inside the category. */
  kind?: Kind;
  note?: string;
  /** The collection round that added it (absent: the first). */
  batch?: number;
}

export type Split = 'dev' | 'test';

/** What is scored: the category, and the kind where the paste's label has one. */
export type Classify = (text: string) => { category: Category; kind?: Kind | undefined };

/**
 * The frozen split: a paste belongs to the TEST set when the first 32 bits of sha256(lower-case repo) are divisible
 * by 3. Whole repositories go one way, so near-duplicates from one project never sit on both sides.
 */
export function splitOf(repo: string): Split {
  const digest = createHash('sha256').update(repo.toLowerCase()).digest();
  return digest.readUInt32BE(0) % 3 === 0 ? 'test' : 'dev';
}

const PASTES_URL = new URL('./pastes.json', import.meta.url);

/** Reads pastes.json; `split` narrows to one side ('all' for both). Throws on a malformed record. */
export function loadRealPastes(split: Split | 'all' = 'all'): RealPaste[] {
  const raw: unknown = JSON.parse(readFileSync(PASTES_URL, 'utf8'));
  if (!Array.isArray(raw)) throw new Error('pastes.json: expected an array');
  const pastes = raw.map((r, i) => checkPaste(r, i));
  return split === 'all' ? pastes : pastes.filter((p) => p.split === split);
}

function checkPaste(r: unknown, i: number): RealPaste {
  const p = r as Partial<RealPaste> | null;
  const where = `pastes.json[${i}]`;
  for (const key of ['id', 'source', 'repo', 'ecosystem', 'split', 'text', 'category'] as const) {
    if (typeof p?.[key] !== 'string' || p[key] === '') throw new Error(`${where}: missing ${key}`);
  }
  const paste = p as RealPaste;
  if (!(CATEGORIES as readonly string[]).includes(paste.category)) throw new Error(`${where}: unknown category ${paste.category}`);
  if (paste.split !== 'dev' && paste.split !== 'test') throw new Error(`${where}: split must be dev or test`);
  return paste;
}

export interface CategoryRow {
  total: number;
  correct: number;
  /** Pastes of this category with a labelled kind, and how many got category and kind right. */
  kindTotal: number;
  kindCorrect: number;
}

export interface PasteScore {
  total: number;
  correct: number;
  /** Category accuracy, 0..1. */
  accuracy: number;
  /** Among pastes whose label has a kind: category and kind both right. */
  kindTotal: number;
  kindCorrect: number;
  kindAccuracy: number;
  perCategory: Record<Category, CategoryRow>;
  /** confusion[want][got] = count. */
  confusion: Record<Category, Record<Category, number>>;
  misses: { id: string; want: string; got: string }[];
}

const label = (category: string, kind: string | undefined) => (kind ? `${category}/${kind}` : category);

function emptyByCategory<T>(make: () => T): Record<Category, T> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, make()])) as Record<Category, T>;
}

/** Scores a classifier on pastes: category accuracy, kind accuracy where labelled, per category, confusion matrix. */
export function scorePastes(classify: Classify, pastes: readonly RealPaste[]): PasteScore {
  const perCategory = emptyByCategory<CategoryRow>(() => ({ total: 0, correct: 0, kindTotal: 0, kindCorrect: 0 }));
  const confusion = emptyByCategory(() => emptyByCategory(() => 0));
  const misses: PasteScore['misses'] = [];
  let correct = 0;
  let kindTotal = 0;
  let kindCorrect = 0;
  for (const paste of pastes) {
    const got = classify(paste.text);
    const row = perCategory[paste.category];
    row.total += 1;
    confusion[paste.category][got.category] += 1;
    const categoryRight = got.category === paste.category;
    if (categoryRight) {
      correct += 1;
      row.correct += 1;
    }
    const kindWrong = paste.kind !== undefined && got.kind !== paste.kind;
    if (paste.kind !== undefined) {
      kindTotal += 1;
      row.kindTotal += 1;
      if (categoryRight && !kindWrong) {
        kindCorrect += 1;
        row.kindCorrect += 1;
      }
    }
    if (!categoryRight || kindWrong) {
      misses.push({ id: paste.id, want: label(paste.category, paste.kind), got: label(got.category, got.kind) });
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    total: pastes.length,
    correct,
    accuracy: ratio(correct, pastes.length),
    kindTotal,
    kindCorrect,
    kindAccuracy: ratio(kindCorrect, kindTotal),
    perCategory,
    confusion,
    misses,
  };
}

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

/** Short column names for the confusion matrix, in CATEGORIES order. */
const SHORT: Record<Category, string> = {
  auth: 'auth',
  permission: 'perm',
  not_found: 'nf',
  invalid_request: 'inv',
  request_too_large: '413',
  rate_limit: 'rate',
  overloaded: 'ovl',
  server_error: '5xx',
  timeout: 'tmo',
  connection: 'conn',
  billing: 'bill',
  unknown: 'unk',
};

/** The score as text: headline, per-category table, confusion matrix (rows = label, columns = answer). */
export function formatPasteScore(score: PasteScore, title: string, options: { misses?: boolean } = {}): string {
  const lines = [
    `${title}: category ${pct(score.correct, score.total).trim()} (${score.correct}/${score.total}), ` +
      `kind ${pct(score.kindCorrect, score.kindTotal).trim()} (${score.kindCorrect}/${score.kindTotal} labelled)`,
    '',
    `  ${'category'.padEnd(18)} ${'n'.padStart(4)} ${'right'.padStart(7)} ${'kinds'.padStart(9)}`,
  ];
  for (const c of CATEGORIES) {
    const r = score.perCategory[c];
    if (r.total === 0) continue;
    const kinds = r.kindTotal === 0 ? '-' : `${r.kindCorrect}/${r.kindTotal}`;
    lines.push(`  ${c.padEnd(18)} ${String(r.total).padStart(4)} ${pct(r.correct, r.total)} ${kinds.padStart(9)}`);
  }
  const used = CATEGORIES.filter((c) => score.perCategory[c].total > 0 || CATEGORIES.some((w) => score.confusion[w][c] > 0));
  lines.push('', `  confusion (row = label, column = answer)`, `  ${''.padEnd(18)}${used.map((c) => SHORT[c].padStart(5)).join('')}`);
  for (const want of CATEGORIES) {
    if (score.perCategory[want].total === 0) continue;
    const cells = used.map((got) => {
      const n = score.confusion[want][got];
      return (n === 0 ? '.' : String(n)).padStart(5);
    });
    lines.push(`  ${want.padEnd(18)}${cells.join('')}`);
  }
  if (options.misses && score.misses.length > 0) {
    lines.push('', '  misses:', ...score.misses.map((m) => `    ${m.id}: want ${m.want}, got ${m.got}`));
  }
  return lines.join('\n');
}
