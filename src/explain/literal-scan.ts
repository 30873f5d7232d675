const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Which of a list of literal strings a left-to-right scan finds: exactly what `text.matchAll(/a|b|c/g)` reports (at the
 * leftmost position the first listed literal that matches, then on from its end), without allocating a match
 * array and a substring per hit. 60-90 hits on an 8 KB paste made matchAll one of the explainer's biggest
 * allocators (firstStatus's anchors, findWrapper's needles), and so a cause of its GC pauses.
 */
export class LiteralScan {
  private readonly re: RegExp;
  /** By last code unit: the indexes of the literals ending in it, in listed order (only they can end a hit there). */
  private readonly byLast = new Map<number, number[]>();
  constructor(readonly literals: readonly string[]) {
    // When no literal is a prefix of another (nor equal to one), at most one matches at any position, so the order of
    // the alternatives cannot change a match: they are then merged by common prefix (`e(?:rror code|xhausted)|…`),
    // which the regex engine tries in about half the time of 30 flat alternatives. Otherwise, the flat alternation.
    const prefixFree = literals.every((a, i) => literals.every((b, j) => i === j || !b.startsWith(a)));
    this.re = new RegExp(prefixFree ? prefixTree(literals) : literals.map(escapeRe).join('|'), 'g');
    literals.forEach((literal, i) => {
      if (literal === '') return;
      const last = literal.charCodeAt(literal.length - 1);
      const list = this.byLast.get(last);
      if (list) list.push(i);
      else this.byLast.set(last, [i]);
    });
  }

  /** Calls `found(i)` with the index in `literals` of each hit, in order; stops early when it returns true. */
  scan(text: string, found: (literal: number) => boolean | void): void {
    const { re, literals, byLast } = this;
    re.lastIndex = 0;
    let from = 0;
    while (re.test(text)) {
      const end = re.lastIndex;
      // The hit ends at `end`: it is the literal ending there whose start is leftmost (not before `from`), the first
      // listed on a tie. A literal starting further left would have been found first, so this is the engine's pick.
      // An empty hit has no last character: no literal is picked, and the scan ends (as it always has).
      let hit = -1;
      let start = end;
      const candidates = end > 0 ? byLast.get(text.charCodeAt(end - 1)) : undefined;
      if (candidates) {
        for (const i of candidates) {
          const at = end - literals[i]!.length;
          if (at >= from && at < start && text.startsWith(literals[i]!, at)) {
            hit = i;
            start = at;
          }
        }
      }
      if (hit < 0 || found(hit) === true) break;
      if (end === start) re.lastIndex++; // an empty literal: step on as matchAll does
      from = re.lastIndex;
    }
    re.lastIndex = 0;
  }
}

/** The literals (no one a prefix of another) as one alternation merged by common prefix: `a(?:b|c)` for `ab`, `ac`. */
function prefixTree(literals: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  for (const literal of literals) {
    const rest = byFirst.get(literal[0]!);
    if (rest) rest.push(literal.slice(1));
    else byFirst.set(literal[0]!, [literal.slice(1)]);
  }
  const alternatives = [...byFirst].map(([first, rests]) =>
    escapeRe(first) + (rests.length === 1 ? escapeRe(rests[0]!) : prefixTree(rests)));
  return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
}
