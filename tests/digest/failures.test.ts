import { afterEach, describe, expect, it } from 'vitest';
import { DigestManager } from '../../src/digest/digest-manager.js';
import { PostError } from '../../src/digest/poster.js';
import {
  botProcess,
  FakeChannel,
  FakeClock,
  fakeWriter,
  newArticle,
  saveDigest,
  tempDatabase,
} from './support.js';

const files: { cleanup(): void }[] = [];
afterEach(() => files.splice(0).forEach((f) => f.cleanup()));

function setup(overrides: Parameters<typeof botProcess>[3] = {}) {
  const file = tempDatabase();
  files.push(file);
  const clock = new FakeClock('2026-03-27T06:50:00Z');
  const channel = new FakeChannel(clock.now);
  const bot = botProcess(file.open(), clock, channel, overrides);
  bot.articles.upsert(newArticle(clock.now(), 'Harbour'));
  return { clock, channel, bot };
}
const on = (localDate: string, digestId = 'morning') => ({ guildId: 'g1', digestId, localDate });
/** Discord's answer to a send into a channel the bot can no longer see, as discord.js reports it. */
const discordError = (code: number, status: number, message: string) =>
  Object.assign(new Error(message), { code, status });

describe('when Discord refuses or things break', () => {
  it('403 Missing Access: the digest is paused with the reason, never retried, and /digest resume re-enables it', async () => {
    const { clock, channel, bot } = setup();
    saveDigest(bot.digests);
    channel.behave = () => discordError(50001, 403, 'Missing Access');
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T09:00:00Z');
    expect(channel.attempts).toHaveLength(1);
    expect(bot.digests.get('g1', 'morning')!.paused).toMatchObject({
      reason: 'missing_access',
      detail: 'Missing Access',
    });
    expect(bot.ledger.get(on('2026-03-27'))).toMatchObject({
      status: 'failed',
      retryable: false,
      reason: 'missing access: Missing Access',
    });
    await clock.advanceTo('2026-03-29T09:00:00Z');
    expect(channel.attempts).toHaveLength(1); // no retry, no run while disabled

    channel.behave = () => 'ok';
    const manager = new DigestManager({
      digests: bot.digests,
      ledger: bot.ledger,
      find: () => [],
      write: bot.writer.write,
      now: clock.now,
      onChange: () => bot.scheduler.refresh(),
    });
    manager.resume('g1', 'morning');
    bot.articles.upsert(newArticle(clock.now(), 'Election'));
    await clock.advanceTo('2026-03-30T07:00:00Z');
    expect(channel.messages.map((m) => m.meta.localDate)).toEqual(['2026-03-30']);
  });

  it('10003 Unknown Channel (and 404) pauses as "channel gone"', async () => {
    const { clock, channel, bot } = setup();
    saveDigest(bot.digests);
    saveDigest(bot.digests, { id: 'evening', name: 'evening' });
    channel.behave = (digest) =>
      digest.id === 'morning'
        ? discordError(10003, 404, 'Unknown Channel')
        : discordError(0, 404, 'Not Found');
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T08:00:00Z');
    expect(bot.digests.get('g1', 'morning')!.paused?.reason).toBe('channel_gone');
    expect(bot.digests.get('g1', 'evening')!.paused?.reason).toBe('channel_gone');
  });

  it('a send that failed ambiguously is re-sent once, soon, with the same nonce (inside Discord’s duplicate guard)', async () => {
    const { clock, channel, bot } = setup();
    saveDigest(bot.digests);
    let failures = 1;
    channel.behave = () => (failures-- > 0 ? new Error('socket hang up') : 'ok');
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:10Z');
    expect(bot.ledger.get(on('2026-03-27'))).toMatchObject({
      status: 'failed',
      retryable: true,
      reason: expect.stringContaining('socket hang up') as unknown,
    });
    await clock.advanceTo('2026-03-27T07:02:00Z');
    expect(channel.messages).toHaveLength(1);
    expect(channel.attempts).toHaveLength(2);
    expect(channel.attempts[1]!.meta.nonce).toBe(channel.attempts[0]!.meta.nonce);
    expect(channel.attempts[1]!.at - channel.attempts[0]!.at).toBeLessThanOrEqual(2 * 60_000);
    expect(bot.ledger.get(on('2026-03-27'))).toMatchObject({ status: 'posted', attempts: 2 });
  });

  it('a send failure not retried in time is never re-sent after the nonce window (no duplicate)', async () => {
    const { clock, channel, bot } = setup();
    saveDigest(bot.digests);
    channel.behave = () => 'deliver_then_hang';
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:01Z');
    channel.behave = () => new Error('socket hang up');
    await clock.advanceTo('2026-03-27T09:00:00Z');
    expect(channel.messages).toHaveLength(1);
  });

  it('a transient failure twice: failed, and no third attempt', async () => {
    const { clock, channel, bot } = setup();
    saveDigest(bot.digests);
    channel.behave = () => new PostError('transient', 'Discord 503');
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T10:00:00Z');
    expect(channel.attempts).toHaveLength(2);
    expect(bot.ledger.get(on('2026-03-27'))).toMatchObject({ status: 'failed', attempts: 2 });
    expect(bot.digests.get('g1', 'morning')!.paused).toBeNull();
  });

  it('a throwing job (store read, writer, bad stored zone) never stops the scheduler: the others post, and it goes on the next day', async () => {
    const { clock, channel, bot } = setup({
      find: (o) => {
        if (o.topic === 'boom') throw new Error('disk I/O error');
        return [];
      },
    });
    // `find` above only serves the failing digest; the healthy one gets the quiet-day note.
    saveDigest(bot.digests, { id: 'broken', name: 'broken', topic: 'boom' });
    saveDigest(bot.digests, { id: 'badzone', name: 'badzone', timezone: 'Not/AZone' });
    saveDigest(bot.digests, { id: 'healthy', name: 'healthy', quietNote: true });
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T08:00:00Z');
    expect(channel.messages.map((m) => m.digestId)).toEqual(['healthy']);
    expect(bot.ledger.get(on('2026-03-27', 'broken'))).toMatchObject({
      status: 'failed',
      reason: 'internal error: disk I/O error',
    });
    expect(
      bot.log.lines.some(
        (l) => l.msg === 'digest scheduling failed; the others go on' && l.digestId === 'badzone',
      ),
    ).toBe(true);
    await clock.advanceTo('2026-03-28T08:00:00Z');
    expect(channel.messages.map((m) => m.digestId)).toEqual(['healthy', 'healthy']);
  });

  it('a writer that throws gives a failed run with the reason, retried once', async () => {
    const { clock, channel, bot } = setup({
      write: async () => {
        throw new Error('LLM exploded');
      },
    });
    saveDigest(bot.digests);
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T09:00:00Z');
    expect(channel.attempts).toHaveLength(0);
    expect(bot.ledger.get(on('2026-03-27'))).toMatchObject({
      status: 'failed',
      attempts: 2,
      reason: 'the briefing could not be written: LLM exploded',
    });
  });

  it('one slow digest never delays another: they run concurrently, and the slow one times out', async () => {
    const fast = fakeWriter(() => 0);
    const { clock, channel, bot } = setup({
      write: (articles, options) =>
        options.topic === 'slow' ? new Promise(() => {}) : fast.write(articles, options),
    });
    saveDigest(bot.digests, { id: 'slow', name: 'slow', topic: 'slow' });
    saveDigest(bot.digests, { id: 'fast', name: 'fast' });
    bot.articles.upsert(newArticle(clock.now(), 'slow'));
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:00Z');
    expect(channel.messages.map((m) => `${m.digestId} ${new Date(m.at).toISOString()}`)).toEqual([
      'fast 2026-03-27T07:00:00.000Z',
    ]);
    await clock.advanceTo('2026-03-27T07:05:00Z');
    expect(bot.ledger.get(on('2026-03-27', 'slow'))).toMatchObject({
      status: 'failed',
      reason: 'the briefing could not be written: writing the briefing took longer than 300 s',
    });
  });
});
