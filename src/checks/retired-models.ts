/**
 * Claude API model ids Anthropic has retired, with the retirement date: a 404 for one of these is "retired on …",
 * not an unknown id, even when `/v1/models` no longer lists it. Source: Anthropic's model deprecations page
 * (platform.claude.com/docs/en/about-claude/model-deprecations) and release notes, read November 2026; only ids whose
 * date is stated there. `/v1/models?include_retired` stays the first source; this list is the fallback.
 */
export const RETIRED_MODELS: Readonly<Record<string, string>> = {
  'claude-1.0': '2024-11-06', 'claude-1.1': '2024-11-06', 'claude-1.2': '2024-11-06', 'claude-1.3': '2024-11-06',
  'claude-instant-1.0': '2024-11-06', 'claude-instant-1.1': '2024-11-06', 'claude-instant-1.2': '2024-11-06',
  'claude-2.0': '2025-07-21', 'claude-2.1': '2025-07-21', 'claude-3-sonnet-20240229': '2025-07-21',
  'claude-3-5-sonnet-20240620': '2025-10-28', 'claude-3-5-sonnet-20241022': '2025-10-28',
  'claude-3-opus-20240229': '2026-01-05',
  'claude-3-7-sonnet-20250219': '2026-02-19',
  'claude-sonnet-4-20250514': '2026-06-15', 'claude-opus-4-20250514': '2026-06-15',
};

/** Current ids worth suggesting for a near miss when the key's own list is unavailable (reference/claude-api.md). */
export const CURRENT_MODELS: readonly string[] = ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-sonnet-4-6', 'claude-haiku-4-5'];
