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

describe('DigestScheduler.runNow (the console’s /digest run)', () => {
  it('posts the next run now, as if due; the schedule moves past that date; a second run finds nothing new', async () => {
    const file = tempDatabase();
    files.push(file);
    const clock = new FakeClock('2026-03-27T09:00:00Z'); // after 08:00 in Berlin: the next run is tomorrow
    const channel = new FakeChannel(clock.now);
    const bot = botProcess(file.open(), clock, channel);
    saveDigest(bot.digests, {});
    bot.articles.upsert(newArticle(clock.now(), 'Harbour'));
    bot.scheduler.start();
    await bot.scheduler.idle();
    // Today's 08:00 (an hour ago) was caught up late at start; from here on only runNow and the schedule post.
    const before = channel.messages.length;
    await clock.advance(10 * MINUTE);
    bot.articles.upsert(newArticle(clock.now(), 'Election'));
    await clock.advance(MINUTE);
    const digest = bot.digests.get('g1', 'morning')!;
    const run = await bot.scheduler.runNow(digest);
    expect(run).toMatchObject({ status: 'posted', localDate: '2026-03-28', late: false });
    expect(channel.messages).toHaveLength(before + 1);
    expect(channel.messages.at(-1)).toMatchObject({ kind: 'briefing', meta: { localDate: '2026-03-28' } });

    // Tomorrow's 08:00 has run already: nothing is posted then.
    await clock.advanceTo('2026-03-28T07:00:00Z');
    await bot.scheduler.idle();
    expect(channel.messages).toHaveLength(before + 1);

    await clock.advance(HOUR);
    const again = await bot.scheduler.runNow(bot.digests.get('g1', 'morning')!);
    expect(again).toMatchObject({ status: 'nothing_new', localDate: '2026-03-29' });
    expect(channel.messages).toHaveLength(before + 1);
  });
});
