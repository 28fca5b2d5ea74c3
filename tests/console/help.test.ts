import { describe, expect, it } from 'vitest';
import { helpEntries, helpText } from '../../src/console/console-help.js';
import { resolveChannels } from '../../src/console/console-transport.js';
import { parseCommandLine } from '../../src/console/parse-line.js';
import { PRETEND_SERVER } from '../../src/console/pretend-server.js';
import { isSlashCommand } from '../../src/interactions/command.js';
import type { Dispatcher } from '../../src/interactions/dispatcher.js';
import { loadCommands } from '../../src/interactions/load-commands.js';
import { resolveOptions } from '../../src/interactions/options.js';

const commands = await loadCommands();
const json = [...commands.values()].map((c) => c.data.toJSON()).filter(isSlashCommand);
const dispatcher = { commands } as unknown as Dispatcher;

/** What the console does with a typed line before the dispatcher: parse, channel names to ids, validate. */
function accept(line: string) {
  const parsed = parseCommandLine(line);
  expect(parsed, line).not.toBeNull();
  if (parsed!.commandName === 'digest' && parsed!.subcommand === 'run') return parsed!;
  resolveChannels(dispatcher, parsed!);
  const command = json.find((c) => c.name === parsed!.commandName);
  expect(command, line).toBeDefined();
  return resolveOptions(command!, parsed!.subcommand, parsed!.rawOptions);
}

describe('console /help', () => {
  it('shows every command and subcommand in the syntax the console reads', () => {
    const text = helpText(json);
    expect(text).toContain('/article add url:https://');
    expect(text).toContain('/digest set channel:#news time:08:00 timezone:Europe/Berlin');
    expect(text).toContain('/digest run name:morning');
    expect(text).toMatch(/^\/briefing post$/m);
    expect(text).not.toMatch(/\[\w+:…\]|\/article \[add/);
  });

  it('lists only examples that parse and validate, with and without their optional options', () => {
    const entries = helpEntries(json);
    expect(entries.length).toBeGreaterThanOrEqual(14);
    for (const e of entries) {
      accept(e.usage);
      if (e.optional) accept(`${e.usage} ${e.optional}`);
    }
    const help = helpText(json);
    for (const line of help.split('\n').filter((l) => l.startsWith('/') && !l.startsWith('/help')))
      accept(line);
  });

  it('turns #news into the pretend channel’s id, as Discord sends it', () => {
    const options = accept('/briefing post channel:#news pin:true') as ReturnType<typeof resolveOptions>;
    expect(options.getId('channel')).toBe(PRETEND_SERVER.channels[1].id);
    expect(() => accept('/briefing post channel:#random')).toThrow(/no channel “#random”/);
  });
});
