import type { Category, KindsByCategory } from '../ports/category.js';
import type { Snippets } from './fix-snippets.js';

/** What the bot says about one category or kind of error. */
export interface Advice {
  title: string;
  /** Why it happens, in a sentence or two. */
  cause: string;
  /** What to do, most useful first. */
  fixSteps: readonly string[];
  /** Whether sending the same request again can succeed (after waiting, where that applies). */
  retryable: boolean;
  /** Code, where code is the fix. */
  snippets?: Snippets;
}

/** A category's general advice, and the finer kinds whose fix differs. */
export interface Entry<C extends Category = Category> extends Advice {
  kinds: Record<KindsByCategory[C], Advice>;
}

/** Typed so that a new category or kind without advice fails the build. */
export type KnowledgeBase = { [C in Category]: Entry<C> };
