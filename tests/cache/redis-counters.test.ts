/**
 * The /news cooldown and the daily token budgets, on both backends: this process's memory and the SQLite
 * ledger (the defaults), and Redis (shared by processes). Redis: REDIS_URL (CI starts one), else a local
 * redis-server; skipped, saying why, when there is neither.
 */
import type KeyvRedis from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { LlmBudget, nextUtcMidnight } from '../../src/briefing/budget.js';
import { LlmUsageLedger } from '../../src/briefing/llm-usage.js';
import { SharedTokenUsage } from '../../src/briefing/shared-usage.js';
import { createCache, type CacheHandle } from '../../src/cache/create-cache.js';
import { RedisCounters } from '../../src/cache/redis-counters.js';
import { MemberCooldown, type NewsCooldown } from '../../src/interactions/cooldown.js';
import { SharedCooldown } from '../../src/interactions/shared-cooldown.js';
import { recordingLogger } from '../support/app-fixtures.js';
import { freePort, hasRedisServer, LocalRedis } from './redis-server.js';

const external = process.env.REDIS_URL;
const redisAvailable = Boolean(external) || hasRedisServer();
if (!redisAvailable)
  console.warn('redis counters: Redis suites skipped (no REDIS_URL and no redis-server on PATH)');
const AT = Date.parse('2026-12-02T21:30:00Z');
const servers: LocalRedis[] = [];
const handles: CacheHandle<unknown>[] = [];
let url = '';

beforeAll(async () => {
  if (!redisAvailable) return;
  if (external) url = external;
  else {
    const server = await LocalRedis.start();
    servers.push(server);
    url = server.url;
  }
});
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
  await Promise.all(servers.map((s) => s.kill()));
});

/** One process's Redis counters, with keys under a prefix of the test's own. */
function redisCounters(redisUrl: string, prefix: string, timeoutMs = 500) {
  const log = recordingLogger('info');
  const cache = createCache<unknown>({
    url: redisUrl,
    logger: log.logger,
    opTimeoutMs: timeoutMs,
    connectTimeoutMs: 500,
  });
  handles.push(cache);
  const counters = new RedisCounters(cache.keyv.store as KeyvRedis<unknown>, {
    timeoutMs,
    logger: log.logger,
    prefix,
    retryMs: 100,
  });
  return { counters, log, cache };
}

const uniquePrefix = () => `test:${Date.now()}:${Math.random().toString(36).slice(2, 8)}:`;

interface Backend {
  name: string;
  skip: boolean;
  /** A cooldown as one process has it; `peer` (same prefix): another process on the same backend. */
  cooldown(now: () => number, prefix: string): NewsCooldown;
  /** A budget as one process has it: `charge` charges the bot's total as the app's LLM client does. */
  budget(
    settings: { perServer: number | null; total: number | null },
    prefix: string,
  ): {
    budget: LlmBudget;
    chargeCall: (guildId: string | null, tokens: number, at: number) => void;
    settle: () => Promise<void>;
  };
}

const BACKENDS: Backend[] = [
  {
    name: 'memory and SQLite (the defaults)',
    skip: false,
    cooldown: (now) => new MemberCooldown({ refillMs: 30_000, now }),
    budget(settings) {
      const ledger = new LlmUsageLedger(openDatabase(':memory:'));
      const budget = new LlmBudget(ledger, settings);
      return {
        budget,
        chargeCall(guildId, tokens, at) {
          const usage = { input: tokens, output: 0 };
          ledger.record(at, true, usage);
          budget.charge(guildId, usage, at);
        },
        settle: async () => undefined,
      };
    },
  },
  {
    name: 'Redis',
    skip: !redisAvailable,
    cooldown: (now, prefix) =>
      new SharedCooldown(redisCounters(url, prefix).counters, { refillMs: 30_000, now }),
    budget(settings, prefix) {
      const db = openDatabase(':memory:');
      const ledger = new LlmUsageLedger(db);
      const shared = new SharedTokenUsage(db, redisCounters(url, prefix).counters);
      const budget = new LlmBudget(ledger, settings, shared);
      return {
        budget,
        chargeCall(guildId, tokens, at) {
          const usage = { input: tokens, output: 0 };
          ledger.record(at, true, usage);
          shared.charge(null, usage, at);
          budget.charge(guildId, usage, at);
        },
        settle: () => shared.flush(),
      };
    },
  },
];

describe.each(BACKENDS)('cooldown and budgets on $name', (backend) => {
  it.skipIf(backend.skip)(
    'lets a member save up three turns; a new briefing takes one, a cached one a quarter',
    async () => {
      let now = AT;
      const cooldown = backend.cooldown(() => now, uniquePrefix());
      await cooldown.check('m');
      await cooldown.charge('m', true);
      await cooldown.check('m');
      await cooldown.charge('m', true);
      for (let i = 0; i < 4; i++) {
        await cooldown.check('m');
        await cooldown.charge('m', false);
      }
      await expect(Promise.resolve().then(() => cooldown.check('m'))).rejects.toThrow(
        /^You have asked for several briefings in a short time\. Your next \/news is ready in 8 s\.$/,
      );
      await cooldown.check('someone else');
      now += 7_500;
      await cooldown.check('m');
      await expect(Promise.resolve().then(() => cooldown.check('m'))).rejects.toThrow(/ready in 8 s/);
      // After a long pause the member has all three turns again, never more.
      now += 10 * 30_000;
      for (let i = 0; i < 3; i++) {
        await cooldown.check('m');
        await cooldown.charge('m', true);
      }
      await expect(Promise.resolve().then(() => cooldown.check('m'))).rejects.toThrow(/ready in/);
    },
  );

  it.skipIf(backend.skip)(
    "refuses a call that would pass a server's or the bot's day; a new UTC day starts from zero",
    async () => {
      const prefix = uniquePrefix();
      const { budget, chargeCall, settle } = backend.budget({ perServer: 1_000, total: 5_000 }, prefix);
      expect(await budget.check('g1', 900, AT)).toEqual({ ok: true });
      chargeCall('g1', 800, AT);
      await settle();
      expect(await budget.check('g1', 300, AT)).toMatchObject({
        ok: false,
        scope: 'server',
        used: 800,
        limit: 1_000,
      });
      expect(await budget.check('g2', 300, AT)).toEqual({ ok: true });
      expect(await budget.check(null, 4_300, AT)).toMatchObject({ ok: false, scope: 'bot', used: 800 });
      expect(await budget.check('g1', 300, nextUtcMidnight(AT))).toEqual({ ok: true });
    },
  );
});

describe.skipIf(!redisAvailable)('Redis counters shared by processes', () => {
  it("a member's turns are shared: 100 checks sent at once over two processes pass exactly 12 times", async () => {
    const prefix = uniquePrefix();
    const a = new SharedCooldown(redisCounters(url, prefix).counters, { refillMs: 3_600_000, now: () => AT });
    const b = new SharedCooldown(redisCounters(url, prefix).counters, { refillMs: 3_600_000, now: () => AT });
    // Three turns, a quarter each: 12 pass, whichever process they reach.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).check('member')),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(12);
    // A whole turn taken in one process is gone in the other.
    const c = new SharedCooldown(redisCounters(url, prefix).counters, { refillMs: 3_600_000, now: () => AT });
    await c.check('other');
    await c.charge('other', true);
    await c.check('other');
    await c.charge('other', true);
    await c.check('other');
    await c.charge('other', true);
    await expect(a.check('other')).rejects.toThrow(/ready in/);
  });

  it('keeps a bucket only until it would be full again, and the day counters for two days', async () => {
    const prefix = uniquePrefix();
    const { counters, cache } = redisCounters(url, prefix);
    await counters.take('m', { capacity: 3, refillMs: 10_000 }, { cost: 1, need: 0.25, now: AT });
    await counters.apply([{ id: 'x1', day: '2026-12-02', guildId: 'g', tokens: 5 }]);
    const client = (cache.keyv.store as KeyvRedis<unknown>).client as unknown as {
      pTTL(key: string): Promise<number>;
    };
    const bucketTtl = await client.pTTL(`${prefix}cooldown:m`);
    expect(bucketTtl).toBeGreaterThan(9_000);
    expect(bucketTtl).toBeLessThanOrEqual(11_000);
    const dayTtl = await client.pTTL(`${prefix}budget:2026-12-02:guild:g`);
    expect(dayTtl).toBeGreaterThan(86_400_000);
    expect(dayTtl).toBeLessThanOrEqual(2 * 86_400_000);
  });

  it('counts a charge once however often it is sent (a lost reply, two processes flushing)', async () => {
    const prefix = uniquePrefix();
    const a = redisCounters(url, prefix).counters;
    const b = redisCounters(url, prefix).counters;
    const charges = [
      { id: 'p1-1', day: '2026-12-02', guildId: null, tokens: 150 },
      { id: 'p1-2', day: '2026-12-02', guildId: 'g1', tokens: 150 },
      { id: 'p1-3', day: '2026-12-02', guildId: 'g1', tokens: 70 },
    ];
    await Promise.all([a.apply(charges), b.apply(charges), a.apply(charges.slice(1))]);
    expect(await a.tokens('2026-12-02', 'g1')).toEqual({ bot: 150, server: 220 });
    expect(await b.tokens('2026-12-03', 'g1')).toEqual({ bot: 0, server: 0 });
  });

  it('Redis down: the cooldown is kept locally within the bound, logged once; charges wait in SQLite, then count once', async () => {
    const server = await LocalRedis.start();
    servers.push(server);
    const prefix = uniquePrefix();
    const { counters, log } = redisCounters(server.url, prefix, 200);
    const cooldown = new SharedCooldown(counters, { refillMs: 3_600_000, now: () => AT });
    const db = openDatabase(':memory:');
    const ledger = new LlmUsageLedger(db);
    const shared = new SharedTokenUsage(db, counters, { retryMs: 100 });
    const budget = new LlmBudget(ledger, { perServer: 1_000, total: null }, shared);
    budget.charge('g1', { input: 100, output: 20 }, AT);
    await shared.flush();
    expect(shared.pending()).toBe(0);

    await server.kill();
    for (let i = 0; i < 12; i++) {
      const started = performance.now();
      await cooldown.check('m');
      await cooldown.charge('m', false);
      budget.charge('g1', { input: 10, output: 5 }, AT);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    // Local turns stand in: the 13th quarter turn is refused.
    await expect(cooldown.check('m')).rejects.toThrow(/ready in/);
    // The budget counts from the local ledger meanwhile (which has everything).
    expect(await budget.check('g1', 1_000 - 120 - 180 + 1, AT)).toMatchObject({ ok: false, used: 300 });
    expect(shared.pending()).toBe(12);
    const warns = log.lines.filter((l) => String(l.msg).startsWith('redis counters: redis unavailable'));
    expect(warns).toHaveLength(1);

    await server.restart();
    // Back by itself (the retry timer), with nothing lost and nothing counted twice.
    await expect.poll(() => shared.pending(), { timeout: 10_000, interval: 100 }).toBe(0);
    expect(await counters.tokens('2026-12-02', 'g1')).toEqual({ bot: 0, server: 180 });
    expect(log.lines.some((l) => String(l.msg).startsWith('redis counters: redis answers again'))).toBe(true);
    await shared.close();
  }, 30_000);

  it('nothing listening at all: every operation answers "unavailable" within its bound', async () => {
    const { counters } = redisCounters(`redis://127.0.0.1:${await freePort()}`, uniquePrefix(), 200);
    const started = performance.now();
    expect(await counters.tokens('2026-12-02', 'g')).toBeNull();
    expect(await counters.take('m', { capacity: 3, refillMs: 1 }, { cost: 1, need: 0, now: AT })).toBeNull();
    expect(await counters.apply([{ id: 'a', day: '2026-12-02', guildId: null, tokens: 1 }])).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
