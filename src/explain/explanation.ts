import type { Category, Kind } from './category.js';
import type { Snippets } from './fix-snippets.js';
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
  /** 0..1: how sure the classifier is (error code 0.98, type 0.95, status ~0.85, keywords 0.5, unknown 0.1). */
  confidence: number;
  title: string;
  cause: string;
  fixSteps: string[];
  retryable: boolean;
  snippets?: Snippets;
  facts: ErrorFacts;
  /** The input, scrubbed and cut to a few hundred characters (not escaped). */
  echo: string;
  /** The input was longer than the cap and only part of it was read. */
  truncated: boolean;
  /** Short remarks specific to this error (request id to quote, retry-after, cut input, stream). */
  notes: string[];
}
