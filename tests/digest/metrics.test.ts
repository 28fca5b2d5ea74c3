import { afterEach, describe, expect, it } from 'vitest';
import { FakeChannel, FakeClock, botProcess, newArticle, saveDigest, tempDatabase } from './support.js';

const files: { cleanup(): void }[] = [];
afterEach(() => files.splice(0).forEach((f) => f.cleanup()));

describe('digest metrics', () => {
  it('counts each run by the status it ended with', async () => {
    const file = tempDatabase();
    files.push(file);
    const clock = new FakeClock('2026-03-27T06:00:00Z');
    const runs: string[] = [];
    const bot = botProcess(file.open(), clock, new FakeChannel(clock.now), {
      metrics: { digestRun: (outcome) => void runs.push(outcome) },
    });
    saveDigest(bot.digests);
    bot.articles.upsert(newArticle(clock.now(), 'Harbour'));
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:00Z'); // 08:00 in Berlin: something new
    await bot.scheduler.idle();
    await clock.advanceTo('2026-03-28T07:00:00Z'); // nothing new since
    await bot.scheduler.idle();
    expect(runs).toEqual(['posted', 'nothing_new']);
    await bot.scheduler.stop();
  });
});
