import type KeyvRedis from '@keyv/redis';
import { hostname } from 'node:os';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRedisStore } from '../../src/cache/redis-store.js';
import { FeedLease, leaseRedis } from '../../src/ingest/feed-lease.js';
import { FeedPoller, type PollOutcome } from '../../src/ingest/feed-poller.js';
import { FeedRegistry } from '../../src/ingest/feed-registry.js';
import { LeaseTable } from '../../src/ingest/lease-table.js';
import type { Timers } from '../../src/timers.js';
import { freePort, hasRedisServer, LocalRedis } from '../cache/redis-server.js';
import { tempDatabase } from '../digest/support.js';
import { recordingLogger } from '../support/app-fixtures.js';

const REDIS_URL = process.env.REDIS_URL;
const OK: PollOutcome = { notModified: false, stored: 1, etag: null, lastModified: null, title: 'A feed' };
const files: { cleanup(): void }[] = [];
const stores: KeyvRedis<unknown>[] = [];
const pollers: FeedPoller[] = [];
const servers: LocalRedis[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop(200)));
  files.splice(0).forEach((f) => f.cleanup());
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.disconnect(true).catch(() => undefined)));
  await Promise.all(servers.map((s) => s.kill()));
});

/** Real timers that die with their "process": after kill() nothing fires (no renewal, no release). */
function killableTimers(): Timers & { kill(): void } {
  const live = new Set<NodeJS.Timeout>();
  let dead = false;
  return {
    setTimeout(fn, ms) {
      if (dead) return null;
      const handle = setTimeout(() => {
        live.delete(handle);
        if (!dead) fn();
      }, ms);
      live.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      clearTimeout(handle as NodeJS.Timeout);
      live.delete(handle as NodeJS.Timeout);
    },
    kill() {
      dead = true;
      for (const h of live) clearTimeout(h);
    },
  };
}

async function until(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One bot process of a host: its own connection to the shared database, a lease and a poller. */
function processOn(file: ReturnType<typeof tempDatabase>, name: string, redisUrl?: string) {
  const db = file.open();
  const log = recordingLogger('info');
  const timers = killableTimers();
  let redis;
  if (redisUrl) {
    const store = createRedisStore<unknown>(redisUrl, {
      namespace: 'test',
      connectTimeoutMs: 300,
      maxReconnectAttempts: 2,
      maxReconnectDelayMs: 100,
    });
    store.on('error', () => undefined);
    stores.push(store);
    redis = leaseRedis(store, { timeoutMs: 250, logger: log.logger });
  }
  const table = new LeaseTable(db);
  const lease = new FeedLease({
    table,
    logger: log.logger,
    ttlMs: 600,
    renewMs: 150,
    timers,
    holder: `host-${name}:1:${name}`,
    ...(redis ? { redis } : {}),
  });
  const polled: string[] = [];
  const registry = new FeedRegistry(db);
  const poller = new FeedPoller({
    registry,
    poll: async (feed) => (polled.push(feed.url), OK),
    logger: log.logger,
    timers,
    lease,
    maxSleepMs: 100, // sees feeds added by the test at once
  });
  pollers.push(poller);
  const said = (msg: string) => log.lines.filter((l) => String(l.msg).startsWith(msg)).length;
  return { name, db, lease, poller, polled, registry, log, said, table, crash: () => timers.kill() };
}

function addFeed(p: ReturnType<typeof processOn>, url: string) {
  p.registry.add({ url, guildId: 'g', intervalMs: 15 * 60_000, now: Date.now() });
}

describe('the feed lease on the database alone (no Redis)', () => {
  it('two processes on one database: one polls; it dies, the other takes over when the lease expires', async () => {
    const file = tempDatabase();
    files.push(file);
    const a = processOn(file, 'a');
    const b = processOn(file, 'b');
    addFeed(a, 'https://one.example/rss');
    a.poller.start();
    b.poller.start();
    await until(() => a.polled.length + b.polled.length === 1, 3_000, 'the first poll');
    await sleep(400);
    const [holder, other] = a.lease.held ? [a, b] : [b, a];
    expect(holder.lease.held && !other.lease.held).toBe(true);
    expect(holder.polled).toEqual(['https://one.example/rss']);
    expect(holder.said('feed lease taken')).toBe(1);
    holder.crash();
    addFeed(other, 'https://two.example/rss');
    await until(() => other.polled.includes('https://two.example/rss'), 3_000, 'the take-over');
    expect(other.said('feed lease taken')).toBe(1);
    expect(holder.polled).toEqual(['https://one.example/rss']);
  });

  it('a holder that is gone from this host (a crashed run) is replaced at once, not after the expiry', () => {
    const file = tempDatabase();
    files.push(file);
    const table = new LeaseTable(file.open());
    const now = Date.now();
    table.force('feed-poller', `${hostname()}:999999:dead`, now + 60_000);
    const log = recordingLogger('info');
    const lease = new FeedLease({
      table,
      logger: log.logger,
      holder: `${hostname()}:1:live`,
      now: () => now,
    });
    return lease.tick().then(() => {
      expect(lease.held).toBe(true);
      expect(table.get('feed-poller')?.holder).toBe(`${hostname()}:1:live`);
    });
  });
});

describe.skipIf(!REDIS_URL)(
  REDIS_URL
    ? 'the feed lease in Redis (real redis-server)'
    : 'the feed lease in Redis: skipped, REDIS_URL is not set (.ci/run starts redis-server and sets it)',
  () => {
    it('two pollers: one polls and renews; killed, the other takes the Redis lease over', async () => {
      const file = tempDatabase();
      files.push(file);
      const a = processOn(file, 'a', REDIS_URL);
      const b = processOn(file, 'b', REDIS_URL);
      addFeed(a, 'https://one.example/rss');
      a.poller.start();
      b.poller.start();
      await until(() => a.polled.length + b.polled.length === 1, 3_000, 'the first poll');
      await sleep(1_000); // several renewals later the same process still holds it
      const [holder, other] = a.lease.held ? [a, b] : [b, a];
      expect(other.lease.held).toBe(false);
      expect(holder.said('feed lease taken')).toBe(1);
      expect(other.said('feed lease')).toBe(0);
      holder.crash();
      addFeed(other, 'https://two.example/rss');
      await until(() => other.polled.includes('https://two.example/rss'), 3_000, 'the take-over');
      expect(holder.polled).toEqual(['https://one.example/rss']);
      expect(other.table.get('feed-poller')?.holder).toBe(other.lease.holder);
    });
  },
);

describe.skipIf(!hasRedisServer())(
  hasRedisServer()
    ? 'the feed lease when Redis goes down mid-run (own redis-server)'
    : 'the feed lease when Redis goes down: skipped, no redis-server binary on PATH',
  () => {
    it('Redis killed: the holder keeps polling on the database row, logged once; Redis back: recovers by itself', async () => {
      const redis = await LocalRedis.start(await freePort());
      servers.push(redis);
      const file = tempDatabase();
      files.push(file);
      const a = processOn(file, 'a', redis.url);
      const b = processOn(file, 'b', redis.url);
      addFeed(a, 'https://one.example/rss');
      a.poller.start();
      await until(() => a.lease.held, 3_000, 'a to take the lease');
      b.poller.start();
      await sleep(400);
      await redis.kill();
      await sleep(1_200); // several renewals with Redis gone, past the lease's 600 ms
      expect(a.lease.held).toBe(true);
      expect(b.lease.held).toBe(false);
      expect(a.said('feed lease: redis unavailable')).toBe(1);
      // The other asks Redis only when the database row shows no live holder: once at most.
      expect(b.said('feed lease: redis unavailable')).toBeLessThanOrEqual(1);
      addFeed(a, 'https://two.example/rss');
      await until(() => a.polled.includes('https://two.example/rss'), 3_000, 'a poll while Redis is down');
      await redis.restart();
      await until(
        () => a.said('feed lease: redis answers again') === 1,
        5_000,
        'the holder to see Redis again',
      );
      await sleep(300);
      const check = createRedisStore<unknown>(redis.url, {
        namespace: 'test',
        connectTimeoutMs: 300,
        maxReconnectAttempts: 1,
      });
      stores.push(check);
      // The holder wrote its lease into the restarted (empty) Redis again.
      expect(await (await check.getClient()).get(`newsdesk:lease:${a.table.storeId}:feed-poller`)).toBe(
        a.lease.holder,
      );
      expect(a.lease.held).toBe(true);
      expect(b.lease.held).toBe(false);
      expect(b.polled).toEqual([]);
      expect(a.said('feed lease lost')).toBe(0);
      // And the lease still moves on: a dies, b takes over through Redis.
      a.crash();
      addFeed(b, 'https://three.example/rss');
      await until(() => b.polled.includes('https://three.example/rss'), 3_000, 'the take-over');
    });
  },
);
