import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import briefing from '../../commands/briefing.js';
import news from '../../commands/news.js';
import type { BriefingPins } from '../../src/interactions/briefing-pins.js';
import type { ButtonInvocation, Command, CommandContext, Reply } from '../../src/interactions/command.js';
import { Dispatcher, type Responder } from '../../src/interactions/dispatcher.js';
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

function setup() {
  const log = recordingLogger('info');
  const pins = {
    checkPermissions: () => undefined,
  } as unknown as BriefingPins;
  const ctx = { logger: log.logger, pins, channels: null } as unknown as CommandContext;
  const commands = new Map<string, Command>([
    ['briefing', briefing],
    ['news', news],
  ]);
  return { dispatcher: new Dispatcher(commands, ctx, log.logger), log };
}

describe('a member’s mistake in /news and /briefing', () => {
  it('/briefing outside a server channel: the member reads why, no error id, nothing logged as a failure', async () => {
    const { dispatcher, log } = setup();
    const responder = new RecordingResponder();
    await dispatcher.run(
      {
        id: 'i1',
        commandName: 'briefing',
        subcommand: 'post',
        rawOptions: {},
        userId: 'u',
        userName: 'u',
        guildId: null,
        channelId: null,
        locale: undefined,
        memberPermissions: PermissionFlagsBits.PinMessages,
      },
      responder,
    );
    expect(responder.events).toEqual(['fail:/briefing used outside a server channel']);
    expect(log.lines.some((l) => l.msg === 'command failed')).toBe(false);
  });

  it('the Post in channel button outside a server channel: the member reads why, no error id', async () => {
    const { dispatcher, log } = setup();
    const responder = new RecordingResponder();
    const press: ButtonInvocation = {
      id: 'i2',
      commandName: 'news',
      action: 'post',
      arg: null,
      userId: 'u',
      userName: 'u',
      guildId: null,
      channelId: null,
      memberPermissions: PermissionFlagsBits.PinMessages,
      message: { id: 'm1', ephemeral: true, payload: { embeds: [] } },
    };
    await dispatcher.button(press, responder);
    expect(responder.events).toEqual(['fail:"Post in channel" pressed outside a server channel']);
    expect(log.lines.some((l) => l.msg === 'command failed')).toBe(false);
  });
});
