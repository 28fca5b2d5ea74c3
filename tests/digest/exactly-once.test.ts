import { afterEach, describe, expect, it } from 'vitest';
import {
  botProcess,
  FakeChannel,
  FakeClock,
  MINUTE,
  newArticle,
  saveDigest,
  tempDatabase,
} from './support.js';

const files: { cleanup(): void }[] = [];
afterEach(() => files.splice(0).forEach((f) => f.cleanup()));

const key = { guildId: 'g1', digestId: 'morning', localDate: '2026-03-27' };

/** One database file and one fake Discord channel shared by the processes of a test. */
function world() {
  const file = tempDatabase();
  files.push(file);
  const clock = new FakeClock('2026-03-27T06:50:00Z');
  const channel = new FakeChannel(clock.now);
  const spawn = (overrides: Parameters<typeof botProcess>[3] = {}) =>
    botProcess(file.open(), clock, channel, overrides);
  return { clock, channel, spawn };
}

describe('exactly once per digest and local date', () => {
  it('two schedulers on one SQLite file (two connections): one post per date', async () => {
    const { clock, channel, spawn } = world();
    const a = spawn();
    const b = spawn();
    saveDigest(a.digests);
    a.articles.upsert(newArticle(clock.now(), 'Harbour'));
    a.scheduler.start();
    b.scheduler.start();
    await clock.advanceTo('2026-03-27T08:00:00Z');
    a.articles.upsert(newArticle(clock.now(), 'Election'));
    await clock.advanceTo('2026-03-28T08:00:00Z');
    expect(channel.attempts.map((m) => m.meta.localDate)).toEqual(['2026-03-27', '2026-03-28']);
    expect(a.writer.calls.length + b.writer.calls.length).toBe(2);
    expect(b.ledger.get(key)).toMatchObject({ status: 'posted', attempts: 1 });
  });

  it('crash while writing (nothing sent): another process takes the stale claim over and posts once', async () => {
    const { clock, channel, spawn } = world();
    const a = spawn({ write: () => new Promise(() => {}) }); // writes forever, then dies
    saveDigest(a.digests);
    a.articles.upsert(newArticle(clock.now(), 'Harbour'));
    a.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:10Z');
    expect(a.ledger.get(key)).toMatchObject({ status: 'claimed', attempts: 1 });
    a.crash();
    await clock.advanceTo('2026-03-27T07:02:00Z');
    const b = spawn(); // the restarted process
    b.scheduler.start();
    await clock.advance(MINUTE);
    expect(channel.attempts).toHaveLength(0); // the claim is not stale yet: A might still be writing
    await clock.advanceTo('2026-03-27T07:06:00Z'); // write timeout (5 min) + 1 min after the claim
    expect(channel.messages).toHaveLength(1);
    expect(b.ledger.get(key)).toMatchObject({
      status: 'posted',
      attempts: 2,
      messageId: 'm1',
      claimToken: `${b.scheduler.owner}#2`,
    });
  });

  it('crash while sending, restart within Discord’s nonce window: re-sent with the same nonce, still one message', async () => {
    const { clock, channel, spawn } = world();
    let aAlive = true;
    channel.behave = () => (aAlive ? 'deliver_then_hang' : 'ok'); // Discord got it; A died before reading the answer
    const a = spawn();
    saveDigest(a.digests);
    a.articles.upsert(newArticle(clock.now(), 'Harbour'));
    a.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:05Z');
    expect(a.ledger.get(key)).toMatchObject({ status: 'posting' });
    a.crash();
    aAlive = false;
    await clock.advanceTo('2026-03-27T07:00:30Z');
    const b = spawn();
    b.scheduler.start();
    await clock.advanceTo('2026-03-27T07:02:00Z');
    expect(channel.attempts).toHaveLength(2);
    expect(channel.attempts[0]!.meta.nonce).toBe(channel.attempts[1]!.meta.nonce);
    expect(channel.messages).toHaveLength(1);
    expect(b.ledger.get(key)).toMatchObject({ status: 'posted', messageId: 'm1', attempts: 2 });
  });

  it('crash while sending, restart after the nonce window: no re-send (no duplicate), the ledger says "uncertain" and why', async () => {
    const { clock, channel, spawn } = world();
    channel.behave = () => 'deliver_then_hang';
    const a = spawn();
    saveDigest(a.digests);
    a.articles.upsert(newArticle(clock.now(), 'Harbour'));
    a.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:05Z');
    a.crash();
    clock.jump(10 * MINUTE); // down for ten minutes
    channel.behave = () => 'ok';
    const b = spawn();
    b.scheduler.start();
    await clock.advance(MINUTE);
    expect(channel.messages).toHaveLength(1);
    expect(channel.attempts).toHaveLength(1);
    const run = b.ledger.get(key)!;
    expect(run.status).toBe('uncertain');
    expect(run.reason).toMatch(/stopped while sending at 08:00.*may be missing/);
    // Not counted as a success: the next digest covers the same articles again rather than losing them.
    expect(b.digests.get('g1', 'morning')!.lastSuccessAt).toBeNull();
    await clock.advanceTo('2026-03-28T07:00:00Z');
    expect(b.writer.calls.at(-1)!.articles.map((x) => x.title)).toEqual([expect.stringContaining('Harbour')]);
  });

  it('a chain of crashes does not stretch the nonce window: it counts from the first send', async () => {
    const { clock, channel, spawn } = world();
    channel.behave = () => (channel.attempts.length === 1 ? 'deliver_then_hang' : 'hang');
    const a = spawn();
    saveDigest(a.digests);
    a.articles.upsert(newArticle(clock.now(), 'Harbour'));
    a.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:05Z');
    a.crash();
    const b = spawn();
    b.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:50Z'); // B re-sends (same nonce), then dies before the answer
    expect(channel.attempts).toHaveLength(2);
    b.crash();
    clock.jump(100_000); // 07:02:30: B's claim is stale, but the first send was 2.5 min ago
    const c = spawn();
    c.scheduler.start();
    await clock.advance(1000);
    expect(channel.attempts).toHaveLength(2);
    expect(channel.messages).toHaveLength(1);
    expect(c.ledger.get(key)).toMatchObject({ status: 'uncertain', attempts: 3 });
  });

  it('a send that never reached Discord before the crash is not silently lost either: uncertain, then covered the next day', async () => {
    const { clock, channel, spawn } = world();
    channel.behave = () => 'hang';
    const a = spawn();
    saveDigest(a.digests);
    a.articles.upsert(newArticle(clock.now(), 'Harbour'));
    a.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:05Z');
    a.crash();
    clock.jump(30 * MINUTE);
    channel.behave = () => 'ok';
    const b = spawn();
    b.scheduler.start();
    await clock.advance(MINUTE);
    expect(channel.messages).toHaveLength(0);
    expect(b.ledger.get(key)?.status).toBe('uncertain');
    await clock.advanceTo('2026-03-28T07:00:00Z');
    expect(channel.messages).toHaveLength(1);
    expect(b.writer.calls.at(-1)!.articles).toHaveLength(1);
  });

  it('a send that outlives its timeout in a live process is recorded when it lands, never sent twice', async () => {
    const { clock, channel, spawn } = world();
    let release: (() => void) | null = null;
    const bot = spawn({
      post: async (digest, content, meta) => {
        await new Promise<void>((resolve) => (release = resolve));
        return channel.post(digest, content, meta);
      },
    });
    saveDigest(bot.digests);
    bot.articles.upsert(newArticle(clock.now(), 'Harbour'));
    bot.scheduler.start();
    await clock.advanceTo('2026-03-27T07:00:40Z'); // past the 30 s send timeout
    expect(bot.ledger.get(key)?.status).toBe('posting');
    release!();
    await clock.advance(1000);
    expect(bot.ledger.get(key)).toMatchObject({ status: 'posted', messageId: 'm1' });
    await clock.advanceTo('2026-03-27T09:00:00Z');
    expect(channel.messages).toHaveLength(1);
  });
});
