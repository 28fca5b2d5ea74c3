import { afterEach, describe, expect, it } from 'vitest';
import {
  botProcess,
  FakeChannel,
  FakeClock,
  HOUR,
  MINUTE,
  newArticle,
  saveDigest,
  tempDatabase,
} from './support.js';

const files: { cleanup(): void }[] = [];
afterEach(() => files.splice(0).forEach((f) => f.cleanup()));

function setup(startIso: string, digest: Parameters<typeof saveDigest>[1] = {}) {
  const file = tempDatabase();
  files.push(file);
  const clock = new FakeClock(startIso);
  const channel = new FakeChannel(clock.now);
  const bot = botProcess(file.open(), clock, channel);
  saveDigest(bot.digests, digest);
  return { file, clock, channel, bot };
}

describe('DigestScheduler: on schedule', () => {
  it('posts once at the local time, then the next day covers only what came since', async () => {
    const { clock, channel, bot } = setup('2026-03-27T06:00:00Z');
    bot.articles.upsert(newArticle(clock.now(), 'Harbour'));
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T06:59:59Z');
    expect(channel.messages).toHaveLength(0);
    await clock.advanceTo('2026-03-27T07:00:00Z'); // 08:00 in Berlin (CET)
    expect(channel.messages).toHaveLength(1);
    expect(channel.messages[0]).toMatchObject({
      at: Date.parse('2026-03-27T07:00:00Z'),
      kind: 'briefing',
      meta: { late: false, localDate: '2026-03-27' },
    });
    await clock.advance(3 * HOUR);
    expect(channel.messages).toHaveLength(1);
    const run = bot.ledger.get({ guildId: 'g1', digestId: 'morning', localDate: '2026-03-27' });
    expect(run).toMatchObject({
      status: 'posted',
      messageId: 'm1',
      articleCount: 1,
      late: false,
      attempts: 1,
    });

    bot.articles.upsert(newArticle(clock.now(), 'Election'));
    await clock.advanceTo('2026-03-28T07:00:00Z');
    expect(channel.messages).toHaveLength(2);
    expect(bot.writer.calls[1]!.articles.map((a) => a.title)).toEqual([expect.stringContaining('Election')]);
    expect(bot.digests.get('g1', 'morning')!.lastSuccessAt).toBe(Date.parse('2026-03-28T07:00:00Z'));
  });

  it('nothing new: no post, and the ledger says so', async () => {
    const { clock, channel, bot } = setup('2026-03-27T06:00:00Z');
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T08:00:00Z');
    expect(channel.attempts).toHaveLength(0);
    expect(bot.writer.calls).toHaveLength(0);
    expect(bot.ledger.get({ guildId: 'g1', digestId: 'morning', localDate: '2026-03-27' })).toMatchObject({
      status: 'nothing_new',
      messageId: null,
    });
  });

  it('nothing new with the quiet-day note on: posts the note once, recorded as nothing new', async () => {
    const { clock, channel, bot } = setup('2026-03-27T06:00:00Z', { quietNote: true });
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T08:00:00Z');
    expect(channel.messages.map((m) => m.kind)).toEqual(['quiet']);
    expect(bot.ledger.get({ guildId: 'g1', digestId: 'morning', localDate: '2026-03-27' })).toMatchObject({
      status: 'nothing_new',
      messageId: 'm1',
      reason: 'quiet-day note posted',
    });
  });

  it('runs only the digests of servers this process holds (sharding)', async () => {
    const file = tempDatabase();
    files.push(file);
    const clock = new FakeClock('2026-03-27T06:00:00Z');
    const channelA = new FakeChannel(clock.now);
    const channelB = new FakeChannel(clock.now);
    const a = botProcess(file.open(), clock, channelA, { ownsGuild: (g) => g === 'g1' });
    const b = botProcess(file.open(), clock, channelB, { ownsGuild: (g) => g === 'g2' });
    saveDigest(a.digests, { guildId: 'g1', quietNote: true });
    saveDigest(a.digests, { guildId: 'g2', quietNote: true });
    saveDigest(a.digests, { guildId: 'g3', quietNote: true });
    a.scheduler.start();
    b.scheduler.start();
    await clock.advanceTo('2026-03-27T08:00:00Z');
    expect(channelA.messages.map((m) => m.guildId)).toEqual(['g1']);
    expect(channelB.messages.map((m) => m.guildId)).toEqual(['g2']);
    expect(a.ledger.get({ guildId: 'g3', digestId: 'morning', localDate: '2026-03-27' })).toBeNull();
  });

  it('calls afterPost (the pin seam) with the message id; a failing pin is noted and does not undo the post', async () => {
    const file = tempDatabase();
    files.push(file);
    const clock = new FakeClock('2026-03-27T06:00:00Z');
    const channel = new FakeChannel(clock.now);
    const pinned: string[] = [];
    const bot = botProcess(file.open(), clock, channel, {
      afterPost: (digest, messageId) => {
        if (digest.id === 'broken') throw new Error('250 pins already');
        pinned.push(`${digest.id}:${messageId}`);
      },
    });
    saveDigest(bot.digests, { pin: true });
    saveDigest(bot.digests, { id: 'broken', name: 'broken', pin: true });
    bot.articles.upsert(newArticle(clock.now(), 'Harbour'));
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T07:01:00Z');
    expect(channel.messages).toHaveLength(2);
    expect(pinned).toHaveLength(1);
    expect(bot.ledger.get({ guildId: 'g1', digestId: 'broken', localDate: '2026-03-27' })).toMatchObject({
      status: 'posted',
      reason: expect.stringContaining('pinning failed: 250 pins already') as unknown,
    });
  });

  it('picks up a digest set while running (refresh) and a change of time made in another process (periodic look)', async () => {
    const { file, clock, channel, bot } = setup('2026-03-27T06:00:00Z', {
      quietNote: true,
      time: '09:00',
      scheduleFrom: Date.parse('2026-03-27T06:00:00Z'),
    });
    bot.scheduler.start();
    await clock.advance(MINUTE);
    const other = botProcess(file.open(), clock, new FakeChannel(clock.now));
    other.digests.save({ ...other.digests.get('g1', 'morning')!, time: '08:30', scheduleFrom: clock.now() });
    await clock.advanceTo('2026-03-27T07:30:00Z'); // 08:30 local: seen within the 5 min look interval
    await clock.advance(5 * MINUTE);
    expect(channel.messages).toHaveLength(1);
    expect(channel.messages[0]!.at).toBeLessThanOrEqual(Date.parse('2026-03-27T07:35:00Z'));
    await clock.advanceTo('2026-03-27T09:00:00Z');
    expect(channel.messages).toHaveLength(1); // one per local date, even after the time changed
  });
});

describe('DigestScheduler: daylight saving', () => {
  it('Europe/Berlin 02:30 on spring-forward day 2026-03-29: one run, at 03:00 local', async () => {
    const { clock, channel, bot } = setup('2026-03-28T12:00:00Z', { time: '02:30', quietNote: true });
    bot.scheduler.start();
    await clock.advanceTo('2026-03-31T12:00:00Z');
    expect(channel.messages.map((m) => `${m.meta.localDate} ${new Date(m.at).toISOString()}`)).toEqual([
      '2026-03-29 2026-03-29T01:00:00.000Z',
      '2026-03-30 2026-03-30T00:30:00.000Z',
      '2026-03-31 2026-03-31T00:30:00.000Z',
    ]);
  });

  it('Europe/Berlin 02:30 on fall-back day 2026-10-25: one run, at the first 02:30', async () => {
    const { clock, channel, bot } = setup('2026-10-24T12:00:00Z', { time: '02:30', quietNote: true });
    bot.scheduler.start();
    await clock.advanceTo('2026-10-26T12:00:00Z');
    expect(channel.attempts.map((m) => new Date(m.at).toISOString())).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('America/New_York: 02:30 on 2026-03-08 runs at 03:00; 01:30 on 2026-11-01 runs once', async () => {
    const spring = setup('2026-03-07T12:00:00Z', {
      time: '02:30',
      timezone: 'America/New_York',
      quietNote: true,
    });
    spring.bot.scheduler.start();
    await spring.clock.advanceTo('2026-03-09T12:00:00Z');
    expect(spring.channel.attempts.map((m) => new Date(m.at).toISOString())).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);

    const fall = setup('2026-10-31T12:00:00Z', {
      time: '01:30',
      timezone: 'America/New_York',
      quietNote: true,
    });
    fall.bot.scheduler.start();
    await fall.clock.advanceTo('2026-11-02T12:00:00Z');
    expect(fall.channel.attempts.map((m) => `${m.meta.localDate} ${new Date(m.at).toISOString()}`)).toEqual([
      '2026-11-01 2026-11-01T05:30:00.000Z',
      '2026-11-02 2026-11-02T06:30:00.000Z',
    ]);
  });
});
