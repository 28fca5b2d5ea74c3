import type KeyvRedis from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { ArticleStore } from '../../src/articles/store.js';
import { Briefings } from '../../src/briefing/briefings.js';
import { LlmClient } from '../../src/briefing/llm-client.js';
import type { Briefing } from '../../src/briefing/types.js';
import { createCache, type CacheHandle } from '../../src/cache/create-cache.js';
import { redisFlightLock } from '../../src/cache/flight-lock.js';
import { makeArticle, recordingLogger } from '../support/app-fixtures.js';
import { FakeLlm } from '../support/fake-llm.js';
import { freePort, hasRedisServer, LocalRedis } from './redis-server.js';

const external = process.env.REDIS_URL;
const NOW = Date.UTC(2026, 10, 26, 12);
const servers: LocalRedis[] = [];
const handles: CacheHandle<unknown>[] = [];
let llm: FakeLlm;

beforeAll(async () => {
  llm = await FakeLlm.start();
});
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
  await Promise.all(servers.map((s) => s.kill()));
  await llm.close();
});

async function redisUrl(): Promise<string> {
  if (external) return external;
  const server = await LocalRedis.start();
  servers.push(server);
  return server.url;
}

/**
 * One bot process's engine: its own store (the same articles), the cache at `url` and, on Redis (as the
 * app wires it), its own flight lock; on the embedded defaults, single-flight within the process only.
 */
function processEngine(url: string, namespace: string) {
  const log = recordingLogger('info');
  const db = openDatabase(':memory:');
  const store = new ArticleStore({ db, now: () => NOW });
  for (let n = 1; n <= 4; n++)
    store.upsert(makeArticle(n, NOW, { title: `Harbour report ${n} ${'abcd'[n - 1]}` }));
  const cache = createCache<Briefing>({ url, logger: log.logger, namespace, opTimeoutMs: 500, db });
  handles.push(cache);
  const lock =
    cache.kind === 'redis'
      ? redisFlightLock(cache.keyv.store as KeyvRedis<unknown>, { timeoutMs: 500, logger: log.logger })
      : undefined;
  const briefings = new Briefings({
    articles: store,
    cache: cache.cache,
    llm: new LlmClient({
      baseURL: llm.baseURL,
      apiKey: 'sk-test',
      model: 'fake-model',
      timeoutMs: 5_000,
      maxRetries: 0,
      responseFormat: 'json_schema',
      logger: log.logger,
    }),
    logger: log.logger,
    maxArticles: 12,
    now: () => NOW,
    lock,
  });
  return { briefings, log, lock, ready: cache.ready };
}

const REDIS = hasRedisServer() || Boolean(external);

/** Redis: two processes share the cache and the lock. The defaults serve one process: single-flight in it. */
const BACKENDS = [
  { name: 'Redis, two processes', url: redisUrl, processes: 2, skip: !REDIS },
  { name: 'sqlite:// (the default), one process', url: async () => 'sqlite://', processes: 1, skip: false },
  { name: 'memory://, one process', url: async () => 'memory://', processes: 1, skip: false },
];

describe.each(BACKENDS)('single flight on $name', ({ url: backendUrl, processes, skip }) => {
  it.skipIf(skip)('100 concurrent identical /news, one LLM call', async () => {
    const url = await backendUrl();
    const namespace = `lock${Date.now()}`;
    const a = processEngine(url, namespace);
    const b = processes === 2 ? processEngine(url, namespace) : a;
    // Both processes connected, as a started bot is.
    expect(await a.ready).toBe(true);
    expect(await b.ready).toBe(true);
    llm.reset();
    llm.set({ delayMs: 300 });
    const request = { topic: 'harbour', hours: 48, length: 'standard' as const };
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).briefings.get(request)),
    );
    expect([...a.log.lines, ...b.log.lines].filter((l) => String(l.msg).startsWith('flight lock'))).toEqual(
      [],
    );
    expect(llm.calls).toBe(1);
    expect(new Set(results.map((r) => r.briefing.bullets[0]?.text)).size).toBe(1);
    expect(results.every((r) => r.briefing.kind === 'llm')).toBe(true);
  });
});

describe.skipIf(!REDIS)('the cross-process flight lock (real redis-server)', () => {
  it('Redis down: the lock answers "write it yourself" within its bound, logged once', async () => {
    const port = await freePort();
    const { lock, log } = processEngine(`redis://127.0.0.1:${port}`, 'down');
    if (!lock) throw new Error('a redis:// cache comes with a flight lock');
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      expect(await lock.acquire(`k${i}`, 1_000)).toBe(true);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
    expect(log.lines.filter((l) => String(l.msg).startsWith('flight lock: redis unavailable'))).toHaveLength(
      1,
    );
  });
});
