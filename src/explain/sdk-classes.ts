/**
 * Exception class names of the Anthropic SDKs (TypeScript 0.x/1.x and Python), as people paste them, with the HTTP
 * status each one stands for. Names shared by both SDKs carry no language.
 */

export type SdkLanguage = 'typescript' | 'python';

export interface SdkClassInfo {
  status?: number;
  language?: SdkLanguage;
}

export const SDK_CLASSES: Readonly<Record<string, SdkClassInfo>> = {
  // Both SDKs.
  BadRequestError: { status: 400 },
  AuthenticationError: { status: 401 },
  PermissionDeniedError: { status: 403 },
  NotFoundError: { status: 404 },
  ConflictError: { status: 409 },
  UnprocessableEntityError: { status: 422 },
  RateLimitError: { status: 429 },
  InternalServerError: {},
  ServiceUnavailableError: { status: 503 },
  OverloadedError: { status: 529 },
  APIConnectionError: {},
  APIError: {},
  // TypeScript SDK only (1.x added 402/413/504/529 classes; 0.x sent a 529 as InternalServerError).
  PaymentRequiredError: { status: 402, language: 'typescript' },
  RequestTimeoutError: { status: 408, language: 'typescript' },
  ContentTooLargeError: { status: 413, language: 'typescript' },
  GatewayTimeoutError: { status: 504, language: 'typescript' },
  EnforcedSpendLimitReachedError: { status: 429, language: 'typescript' },
  APIConnectionTimeoutError: { language: 'typescript' },
  APIUserAbortError: { language: 'typescript' },
  AnthropicError: { language: 'typescript' },
  // Python SDK only.
  APIStatusError: { language: 'python' },
  RequestTooLargeError: { status: 413, language: 'python' },
  DeadlineExceededError: { status: 504, language: 'python' },
  APITimeoutError: { language: 'python' },
  APIResponseValidationError: { language: 'python' },
};

/**
 * One alternation of literal names: linear to scan. Longer names first so `APIConnectionTimeoutError` is not read
 * as `APIConnectionError` (the engine takes the first alternative that matches).
 */
export const SDK_CLASS_PATTERN = new RegExp(
  `\\b(?:anthropic\\.(?:_exceptions\\.)?)?(${Object.keys(SDK_CLASSES)
    .sort((a, b) => b.length - a.length)
    .join('|')})\\b(:?)`,
  'g',
);
