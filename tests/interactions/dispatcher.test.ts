import { SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Command, CommandContext, Reply } from '../../src/interactions/command.js';
import { Dispatcher, type RawInvocation, type Responder } from '../../src/interactions/dispatcher.js';
import { UserFacingError } from '../../src/errors.js';
import { recordingLogger } from '../support/app-fixtures.js';

class RecordingResponder implements Responder {
  readonly events: string[] = [];
  async defer(ephemeral: boolean) {
    this.events.push(`defer:${ephemeral ? 'ephemeral' : 'public'}`);
  }
  async reply(reply: Reply) {
    this.events.push(`reply:${reply.kind === 'text' ? reply.text : 'briefing'}`);
  }
  async fail(message: string) {
    this.events.push(`fail:${message}`);
  }
}

function command(execute: Command['execute'], defer?: Command['defer']): Command {
  const data = new SlashCommandBuilder()
    .setName('probe')
    .setDescription('test')
    .addBooleanOption((o) => o.setName('private').setDescription('x'));
  return { data, execute, ...(defer ? { defer } : {}) };
}

function raw(options: Record<string, string | boolean> = {}): RawInvocation {
  return {
    id: 'i1',
    commandName: 'probe',
    subcommand: null,
    rawOptions: options,
    userId: 'u',
    userName: 'u',
    guildId: 'g',
    channelId: 'c',
    locale: 'en-US',
    memberPermissions: 0n,
  };
}

function setup(cmd: Command) {
  const log = recordingLogger('info');
  const ctx = { logger: log.logger } as unknown as CommandContext;
  return { dispatcher: new Dispatcher(new Map([['probe', cmd]]), ctx, log.logger), log };
}

describe('Dispatcher', () => {
  it('drains: work in flight finishes and is waited for, new commands are told to retry without running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const { dispatcher } = setup(
      command(async () => {
        runs += 1;
        await gate;
        return { kind: 'text', text: 'done', ephemeral: false };
      }),
    );
    const first = new RecordingResponder();
    const running = dispatcher.run(raw(), first);
    await Promise.resolve();
    expect(dispatcher.busy).toBe(1);
    dispatcher.drain();
    const late = new RecordingResponder();
    await dispatcher.run(raw(), late);
    expect(late.events).toEqual(['fail:newsdesk is restarting. Please try again in a minute.']);
    expect(runs).toBe(1);
    expect(await dispatcher.idle(20)).toBe(false);
    release();
    expect(await dispatcher.idle(1_000)).toBe(true);
    await running;
    expect(first.events).toEqual(['defer:public', 'reply:done']);
    expect(dispatcher.busy).toBe(0);
  });

  it('defers before running the command, per the command’s policy', async () => {
    const responder = new RecordingResponder();
    const { dispatcher } = setup(
      command(
        async () => {
          responder.events.push('execute');
          return { kind: 'text', text: 'ok', ephemeral: false };
        },
        (o) => (o.getBoolean('private') ? 'ephemeral' : 'public'),
      ),
    );
    await dispatcher.run(raw({ private: 'true' }), responder);
    expect(responder.events).toEqual(['defer:ephemeral', 'execute', 'reply:ok']);
  });

  it('shows a UserFacingError as it is', async () => {
    const responder = new RecordingResponder();
    const { dispatcher } = setup(
      command(async () => {
        throw new UserFacingError('Nothing matches.');
      }),
    );
    await dispatcher.run(raw(), responder);
    expect(responder.events).toEqual(['defer:public', 'fail:Nothing matches.']);
  });

  it('hides an internal error behind an error id that is also in the log', async () => {
    const responder = new RecordingResponder();
    const { dispatcher, log } = setup(
      command(async () => {
        throw new Error('database is locked at /secret/path');
      }),
    );
    await dispatcher.run(raw(), responder);
    const failure = responder.events[1]!;
    const id = /error id ([A-Z0-9]{6})/.exec(failure)?.[1];
    expect(id).toBeDefined();
    expect(failure).not.toContain('database');
    const line = log.lines.find((l) => l.msg === 'command failed')!;
    expect(line).toMatchObject({ errorId: id, interactionId: 'i1' });
    expect(JSON.stringify(line)).toContain('database is locked');
  });

  it('refuses invalid options before deferring, and unknown commands', async () => {
    const responder = new RecordingResponder();
    const { dispatcher } = setup(command(async () => ({ kind: 'text', text: 'never', ephemeral: false })));
    await dispatcher.run(raw({ private: 'perhaps' }), responder);
    await dispatcher.run({ ...raw(), commandName: 'nope' }, responder);
    expect(responder.events).toEqual([
      'fail:Option `private` of /probe must be true or false.',
      'fail:Unknown command /nope. Commands: /probe.',
    ]);
  });

  it('gives no suggestions, rather than an error, when autocomplete throws', async () => {
    const cmd = command(async () => ({ kind: 'text', text: '', ephemeral: false }));
    cmd.autocomplete = () => {
      throw new Error('boom');
    };
    const { dispatcher } = setup(cmd);
    expect(await dispatcher.autocomplete(raw(), { name: 'topic', value: 'x' })).toEqual([]);
  });

  it('suggests while required options are still missing (the member is typing)', async () => {
    const data = new SlashCommandBuilder()
      .setName('probe')
      .setDescription('t')
      .addStringOption((o) => o.setName('zone').setDescription('z').setRequired(true).setAutocomplete(true))
      .addStringOption((o) => o.setName('time').setDescription('t').setRequired(true));
    const cmd: Command = {
      data,
      execute: async () => ({ kind: 'text', text: '', ephemeral: false }),
      autocomplete: (_i, focused) => [{ name: `${focused.value}/Berlin`, value: 'Europe/Berlin' }],
    };
    const { dispatcher } = setup(cmd);
    expect(await dispatcher.autocomplete(raw(), { name: 'zone', value: 'Europe' })).toEqual([
      { name: 'Europe/Berlin', value: 'Europe/Berlin' },
    ]);
  });

  it('caps autocomplete at 25 choices of at most 100 characters', async () => {
    const cmd = command(async () => ({ kind: 'text', text: '', ephemeral: false }));
    cmd.autocomplete = () =>
      Array.from({ length: 40 }, (_, i) => ({ name: `${'x'.repeat(150)}${i}`, value: `v${i}` }));
    const { dispatcher } = setup(cmd);
    const choices = await dispatcher.autocomplete(raw(), { name: 'topic', value: '' });
    expect(choices).toHaveLength(25);
    expect(Math.max(...choices.map((c) => c.name.length))).toBe(100);
  });
});
