import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { GuardedCache } from '../../src/cache/guarded-cache.js';
import { captureLogger, FakeStore, sleep, warnings } from './fake-store.js';

function setup(options: { throwOnErrors?: boolean; probeIntervalMs?: number; maxPending?: number } = {}) {
  const store = new FakeStore();
  const keyv = new Keyv<string>(store, { throwOnErrors: options.throwOnErrors ?? true });
  const log = captureLogger();
  const cache = new GuardedCache<string>(keyv, {
    logger: log.logger,
    opTimeoutMs: 50,
    probeIntervalMs: options.probeIntervalMs ?? 0,
    maxPending: options.maxPending ?? 64,
    label: 'fake://',
    redact: (text) => text.replaceAll('hunter2', '***'),
  });
  return { store, keyv, cache, ...log };
}

async function timed<R>(fn: () => Promise<R>): Promise<{ value: R; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

describe('GuardedCache', () => {
  it('reads back what it wrote while the store is healthy', async () => {
    const { cache } = setup();
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    expect(await cache.get('missing')).toBeUndefined();
    expect(cache.health()).toMatchObject({ ok: true, failures: 0, droppedWrites: 0, label: 'fake://' });
  });

  it('bounds a store whose promises never settle: get misses and set returns within opTimeoutMs', async () => {
    const { store, cache } = setup();
    store.mode = 'hang';
    const get = await timed(() => cache.get('k'));
    expect(get.value).toBeUndefined();
    expect(get.ms).toBeLessThan(200);
    const set = await timed(() => cache.set('k', 'v'));
    expect(set.ms).toBeLessThan(200);
    expect(cache.health()).toMatchObject({ ok: false, droppedWrites: 1 });
    expect(cache.health().lastError).toMatch(/timed out after 50 ms/);
  });

  it('turns a rejecting store into misses and dropped writes, never a throw', async () => {
    const { store, cache } = setup();
    store.mode = 'reject';
    await expect(cache.get('k')).resolves.toBeUndefined();
    await expect(cache.set('k', 'v')).resolves.toBeUndefined();
    expect(cache.health()).toMatchObject({ ok: false, droppedWrites: 1 });
    expect(cache.health().lastError).toContain('ECONNREFUSED');
  });

  it("notices errors keyv only reports through its 'error' event (throwOnErrors off)", async () => {
    const { store, cache, lines } = setup({ throwOnErrors: false });
    store.mode = 'emit';
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.health().ok).toBe(false);
    expect(warnings(lines)).toHaveLength(1);
    // a resolved operation that raised an error event is not taken as a recovery
    await cache.get('k');
    expect(cache.health().ok).toBe(false);
  });

  it('logs one warning per outage however many requests fail, then one recovery', async () => {
    const { store, cache, lines } = setup();
    store.mode = 'reject';
    await Promise.all(Array.from({ length: 50 }, (_, i) => cache.get(`k${i}`)));
    for (let i = 0; i < 20; i++) await cache.set(`k${i}`, 'v');
    expect(warnings(lines)).toHaveLength(1);
    expect(warnings(lines)[0]).toMatchObject({
      cache: 'fake://',
      msg: expect.stringMatching(/cache unavailable/) as unknown,
    });
    store.mode = 'ok';
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    const recovered = lines.filter((l) => l.msg === 'cache recovered');
    expect(recovered).toHaveLength(1);
    expect(recovered[0]).toMatchObject({ cache: 'fake://', failures: 70 });
    expect(cache.health()).toMatchObject({ ok: true, failures: 0 });
    store.mode = 'hang';
    await cache.get('k');
    expect(warnings(lines)).toHaveLength(2);
  });

  it('while down, lets only one probe per interval reach the store', async () => {
    const { store, cache } = setup({ probeIntervalMs: 60 });
    store.mode = 'reject';
    await cache.get('a');
    const callsAtOutage = store.calls;
    for (let i = 0; i < 30; i++) expect(await cache.get('a')).toBeUndefined();
    expect(store.calls).toBe(callsAtOutage);
    store.mode = 'ok';
    store.data.set('keyv:a', JSON.stringify({ value: 'back', expires: null }));
    await sleep(70);
    expect(await cache.get('a')).toBe('back');
    expect(cache.health().ok).toBe(true);
  });

  it('stops calling a hanging store once maxPending operations are stuck', async () => {
    const { store, cache } = setup({ maxPending: 5 });
    store.mode = 'hang';
    for (let i = 0; i < 20; i++) await cache.get('k');
    expect(store.calls).toBe(5);
    expect(await cache.get('k')).toBeUndefined();
    expect(store.calls).toBe(5);
  });

  it('a burst of healthy concurrent calls all reach the store (maxPending counts only stuck ones)', async () => {
    const { store, cache } = setup({ maxPending: 5 });
    await cache.set('k', 'v');
    const values = await Promise.all(Array.from({ length: 100 }, () => cache.get('k')));
    expect(values.every((v) => v === 'v')).toBe(true);
    expect(store.calls).toBeGreaterThanOrEqual(100);
  });

  it('an error event with no request in flight marks the cache down', () => {
    const { store, cache, lines } = setup();
    store.emit('error', new Error('lost connection to hunter2@host'));
    expect(cache.health()).toMatchObject({ ok: false, lastError: 'Error: lost connection to ***@host' });
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });
});
