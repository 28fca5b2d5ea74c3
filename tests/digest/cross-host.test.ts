import type KeyvRedis from '@keyv/redis';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/cache/redis-store.js';
import { redisRunClaims } from '../../src/digest/run-claims.js';
import { recordingLogger } from '../support/app-fixtures.js';
import { freePort, hasRedisServer, LocalRedis } from '../cache/redis-server.js';
import { botProcess, FakeChannel, FakeClock, newArticle, saveDigest, tempDatabase } from './support.js';

const REDIS_URL = process.env.REDIS_URL;
const files: { cleanup(): void }[] = [];
const stores: KeyvRedis<unknown>[] = [];
const servers: LocalRedis[] = [];
afterEach(() => files.splice(0).forEach((f) => f.cleanup()));
afterAll(async () => {
  await Promise.all(stores.map((s) => s.disconnect(true).catch(() => undefined)));
  await Promise.all(servers.map((s) => s.kill()));
});

const KEY = { guildId: 'g1', digestId: 'morning', localDate: '2026-03-27' };

/** One bot process with claims in the Redis at `url` (keys under `prefix`), on its own database unless given one. */
function host(
  clock: FakeClock,
  channel: FakeChannel,
  url: string,
  prefix: string,
  file?: ReturnType<typeof tempDatabase>,
) {
  const db = file ?? tempDatabase();
  files.push(db);
  const store = createRedisStore<unknown>(url, {
    namespace: 'test',
    connectTimeoutMs: 300,
    maxReconnectAttempts: 2,
    maxReconnectDelayMs: 100,
  });
  store.on('error', () => undefined);
  stores.push(store);
  const claimsLog = recordingLogger('info');
  const claims = redisRunClaims(store, { timeoutMs: 250, logger: claimsLog.logger, prefix });
  const bot = botProcess(db.open(), clock, channel, { claims });
  // Each database holds the digest and the day's news (a separate file: set up on each host).
  if (!file || !bot.digests.get('g1', 'morning')) saveDigest(bot.digests);
  bot.articles.upsert(newArticle(clock.now(), 'Harbour'));
  return { ...bot, claimsLog };
}

/** Lets the schedulers' Redis round trips finish (they are real I/O under the fake clock). */
async function settle(...bots: { scheduler: { idle(): Promise<void> } }[]) {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all(bots.map((b) => b.scheduler.idle()));
  }
}

describe.skipIf(!REDIS_URL)(
  REDIS_URL
    ? 'digest runs claimed in Redis across hosts (real redis-server)'
    : 'digest runs claimed in Redis: skipped, REDIS_URL is not set (.ci/run starts redis-server and sets it)',
  () => {
    it('two hosts with separate databases on one Redis: one post; the other records "run by another process"', async () => {
      const prefix = `test:${randomBytes(4).toString('hex')}:`;
      const clock = new FakeClock('2026-03-27T06:00:00Z');
      const channel = new FakeChannel(clock.now);
      const a = host(clock, channel, REDIS_URL!, prefix);
      const b = host(clock, channel, REDIS_URL!, prefix);
      a.scheduler.start();
      b.scheduler.start();
      await clock.advanceTo('2026-03-27T07:00:00Z'); // 08:00 in Berlin
      await settle(a, b);
      // Every send counts (the fake channel, like Discord, would fold a repeated nonce into one message).
      expect(channel.attempts).toHaveLength(1);
      expect(channel.messages).toHaveLength(1);
      const rows = [a.ledger.get(KEY), b.ledger.get(KEY)];
      expect(rows.map((r) => r?.status).sort()).toEqual(['posted', 'skipped']);
      const skipped = rows.find((r) => r?.status === 'skipped')!;
      expect(skipped.reason).toMatch(/^run by another process \(.+\)$/);
      // Later the same day nothing more happens on either host.
      await clock.advance(3_600_000);
      await settle(a, b);
      expect(channel.attempts).toHaveLength(1);
    });

    it('two processes on one database and one Redis: one post, recorded as posted', async () => {
      const prefix = `test:${randomBytes(4).toString('hex')}:`;
      const clock = new FakeClock('2026-03-27T06:00:00Z');
      const channel = new FakeChannel(clock.now);
      const file = tempDatabase();
      const a = host(clock, channel, REDIS_URL!, prefix, file);
      const b = host(clock, channel, REDIS_URL!, prefix, file);
      a.scheduler.start();
      b.scheduler.start();
      await clock.advanceTo('2026-03-27T07:00:00Z');
      await settle(a, b);
      expect(channel.attempts).toHaveLength(1);
      expect(a.ledger.get(KEY)).toMatchObject({ status: 'posted', attempts: 1 });
    });
  },
);

describe.skipIf(!hasRedisServer())(
  hasRedisServer()
    ? 'digest claims when Redis is down (own redis-server)'
    : 'digest claims when Redis is down: skipped, no redis-server binary on PATH',
  () => {
    it('Redis down: each host falls back to its own ledger within the bound, logs once, and uses Redis again once it is back', async () => {
      const port = await freePort();
      const url = `redis://127.0.0.1:${port}`;
      const clock = new FakeClock('2026-03-27T06:00:00Z');
      const channel = new FakeChannel(clock.now);
      const a = host(clock, channel, url, 'down:');
      const b = host(clock, channel, url, 'down:');
      // Two digests a day apart, so that the second day runs after Redis is back.
      a.scheduler.start();
      b.scheduler.start();
      const started = performance.now();
      await clock.advanceTo('2026-03-27T07:00:00Z');
      await settle(a, b);
      expect(performance.now() - started).toBeLessThan(3_000);
      // Separate databases and no shared claim: each host's own ledger decides, so both post (the
      // same nonce: Discord folds the second into the first within its window).
      expect(channel.attempts).toHaveLength(2);
      expect(a.ledger.get(KEY)?.status).toBe('posted');
      for (const bot of [a, b]) {
        const warnings = bot.claimsLog.lines.filter((l) =>
          String(l.msg).startsWith('digest claims: redis unavailable'),
        );
        expect(warnings).toHaveLength(1);
      }
      // Redis comes back: the next day's run is claimed there again, by one host.
      const server = await LocalRedis.start(port);
      servers.push(server);
      for (const bot of [a, b]) bot.articles.upsert(newArticle(clock.now(), 'Election'));
      await clock.advanceTo('2026-03-28T07:00:00Z');
      await settle(a, b);
      await new Promise((r) => setTimeout(r, 300));
      await settle(a, b);
      const day2 = { ...KEY, localDate: '2026-03-28' };
      expect([a.ledger.get(day2)?.status, b.ledger.get(day2)?.status].sort()).toEqual(['posted', 'skipped']);
      expect(channel.attempts).toHaveLength(3);
      for (const bot of [a, b])
        expect(
          bot.claimsLog.lines.filter((l) => l.msg === 'digest claims: redis answers again'),
        ).toHaveLength(1);
    });
  },
);
