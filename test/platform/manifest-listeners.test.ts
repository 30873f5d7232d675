import { readFileSync } from 'node:fs';
import type { App } from '@slack/bolt';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerListeners, type ListenerDeps } from '../../src/slack/register-listeners.js';
import { createManualClock } from '../fakes/manual-clock.js';

const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'));

/** An App that only records what is registered on it: enough to compare the code's surfaces with the manifest. */
function recordingApp() {
  const seen = { commands: [] as string[], shortcuts: [] as string[], events: [] as string[], actions: [] as string[] };
  const app = {
    command: (name: string) => seen.commands.push(name),
    shortcut: (c: { callback_id: string }) => seen.shortcuts.push(c.callback_id),
    event: (name: string) => seen.events.push(name),
    action: (id: string | { action_id: string }) => seen.actions.push(typeof id === 'string' ? id : id.action_id),
    error: () => undefined,
  };
  return { app: app as unknown as App, seen };
}

const never = () => Promise.reject(new Error('not called'));
const deps = (alerts: boolean): ListenerDeps => {
  const logger = pino({ level: 'silent' });
  const clock = createManualClock();
  const limit = { take: () => ({ ok: true as const }) };
  return {
    status: { status: { report: never }, limit, logger },
    explain: { explainer: { explain: never }, limit, logger },
    home: { load: never, clock, logger },
    alerts: alerts ? { monitor: { acknowledge: never, snooze: never, runOnce: never, isPaused: never }, adminUserIds: [], clock, logger } : undefined,
  };
};

describe('manifest.yml declares exactly what the code handles', () => {
  const { app, seen } = recordingApp();
  registerListeners(app, deps(true));
  // The Events API `message` listener receives DMs: the manifest subscribes to `message.im` only (not channels).
  const events = seen.events.map((e) => (e === 'message' ? 'message.im' : e));

  it('every slash command, both ways', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command).sort()).toEqual([...new Set(seen.commands)].sort());
  });

  it('every shortcut, both ways', () => {
    expect(manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id).sort()).toEqual([...new Set(seen.shortcuts)].sort());
  });

  it('every bot event, both ways', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...new Set(events)].sort());
  });

  it('interactivity is on because the code handles buttons and shortcuts', () => {
    expect(seen.actions.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });
});
