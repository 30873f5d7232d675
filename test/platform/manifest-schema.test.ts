import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

// Slack's published manifest schema (slackapi/manifest-schema, MIT), kept in the repo so the test runs offline.
const schema = JSON.parse(readFileSync(new URL('../fixtures/slack-manifest.schema.json', import.meta.url), 'utf8'));
const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'));

describe('manifest.yml', () => {
  it("validates against Slack's manifest schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('declares the least scopes the features need, and Socket Mode by default', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect(scopes).toEqual(expect.arrayContaining(['commands', 'chat:write', 'app_mentions:read', 'im:history']));
    // Nothing that reads channels or users beyond what the features need (channel history: the alert landing check;
    // users:read: whether the user asking for a pause is a workspace admin, when ADMIN_USER_IDS is empty).
    expect(scopes.filter((s) => /history|read/.test(s)).sort()).toEqual(['app_mentions:read', 'channels:history', 'groups:history', 'im:history', 'users:read']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('is rejected by the schema when broken (the validation can fail)', () => {
    const ajv = new Ajv({ strict: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const validate = ajv.compile(schema);
    expect(validate({ ...manifest, display_information: { name: '' } })).toBe(false);
  });
});
