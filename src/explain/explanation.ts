import type { Category, Kind, KindsByCategory } from '../ports/category.js';
import type { Snippet, Snippets } from './fix-snippets.js';
import type { ParsedError } from './parse-error-text.js';

/** The facts read from the error, already scrubbed of secrets: the parser's findings without its working state. */
export type ErrorFacts = Omit<ParsedError, 'credential' | 'truncated' | 'originalLength' | 'text'>;

/**
 * The answer to "what is this error": what, why, how to fix, and the facts it was based on. Plain text, no
 * markup: the Slack renderer escapes what it shows (`escapeMrkdwn`), the CLI prints it as is. No field ever holds a
 * secret from the input.
 */
export interface Explanation {
  category: Category;
  kind?: Kind;
  /**
   * 0..1: how sure the classifier is (error code 0.98, type 0.95, status 0.65–0.9 by where it was read, keywords 0.5,
   * conflicting evidence at most 0.55, unknown 0.1). Below LOW_CONFIDENCE (0.6) the explainer may ask Claude.
   */
  confidence: number;
  title: string;
  cause: string;
  fixSteps: string[];
  retryable: boolean;
  /** Both languages' samples (kept for callers that choose themselves). */
  snippets?: Snippets;
  /** The sample in the paste's language: Python for a Python traceback, TypeScript for TS/JS. Show this one. */
  snippet?: Snippet;
  /** For an unrecognised paste: what was read, and the likeliest causes with what to check first. */
  unknownHelp?: UnknownHelp;
  facts: ErrorFacts;
  /** The input, scrubbed and cut to a few hundred characters (not escaped). */
  echo: string;
  /** The input was longer than the cap and only part of it was read. */
  truncated: boolean;
  /** Short remarks specific to this error (request id to quote, retry-after, cut input, stream). */
  notes: string[];
}

/** What an unrecognised paste still tells, so the answer helps anyway. */
export interface UnknownHelp {
  /** What was read: `status 500`, `request id req_…`, `Python SDK (anthropic)`, `LiteLLM`. */
  recognised: string[];
  /** The three likeliest causes given those facts, most likely first, each with what to check. */
  likelyCauses: { category: Exclude<Category, 'unknown'>; title: string; check: string }[];
  /** How to get a better answer. */
  better: string[];
}

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
