import type { ModelInfo } from '../ports/claude-api.js';

/** The API's snake_case model object as the port's `ModelInfo`; absent fields stay absent. */
export function toModelInfo(model: {
  id: string;
  display_name?: string | null;
  lifecycle?: string | null;
  deprecated_at?: string | null;
  retires_at?: string | null;
  max_input_tokens?: number | null;
  max_tokens?: number | null;
}): ModelInfo {
  const info: ModelInfo = { id: model.id };
  if (model.display_name) info.displayName = model.display_name;
  if (model.lifecycle === 'active' || model.lifecycle === 'deprecated' || model.lifecycle === 'retired') info.lifecycle = model.lifecycle;
  if (model.deprecated_at !== undefined) info.deprecatedAt = model.deprecated_at;
  if (model.retires_at !== undefined) info.retiresAt = model.retires_at;
  if (typeof model.max_input_tokens === 'number') info.maxInputTokens = model.max_input_tokens;
  if (typeof model.max_tokens === 'number') info.maxTokens = model.max_tokens;
  return info;
}
