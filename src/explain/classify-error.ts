import { scrubSecrets } from '../secrets/scrub-secrets.js';
import type { Category, Kind } from '../ports/category.js';
import { chooseKind, invalidRequestKindByWording } from './choose-kind.js';
import { BY_ERROR_CODE, BY_SDK_CLASS, BY_STATUS, BY_TYPE, KEYWORDS, MESSAGE_OVERRIDES } from './classification-tables.js';
import { parseErrorText, type ParsedError } from './parse-error-text.js';

/** Which category (and finer kind) a parsed error belongs to, and how sure we are (0..1). */
export interface Classification {
  category: Category;
  kind?: Kind;
  confidence: number;
  /** What decided it: `error_code`, `message`, `type`, `status`, `sdk_class`, `keywords` or `none`. */
  basis: 'error_code' | 'message' | 'type' | 'status' | 'sdk_class' | 'keywords' | 'none';
}

/** Decides the category and kind of a parsed error: error code, then message, type, status, SDK class, keywords. */
export function classifyError(parsed: ParsedError): Classification {
  const message = `${parsed.message ?? ''} ${parsed.type ?? ''}`.toLowerCase();
  const code = parsed.errorCode ? BY_ERROR_CODE[parsed.errorCode] : undefined;
  if (code) return { category: code[0], kind: code[1] ?? chooseKind(code[0], parsed, message), confidence: 0.98, basis: 'error_code' };
  for (const [re, category, kind] of MESSAGE_OVERRIDES) {
    if (re.test(message)) return { category, kind, confidence: 0.9, basis: 'message' };
  }
  const fromType = parsed.type ? BY_TYPE[parsed.type] : undefined;
  if (fromType) return withKind(fromType, parsed, message, 0.95, 'type');
  const fromStatus = parsed.status ? BY_STATUS[parsed.status] ?? statusRange(parsed.status) : undefined;
  if (fromStatus) return withKind(fromStatus, parsed, message, parsed.format === 'plain' ? 0.7 : 0.85, 'status');
  const fromClass = parsed.sdkClass ? BY_SDK_CLASS[parsed.sdkClass] : undefined;
  if (fromClass) return withKind(fromClass, parsed, message, 0.85, 'sdk_class');
  const wordedKind = invalidRequestKindByWording(message);
  if (wordedKind) return { category: 'invalid_request', kind: wordedKind, confidence: 0.6, basis: 'message' };
  const text = parsed.text.toLowerCase();
  for (const [re, category] of KEYWORDS) {
    if (re.test(text)) return withKind(category, parsed, text, 0.5, 'keywords');
  }
  return { category: 'unknown', confidence: 0.1, basis: 'none' };
}

function withKind(category: Category, parsed: ParsedError, haystack: string, confidence: number, basis: Classification['basis']): Classification {
  const kind = chooseKind(category, parsed, haystack);
  return kind ? { category, kind, confidence, basis } : { category, confidence, basis };
}

function statusRange(status: number): Category | undefined {
  if (status >= 500) return 'server_error';
  return status >= 400 ? 'invalid_request' : undefined;
}

/** What an SDK error carries, as the Claude adapter sees it (no secret: the adapter scrubs the message first). */
export interface ApiErrorFields {
  status?: number;
  type?: string;
  errorCode?: string;
  message: string;
  sdkClass?: string;
}

/**
 * The category and kind of an error the bot's own call met: the same tables as a pasted error (error code, then
 * message, type, status, SDK class), read once by the adapter that saw it (`claude/to-api-failure.ts`).
 */
export function classifyApiError(fields: ApiErrorFields): { category: Category; kind?: Kind } {
  const { category, kind } = classifyError(parsedFrom(fields));
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
