import { afterEach, describe, expect, it } from 'vitest';
import {
  botProcess,
  DAY,
  FakeChannel,
  FakeClock,
  HOUR,
  newArticle,
  saveDigest,
  tempDatabase,
} from './support.js';

const files: { cleanup(): void }[] = [];
afterEach(() => files.splice(0).forEach((f) => f.cleanup()));

/** The bot starts at `startIso`; the digest (08:00 Europe/Berlin = 07:00Z in March) has existed for days. */
function startAt(startIso: string, overrides: Parameters<typeof botProcess>[3] = {}) {
  const file = tempDatabase();
  files.push(file);
  const clock = new FakeClock(startIso);
  const channel = new FakeChannel(clock.now);
  const bot = botProcess(file.open(), clock, channel, overrides);
  saveDigest(bot.digests, { scheduleFrom: Date.parse('2026-03-20T00:00:00Z') });
  bot.articles.upsert(newArticle(clock.now(), 'Harbour'));
  return { clock, channel, bot };
}
const today = { guildId: 'g1', digestId: 'morning', localDate: '2026-03-27' };

describe('catch-up after downtime', () => {
  it('within the 2 h grace after the missed time: posts once at start, marked late', async () => {
    const { clock, channel, bot } = startAt('2026-03-27T08:30:00Z'); // 09:30 local, 1 h 30 late
    bot.scheduler.start();
    await clock.advance(HOUR);
    expect(channel.messages).toHaveLength(1);
    expect(channel.messages[0]!.meta).toMatchObject({
      late: true,
      localDate: '2026-03-27',
      scheduledAt: Date.parse('2026-03-27T07:00:00Z'),
    });
    expect(channel.messages[0]!.at).toBe(Date.parse('2026-03-27T08:30:00Z'));
    expect(bot.ledger.get(today)).toMatchObject({ status: 'posted', late: true });
  });

  it('just inside the grace (1 h 59) still posts; a start right on time is not late', async () => {
    const inside = startAt('2026-03-27T08:59:00Z');
    inside.bot.scheduler.start();
    await inside.clock.advance(1000);
    expect(inside.channel.messages).toHaveLength(1);
    const onTime = startAt('2026-03-27T07:00:30Z');
    onTime.bot.scheduler.start();
    await onTime.clock.advance(1000);
    expect(onTime.channel.messages[0]!.meta.late).toBe(false);
  });

  it('beyond the grace: skips that date, records why, and posts normally the next day', async () => {
    const { clock, channel, bot } = startAt('2026-03-27T09:30:00Z'); // 10:30 local, 2 h 30 late
    bot.scheduler.start();
    await clock.advance(HOUR);
    expect(channel.attempts).toHaveLength(0);
    expect(bot.ledger.get(today)).toMatchObject({
      status: 'skipped',
      reason: 'bot was down at 08:00, beyond the 2 h grace',
    });
    await clock.advanceTo('2026-03-28T07:00:00Z');
    expect(channel.messages.map((m) => m.meta.localDate)).toEqual(['2026-03-28']);
    // The skipped day's articles are not lost: the next digest covers everything since the last success (first run: 24 h).
    expect(bot.writer.calls[0]!.articles).toHaveLength(1);
  });

  it('records every earlier missed date (back to when the digest was set) as skipped, once', async () => {
    const { clock, bot } = startAt('2026-03-27T09:30:00Z');
    bot.scheduler.start();
    await clock.advance(1000);
    const rows = bot.ledger.latest('g1', 'morning', 20);
    expect(rows.map((r) => `${r.localDate} ${r.status}`)).toEqual([
      '2026-03-27 skipped',
      '2026-03-26 skipped',
      '2026-03-25 skipped',
      '2026-03-24 skipped',
      '2026-03-23 skipped',
      '2026-03-22 skipped',
      '2026-03-21 skipped',
      '2026-03-20 skipped',
    ]);
  });

  it('honours DIGEST_GRACE', async () => {
    const { clock, channel, bot } = startAt('2026-03-27T07:45:00Z', { graceMs: 30 * 60_000 });
    bot.scheduler.start();
    await clock.advance(1000);
    expect(channel.attempts).toHaveLength(0);
    expect(bot.ledger.get(today)?.reason).toBe('bot was down at 08:00, beyond the 30 min grace');
  });

  it('a time set after today’s time has passed starts tomorrow, not as a late run', async () => {
    const { clock, channel, bot } = startAt('2026-03-27T09:00:00Z');
    bot.digests.save({ ...bot.digests.get('g1', 'morning')!, scheduleFrom: clock.now() });
    bot.scheduler.start();
    await clock.advance(DAY - 2 * HOUR + 1000);
    expect(channel.messages.map((m) => `${m.meta.localDate} late=${m.meta.late}`)).toEqual([
      '2026-03-28 late=false',
    ]);
    expect(bot.ledger.get(today)).toBeNull();
  });
});
