import { PermissionFlagsBits as P } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import digestCommand from '../../commands/digest.js';
import { articlesSince } from '../../src/articles/store.js';
import { ArticleStore } from '../../src/articles/store.js';
import type { ChannelOps } from '../../src/interactions/channel-ops.js';
import type { CommandContext, Invocation, Reply } from '../../src/interactions/command.js';
import { Dispatcher, type RawInvocation, type Responder } from '../../src/interactions/dispatcher.js';
import { DigestManager } from '../../src/digest/digest-manager.js';
import { DigestStore } from '../../src/digest/digest-store.js';
import { RunLedger } from '../../src/digest/run-ledger.js';
import { recordingLogger } from '../support/app-fixtures.js';
import { FakeClock, fakeWriter, newArticle, tempDatabase } from './support.js';

const files: { cleanup(): void }[] = [];
afterEach(() => files.splice(0).forEach((f) => f.cleanup()));

const ADMIN = P.ManageGuild | P.ViewChannel | P.SendMessages;
const CHANNEL = '111111111111111111';
const OTHER_GUILD_CHANNEL = '222222222222222222';

class Answers implements Responder {
  readonly replies: Reply[] = [];
  readonly failures: string[] = [];
  async defer() {}
  async reply(reply: Reply) {
    this.replies.push(reply);
  }
  async fail(message: string) {
    this.failures.push(message);
  }
}

function setup(
  botPermissions = P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory | P.PinMessages,
) {
  const file = tempDatabase();
  files.push(file);
  const db = file.open();
  const clock = new FakeClock('2026-03-27T06:00:00Z');
  const articles = new ArticleStore({ db, now: clock.now });
  const digests = new DigestStore(db);
  const ledger = new RunLedger(db);
  const writer = fakeWriter(clock.now);
  const service = new DigestManager({
    digests,
    ledger,
    find: (o) => articlesSince(db, o),
    write: writer.write,
    now: clock.now,
    maxPerGuild: 2,
  });
  const channels = {
    botUserId: 'bot',
    channel: (id: string) =>
      id === CHANNEL
        ? { id, guildId: 'g1', name: 'news', textBased: true }
        : id === OTHER_GUILD_CHANNEL
          ? { id, guildId: 'g2', name: 'x', textBased: true }
          : null,
    permissions: () => botPermissions,
  } as unknown as ChannelOps;
  const ctx = {
    logger: recordingLogger().logger,
    channels,
    pins: null,
    topicSuggestions: () => [],
    digests: service,
  } as unknown as CommandContext;
  const dispatcher = new Dispatcher(new Map([['digest', digestCommand]]), ctx, recordingLogger().logger);
  const run = async (
    subcommand: string,
    rawOptions: Record<string, string | boolean> = {},
    memberPermissions: bigint | null = ADMIN,
  ) => {
    const raw: RawInvocation = {
      id: 'i1',
      commandName: 'digest',
      subcommand,
      rawOptions,
      userId: 'u1',
      userName: 'Ada',
      guildId: 'g1',
      channelId: CHANNEL,
      locale: 'en-GB',
      memberPermissions,
    };
    const answers = new Answers();
    await dispatcher.run(raw, answers);
    return answers;
  };
  return { run, service, ledger, articles, clock, writer, ctx };
}

const text = (a: Answers) => (a.replies[0]?.kind === 'text' ? a.replies[0].text : (a.failures[0] ?? ''));

describe('/digest', () => {
  it('is hidden from members without Manage Server, and refuses them at run time too', async () => {
    expect(digestCommand.data.toJSON().default_member_permissions).toBe(String(P.ManageGuild));
    const { run } = setup();
    const answers = await run('list', {}, P.ViewChannel | P.SendMessages);
    expect(answers.failures).toEqual(['You need the Manage Server permission to manage digests.']);
    expect((await run('list', {}, P.Administrator)).failures).toEqual([]);
  });

  it('set, then list: channel, local time and zone, topic, next run as Discord timestamps, last run', async () => {
    const { run } = setup();
    const set = await run('set', {
      channel: CHANNEL,
      time: '8:00',
      timezone: 'europe/berlin',
      topic: 'climate',
      name: 'Morning',
    });
    expect(text(set)).toContain('Created digest **Morning** (`morning`)');
    expect(text(set)).toContain('every day at 08:00 (Europe/Berlin)');
    const next = Math.floor(Date.parse('2026-03-27T07:00:00Z') / 1000);
    expect(text(set)).toContain(`<t:${next}:f> (<t:${next}:R>)`);
    const list = text(await run('list'));
    expect(list).toContain(`<#${CHANNEL}>`);
    expect(list).toContain('topic “climate”');
    expect(list).toContain(`Next: <t:${next}:f> (<t:${next}:R>)`);
    expect(list).toContain('Last: no run yet');
    expect(set.replies[0]!.ephemeral).toBe(true);
  });

  it('refuses a wrong time or zone with an example of a right one', async () => {
    const { run } = setup();
    expect(text(await run('set', { channel: CHANNEL, time: '25:00', timezone: 'UTC' }))).toMatch(
      /is not a time of day.*`08:00`/,
    );
    expect(text(await run('set', { channel: CHANNEL, time: '08:00', timezone: 'Atlantis' }))).toMatch(
      /not a time zone I know.*`Europe\/Berlin`/,
    );
    expect(text(await run('set', { channel: CHANNEL, time: '08:00', timezone: 'CST' }))).toMatch(
      /could mean `America\/Chicago`, `Asia\/Shanghai` or `America\/Havana`\. Pick one/,
    );
  });

  it('timezone:Berlin schedules Europe/Berlin and says so', async () => {
    const { run, service } = setup();
    const set = text(await run('set', { channel: CHANNEL, time: '08:00', timezone: 'Berlin' }));
    expect(set).toContain('every day at 08:00 (Europe/Berlin)');
    expect(set).toContain('Time zone: Berlin → Europe/Berlin.');
    expect(service.find('g1', 'daily')?.timezone).toBe('Europe/Berlin');
    expect(text(await run('set', { channel: CHANNEL, time: '08:00', timezone: 'new york' }))).toContain(
      'Time zone: new york → America/New\\_York.',
    );
    const next = Math.floor(Date.parse('2026-03-27T07:00:00Z') / 1000);
    expect(set).toContain(`<t:${next}:f>`);
    expect(
      text(await run('set', { channel: CHANNEL, time: '08:00', timezone: 'Europe/Berlin' })),
    ).not.toContain('Time zone:');
  });

  it('checks the channel and the bot’s permissions there', async () => {
    expect(
      text(await setup().run('set', { channel: '333333333333333333', time: '08:00', timezone: 'UTC' })),
    ).toMatch(/can't find/);
    expect(
      text(await setup().run('set', { channel: OTHER_GUILD_CHANNEL, time: '08:00', timezone: 'UTC' })),
    ).toMatch(/can't find/);
    expect(
      text(await setup(P.ViewChannel).run('set', { channel: CHANNEL, time: '08:00', timezone: 'UTC' })),
    ).toMatch(/missing Send Messages and Embed Links/);
    expect(
      text(
        await setup(P.ViewChannel | P.SendMessages | P.EmbedLinks).run('set', {
          channel: CHANNEL,
          time: '08:00',
          timezone: 'UTC',
          pin: true,
        }),
      ),
    ).toMatch(/Pin Messages/);
  });

  it('keeps to DIGEST_MAX_PER_GUILD, and setting an existing name updates it', async () => {
    const { run } = setup();
    await run('set', { channel: CHANNEL, time: '08:00', timezone: 'UTC', name: 'a' });
    await run('set', { channel: CHANNEL, time: '09:00', timezone: 'UTC', name: 'b' });
    expect(text(await run('set', { channel: CHANNEL, time: '10:00', timezone: 'UTC', name: 'c' }))).toMatch(
      /already has 2 digests/,
    );
    expect(text(await run('set', { channel: CHANNEL, time: '10:00', timezone: 'UTC', name: 'A' }))).toMatch(
      /^Updated digest/,
    );
  });

  it('preview shows the briefing privately and marks nothing', async () => {
    const { run, articles, clock, ledger, writer } = setup();
    await run('set', { channel: CHANNEL, time: '08:00', timezone: 'UTC' });
    expect(text(await run('preview'))).toMatch(/Nothing new for \*\*daily\*\*.*it would post nothing/);
    articles.upsert(newArticle(clock.now(), 'Harbour'));
    const preview = await run('preview', { name: 'daily' });
    expect(preview.replies[0]).toMatchObject({ kind: 'briefing', ephemeral: true });
    expect(writer.calls).toHaveLength(1);
    expect(ledger.latest('g1', 'daily', 5)).toEqual([]);
  });

  it('pause, resume and remove, by name in any case', async () => {
    const { run, service } = setup();
    await run('set', { channel: CHANNEL, time: '08:00', timezone: 'UTC', name: 'Morning' });
    expect(text(await run('pause', { name: 'MORNING' }))).toContain('Paused digest **Morning**');
    expect(text(await run('list'))).toContain('paused by Ada');
    expect(service.list('g1')[0]!.nextRun).toBeNull();
    expect(text(await run('resume', { name: 'morning' }))).toMatch(
      /Resumed digest \*\*Morning\*\*. Next: <t:\d+:f>/,
    );
    expect(text(await run('remove', { name: 'evening' }))).toMatch(
      /No digest named “evening”. This server has `Morning`/,
    );
    expect(text(await run('remove', { name: 'Morning' }))).toBe('Removed digest **Morning**.');
    expect(text(await run('list'))).toMatch(/^No digests yet/);
  });

  it('autocompletes time zones and digest names', async () => {
    const { run, ctx } = setup();
    await run('set', { channel: CHANNEL, time: '08:00', timezone: 'UTC', name: 'Morning' });
    // Called directly: Dispatcher.autocomplete validates with no option values, which /digest set's required options refuse.
    const invocation = { guildId: 'g1' } as Invocation;
    expect(digestCommand.autocomplete(invocation, { name: 'timezone', value: 'berl' }, ctx)[0]).toEqual({
      name: 'Europe/Berlin',
      value: 'Europe/Berlin',
    });
    expect(digestCommand.autocomplete(invocation, { name: 'name', value: 'mor' }, ctx)).toEqual([
      { name: 'Morning', value: 'Morning' },
    ]);
    expect(digestCommand.autocomplete(invocation, { name: 'timezone', value: 'a' }, ctx)).toHaveLength(25);
  });
});
