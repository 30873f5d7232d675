import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The arrows of ARCHITECTURE.md, checked on the real source: the folders under `src/` import each other without a
 * cycle (a port file that imports from `monitor/` would close one), and the core folders import nothing of Slack,
 * the resilience libraries, the store drivers or the environment. Read with the TypeScript compiler, not regexes,
 * so a `process.env` inside a string (the explainer's fix snippets) is not a read.
 */

const SRC = resolve(import.meta.dirname, '../../src');

/**
 * ARCHITECTURE.md's table: which rooms each folder may import. The files at the root of src/ (the composition root
 * compose.ts with compose-monitor.ts, the entry points main.ts and cli.ts) may import any room.
 */
const ALLOWED: Record<string, string[]> = {
  ports: [],
  secrets: [],
  text: [],
  explain: ['ports', 'secrets', 'text'],
  checks: ['ports', 'explain', 'secrets', 'text'],
  monitor: ['ports', 'checks', 'explain', 'text'],
  resilience: ['ports'],
  claude: ['ports', 'resilience', 'explain', 'secrets'],
  store: ['ports', 'monitor'],
  slack: ['ports', 'checks', 'explain', 'monitor', 'config', 'http', 'secrets', 'text'],
  http: ['ports'],
  config: ['text', 'secrets'],
  logging: ['text', 'secrets'],
  'start-up': ['text', 'secrets'],
  cli: ['ports', 'checks', 'explain', 'config', 'logging', 'secrets', 'text'],
};
const CORE = ['checks', 'monitor', 'explain'];
const FORBIDDEN_IN_CORE = [/^@slack\//, /^bottleneck$/, /^opossum$/, /^ioredis$/, /^better-sqlite3$/];

const listSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });

/** `checks/run-checks.ts` → `checks`; a file at the root of src/ is its own room (`main.ts`, also when imported as `main.js`). */
const roomOf = (file: string): string => relative(SRC, file).replace(/\.js$/, '.ts').split(sep)[0]!;

interface SourceFacts {
  file: string;
  specifiers: string[];
  readsEnv: boolean;
}

const readFacts = (file: string): SourceFacts => {
  const text = readFileSync(file, 'utf8');
  const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  let readsEnv = false;
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'env' &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'process'
    ) {
      readsEnv = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file, specifiers, readsEnv };
};

const facts = listSources(SRC).map(readFacts);

/** Room → rooms it imports (relative specifiers only; packages are not rooms). */
const roomGraph = (): Map<string, Set<string>> => {
  const graph = new Map<string, Set<string>>();
  for (const { file, specifiers } of facts) {
    const from = roomOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const specifier of specifiers.filter((s) => s.startsWith('.'))) {
      const to = roomOf(resolve(dirname(file), specifier));
      if (to !== from) edges.add(to);
    }
  }
  return graph;
};

/** File → files it imports, within src/ (`explain/a.ts` and `explain/b.ts` importing each other is a knot too). */
const fileGraph = (): Map<string, Set<string>> =>
  new Map(
    facts.map(({ file, specifiers }) => [
      relative(SRC, file),
      new Set(specifiers.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, '.ts'))),
    ]),
  );

/** Every cycle's rooms, as found by a depth-first walk (one path per back edge). */
const findCycles = (graph: Map<string, Set<string>>): string[][] => {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const walk = (room: string): void => {
    state.set(room, 'open');
    path.push(room);
    for (const next of graph.get(room) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) walk(next);
    }
    path.pop();
    state.set(room, 'done');
  };
  for (const room of [...graph.keys()].sort()) if (!state.has(room)) walk(room);
  return cycles;
};

describe('the folders of src/', () => {
  it('the cycle finder sees a cycle when there is one (so an empty answer means something)', () => {
    const graph = new Map([
      ['ports', new Set(['monitor'])],
      ['monitor', new Set(['ports'])],
    ]);
    expect(findCycles(graph)).toEqual([['monitor', 'ports', 'monitor']]);
  });

  it('import each other without a cycle', () => {
    expect(findCycles(roomGraph()).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it("each folder imports only the rooms its row in ARCHITECTURE.md allows (a new folder gets a row)", () => {
    const offences = [...roomGraph()]
      .filter(([room]) => !room.endsWith('.ts'))
      .flatMap(([room, targets]) => {
        const allowed = ALLOWED[room];
        if (!allowed) return [`${room}/ has no row in ARCHITECTURE.md`];
        return [...targets].filter((t) => !allowed.includes(t)).map((t) => `${room}/ imports ${t}`);
      });
    expect(offences).toEqual([]);
  });

  it('files import each other without a cycle', () => {
    expect(findCycles(fileGraph()).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('every file ARCHITECTURE.md names exists (a newcomer follows it in one hop, not into a renamed file)', () => {
    const text = readFileSync(resolve(SRC, '../ARCHITECTURE.md'), 'utf8');
    const named = [...new Set([...text.matchAll(/`([\w/.-]+\.ts)`/g)].map((m) => m[1]!))];
    const everyFile = ['src', 'test'].flatMap((dir) => readdirSync(resolve(SRC, '..', dir), { recursive: true }).map((f) => `${dir}/${String(f)}`));
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((name) => !everyFile.some((file) => file === name || file.endsWith(`/${name}`)))).toEqual([]);
  });

  it('the core (checks/, monitor/, explain/) imports no Slack, bottleneck, opossum, Redis or SQLite driver and never reads process.env', () => {
    const offences = facts
      .filter(({ file }) => CORE.includes(roomOf(file)))
      .flatMap(({ file, specifiers, readsEnv }) => [
        ...specifiers
          .filter((s) => FORBIDDEN_IN_CORE.some((pattern) => pattern.test(s)))
          .map((s) => `${relative(SRC, file)} imports ${s}`),
        ...(readsEnv ? [`${relative(SRC, file)} reads process.env`] : []),
      ]);
    expect(offences).toEqual([]);
  });
});
