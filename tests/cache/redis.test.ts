import type KeyvRedis from '@keyv/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { createCache, type CacheHandle } from '../../src/cache/create-cache.js';
import { captureLogger, sleep, warnings } from './fake-store.js';
import { freePort, hasRedisServer, LocalRedis } from './redis-server.js';

const binary = hasRedisServer();
const external = process.env.REDIS_URL;
const SKIP = 'redis-server is not on PATH (install it: apt-get install -y redis-server)';
if (!binary)
  console.warn(
    `redis outage tests skipped: ${SKIP}${external ? '' : '; round trip skipped too (no REDIS_URL)'}`,
  );

const servers: LocalRedis[] = [];
const handles: CacheHandle<unknown>[] = [];
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
  await Promise.all(servers.map((s) => s.kill()));
});

function open<T>(url: string, extra: { ttlMs?: number; namespace?: string } = {}) {
  const log = captureLogger();
  const handle = createCache<T>({
    url,
    // sqlite:// (no path) is the app's shared database.
    ...(url === 'sqlite://' ? { db: openDatabase(':memory:') } : {}),
    logger: log.logger,
    opTimeoutMs: 250,
    connectTimeoutMs: 500,
    probeIntervalMs: 100,
    namespace: extra.namespace ?? `test${Date.now()}${Math.random().toString(36).slice(2, 6)}`,
    ...(extra.ttlMs === undefined ? {} : { ttlMs: extra.ttlMs }),
  });
  handles.push(handle);
  return { handle, cache: handle.cache, ...log };
}

async function timed<R>(fn: () => Promise<R>): Promise<{ value: R; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** How a promise settles within `ms`: 'resolved', 'rejected' or 'pending' (a hang). */
async function settlesWithin(
  promise: Promise<unknown>,
  ms: number,
): Promise<'resolved' | 'rejected' | 'pending'> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<'pending'>((resolve) => {
    timer = setTimeout(resolve, ms, 'pending');
  });
  const outcome = promise.then(
    () => 'resolved' as const,
    () => 'rejected' as const,
  );
  try {
    return await Promise.race([outcome, pending]);
  } finally {
    clearTimeout(timer);
  }
}

async function localUrl(): Promise<string> {
  if (external) return external;
  const server = await LocalRedis.start();
  servers.push(server);
  return server.url;
}

/** The same round trip on every backend: the embedded defaults, and Redis when there is one. */
const ROUND_TRIP = [
  { name: 'memory://', url: async () => 'memory://', skip: false },
  { name: 'sqlite:// (the shared database)', url: async () => 'sqlite://', skip: false },
  {
    name: `redis:// (${external ? 'REDIS_URL' : 'local redis-server'})`,
    url: localUrl,
    skip: !binary && !external,
  },
];

describe.each(ROUND_TRIP)('cache round trip on $name', ({ url, skip }) => {
  it.skipIf(skip)('stores and reads back, under the namespace, with the default TTL', async () => {
    const { handle, cache, lines } = open<{ n: number }>(await url(), { namespace: 'rt', ttlMs: 300 });
    expect(await handle.ready).toBe(true);
    await cache.set('k', { n: 1 });
    expect(await cache.get('k')).toEqual({ n: 1 });
    if (handle.kind === 'redis') {
      const client = (handle.keyv.store as KeyvRedis<string>).client as unknown as {
        pTTL(key: string): Promise<number>;
      };
      const ttl = await client.pTTL('rt::k');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(300);
    }
    await sleep(350);
    expect(await cache.get('k')).toBeUndefined();
    expect(warnings(lines)).toHaveLength(0);
    expect(cache.health().ok).toBe(true);
  });
});

describe.skipIf(!binary)(
  binary ? 'redis outages (local redis-server)' : `redis outages: skipped, ${SKIP}`,
  () => {
    it('with nothing listening: gets miss within the time bound, one warning, no password in logs, no hang', async () => {
      const port = await freePort();
      const { handle, cache, lines, text } = open<string>(`redis://user:s3cret@127.0.0.1:${port}`);
      expect(handle.label).toBe(`redis://user:***@127.0.0.1:${port}`);
      for (let i = 0; i < 5; i++) {
        const get = await timed(() => cache.get(`k${i}`));
        expect(get.value).toBeUndefined();
        expect(get.ms).toBeLessThan(600);
        await cache.set(`k${i}`, 'v');
      }
      expect(await handle.ready).toBe(false);
      // the store itself (not just the guard) gives up: the connect attempt is capped by connectTimeoutMs
      expect(await settlesWithin(handle.keyv.get('raw'), 900)).toBe('rejected');
      expect(cache.health().ok).toBe(false);
      expect(warnings(lines)).toHaveLength(1);
      expect(text()).not.toContain('s3cret');
      expect(JSON.stringify(cache.health())).not.toContain('s3cret');
      const close = await timed(() => handle.close());
      expect(close.ms).toBeLessThan(1500);
      expect((handle.keyv.store as KeyvRedis<string>).client.isOpen).toBe(false);
    });

    it('when redis is killed mid-run: misses within the bound, one warning, and recovers after a restart', async () => {
      const server = await LocalRedis.start();
      servers.push(server);
      const { handle, cache, lines } = open<string>(server.url);
      expect(await handle.ready).toBe(true);
      await cache.set('k', 'v1');
      expect(await cache.get('k')).toBe('v1');

      await server.kill();
      // the store fails fast instead of queueing commands until a reconnect (disableOfflineQueue)
      expect(await settlesWithin(handle.keyv.get('raw'), 250)).toBe('rejected');
      await sleep(150);
      expect(await settlesWithin(handle.keyv.get('raw'), 250)).toBe('rejected');
      for (let i = 0; i < 5; i++) {
        const get = await timed(() => cache.get('k'));
        expect(get.value).toBeUndefined();
        expect(get.ms).toBeLessThan(600);
        await sleep(50);
      }
      expect(cache.health().ok).toBe(false);
      expect(warnings(lines)).toHaveLength(1);

      await server.restart();
      const deadline = Date.now() + 6000;
      while (!cache.health().ok && Date.now() < deadline) {
        await cache.get('probe');
        await sleep(100);
      }
      expect(cache.health().ok).toBe(true);
      await cache.set('k', 'v2');
      expect(await cache.get('k')).toBe('v2');
      expect(lines.filter((l) => l.msg === 'cache recovered')).toHaveLength(1);
      expect(warnings(lines)).toHaveLength(1);
    });
  },
);
