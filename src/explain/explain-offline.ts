import { scrubSecrets } from '../secrets/scrub-secrets.js';
import { boundText } from './bound-text.js';
import { buildExplanation } from './build-explanation.js';
import type { Explanation } from './explanation.js';
import { detectCredential, parseErrorText, type ParsedError } from './parse-error-text.js';
import { weighEvidence, type Classification } from './weigh-evidence.js';

/** A paste read offline: the facts, the weighed classification, and the scrubbed text everything after sees. */
export interface PasteReading {
  parsed: ParsedError;
  classification: Classification;
  scrubbed: string;
}

/**
 * Reads a paste: cut to 64 KB and scrubbed first; everything after (parsing, facts, echo) sees only scrubbed text.
 * Scrubbing can hide a token's prefix, so the credential's kind (never its value) is read from the raw text.
 */
export function readPaste(text: string): PasteReading {
  const bounded = boundText(text);
  const scrubbed = scrubSecrets(bounded.text);
  const parsed = parseErrorText(scrubbed);
  parsed.truncated = bounded.truncated;
  parsed.originalLength = bounded.originalLength;
  parsed.credential = detectCredential(bounded.text) ?? parsed.credential;
  return { parsed, classification: weighEvidence(parsed), scrubbed: scrubbed.trim() };
}

/** The knowledge base's answer for a paste already read (`readPaste`): a caller that also asks Claude reads it once. */
export function explainReading({ parsed, classification, scrubbed }: PasteReading): Explanation {
  return buildExplanation(parsed, classification, scrubbed);
}

/** Explains a pasted error from the knowledge base alone: no network, so it answers even when the API is down. */
export function explainOffline(text: string): Explanation {
  return explainReading(readPaste(text));
}
