import { describe, expect, it } from 'vitest';
import { parseStatusCommand } from '../../../src/slack/status/parse-status-command.js';

describe('parseStatusCommand', () => {
  it('reads the full report, ephemeral by default, public on request', () => {
    expect(parseStatusCommand('')).toEqual({ kind: 'report', section: 'all', visibility: 'ephemeral', force: false });
    expect(parseStatusCommand(' PUBLIC ')).toMatchObject({ kind: 'report', visibility: 'in_channel' });
    expect(parseStatusCommand('models public refresh')).toEqual({ kind: 'report', section: 'models', visibility: 'in_channel', force: true });
  });

  it('maps each subcommand to its section', () => {
    for (const [word, section] of [['key', 'key'], ['models', 'models'], ['limits', 'limits'], ['breaker', 'breaker'], ['incidents', 'incidents']]) {
      expect(parseStatusCommand(word!)).toMatchObject({ kind: 'report', section });
    }
  });

  it('keeps the pasted error of explain verbatim', () => {
    const error = 'Error: 429 {"type":"error","error":{"type":"rate_limit_error"}}\n  at X';
    expect(parseStatusCommand(`explain ${error}`)).toEqual({ kind: 'explain', text: error, visibility: 'ephemeral' });
    expect(parseStatusCommand('public explain 529')).toMatchObject({ kind: 'explain', visibility: 'in_channel' });
  });

  it('answers help for help, and for an unknown word names it', () => {
    expect(parseStatusCommand('help')).toEqual({ kind: 'help' });
    expect(parseStatusCommand('stauts')).toEqual({ kind: 'help', unknown: 'stauts' });
    expect(parseStatusCommand('history')).toEqual({ kind: 'history', visibility: 'ephemeral' });
    expect(parseStatusCommand('Pause')).toEqual({ kind: 'monitor', action: 'pause' });
  });
});
