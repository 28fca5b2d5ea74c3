import { SlashCommandBuilder } from '@discordjs/builders';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/errors.js';
import type { ButtonInvocation, Command, CommandContext } from '../../src/interactions/command.js';
import { Dispatcher, type RawInvocation, type Responder } from '../../src/interactions/dispatcher.js';
import type { Metrics } from '../../src/metrics/metrics.js';
import { recordingLogger } from '../support/app-fixtures.js';

class QuietResponder implements Responder {
  async defer() {}
  async reply() {}
  async fail() {}
}

function recordingMetrics() {
  const seen: { command: string; outcome: string; seconds: number }[] = [];
  const metrics = {
    interaction: (command: string, outcome: string, seconds: number) =>
      void seen.push({ command, outcome, seconds }),
  } as unknown as Metrics;
  return { metrics, seen };
}

const raw = (commandName: string): RawInvocation => ({
  id: 'i1',
  commandName,
  subcommand: null,
  rawOptions: {},
  userId: 'u',
  userName: 'u',
  guildId: 'g',
  channelId: 'c',
  locale: 'en-US',
  memberPermissions: 0n,
});

function probe(execute: Command['execute']): Command {
  return {
    data: new SlashCommandBuilder().setName('probe').setDescription('test'),
    execute,
    buttons: {
      pin: { defer: 'ephemeral', execute: async () => ({ kind: 'text', text: 'ok', ephemeral: true }) },
    },
  };
}

describe('Dispatcher metrics', () => {
  it('counts each answered interaction by command and outcome, with the time to the answer', async () => {
    const { metrics, seen } = recordingMetrics();
    let mode: 'ok' | 'refuse' | 'crash' = 'ok';
    const command = probe(async () => {
      if (mode === 'refuse') throw new UserFacingError('Nothing matches.');
      if (mode === 'crash') throw new Error('boom');
      await new Promise((r) => setTimeout(r, 30));
      return { kind: 'text', text: 'ok', ephemeral: false };
    });
    const log = recordingLogger();
    const ctx = { logger: log.logger } as unknown as CommandContext;
    const dispatcher = new Dispatcher(new Map([['probe', command]]), ctx, log.logger, metrics);
    await dispatcher.run(raw('probe'), new QuietResponder());
    mode = 'refuse';
    await dispatcher.run(raw('probe'), new QuietResponder());
    mode = 'crash';
    await dispatcher.run(raw('probe'), new QuietResponder());
    await dispatcher.run(raw('made-up-by-a-member'), new QuietResponder());
    expect(seen.map(({ command, outcome }) => `${command}:${outcome}`)).toEqual([
      'probe:ok',
      'probe:refused',
      'probe:error',
      'unknown:refused',
    ]);
    expect(seen[0]!.seconds).toBeGreaterThanOrEqual(0.025);
    expect(seen[0]!.seconds).toBeLessThan(5);
  });

  it('counts button presses as command:action, unknown buttons as unknown', async () => {
    const { metrics, seen } = recordingMetrics();
    const command = probe(async () => ({ kind: 'text', text: 'ok', ephemeral: true }));
    const log = recordingLogger();
    const dispatcher = new Dispatcher(
      new Map([['probe', command]]),
      { logger: log.logger } as unknown as CommandContext,
      log.logger,
      metrics,
    );
    const press: ButtonInvocation = {
      id: 'b1',
      commandName: 'probe',
      action: 'pin',
      arg: null,
      userId: 'u',
      userName: 'u',
      guildId: 'g',
      channelId: 'c',
      memberPermissions: 0n,
      message: { id: 'm', ephemeral: false, payload: { embeds: [] } },
    };
    await dispatcher.button(press, new QuietResponder());
    await dispatcher.button({ ...press, action: 'typed-by-someone' }, new QuietResponder());
    expect(seen.map(({ command, outcome }) => `${command}:${outcome}`)).toEqual([
      'probe:pin:ok',
      'unknown:refused',
    ]);
  });
});
