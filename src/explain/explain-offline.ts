import { scrubSecrets } from '../secrets/scrub-secrets.js';
import { boundText } from './bound-text.js';
import { buildExplanation } from './build-explanation.js';
import type { Explanation } from './explanation.js';
import { detectCredential, parseErrorText } from './parse-error-text.js';
import { weighEvidence } from './weigh-evidence.js';

/**
 * Explains a pasted error from the knowledge base alone: no network, so it answers even when the API is down.
 * The text is cut to 64 KB and scrubbed first; everything after (parsing, facts, echo) sees only scrubbed text.
 */
export function explainOffline(text: string): Explanation {
  const bounded = boundText(text);
  const scrubbed = scrubSecrets(bounded.text);
  const parsed = parseErrorText(scrubbed);
  parsed.truncated = bounded.truncated;
  parsed.originalLength = bounded.originalLength;
  // Scrubbing can hide a token's prefix; its kind (never its value) is read from the raw text.
  parsed.credential = detectCredential(bounded.text) ?? parsed.credential;
  return buildExplanation(parsed, weighEvidence(parsed), scrubbed.trim());
}
