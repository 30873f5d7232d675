import { scrubSecrets } from '../secrets/scrub-secrets.js';
import type { Category, Kind } from '../ports/category.js';
import { parseErrorText, type ParsedError } from './parse-error-text.js';
import { weighEvidence } from './weigh-evidence.js';

/** What an SDK error carries, as the Claude adapter sees it (no secret: the adapter scrubs the message first). */
export interface ApiErrorFields {
  status?: number;
  type?: string;
  errorCode?: string;
  message: string;
  sdkClass?: string;
}

/**
 * The category and kind of an error the bot's own call met: the same weighed rules as a pasted error (`weighEvidence`),
 * so the two cannot disagree; read once by the adapter that saw it (`claude/to-api-failure.ts`).
 */
export function classifyApiError(fields: ApiErrorFields): { category: Category; kind?: Kind } {
  const { category, kind } = weighEvidence(parsedFrom(fields));
  return kind ? { category, kind } : { category };
}

/** The message may itself hold the body (`429 {"type":"error",…}`): read it, then let the fields win. */
function parsedFrom(fields: ApiErrorFields): ParsedError {
  const parsed = parseErrorText(scrubSecrets(fields.message));
  const known = { status: fields.status, type: fields.type, errorCode: fields.errorCode, sdkClass: fields.sdkClass };
  for (const [key, value] of Object.entries(known)) if (value !== undefined) Object.assign(parsed, { [key]: value });
  parsed.inStream ||= fields.status === undefined && fields.type !== undefined;
  return parsed;
}
