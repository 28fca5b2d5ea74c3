import { randomBytes } from 'node:crypto';
import type KeyvRedis from '@keyv/redis';
import type { Logger } from '../logger.js';
import { boundedRedis, REDIS_UNAVAILABLE } from './bounded-redis.js';

/**
 * Single-flight across processes: who writes the value of a key that is not cached yet. Within one
 * process {@link SingleFlight} already shares one call; this lock is for several processes on one shared
 * cache, so that two of them never ask the LLM for the same key at once.
 */
export interface FlightLock {
  /**
   * Takes `key` for `ttlMs`: true when this process should write the value. Answers in bounded time and
   * never throws; when the lock's store cannot be reached it answers true (each process then writes its
   * own, as without the lock).
   */
  acquire(key: string, ttlMs: number): Promise<boolean>;
  /** Gives the key up (only if this process still holds it). */
  release(key: string): Promise<void>;
}

/** Deletes the lock only when it still holds our token: an expired lock taken by another is left alone. */
const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * A {@link FlightLock} in Redis: `SET key token NX PX ttl` to take it, a compare-and-delete script to
 * give it up. Each operation is bounded by `timeoutMs`; Redis down means "write it yourself", logged once
 * per outage.
 */
export function redisFlightLock(
  store: KeyvRedis<unknown>,
  options: { timeoutMs: number; logger: Pick<Logger, 'warn' | 'info'>; prefix?: string },
): FlightLock {
  const token = randomBytes(12).toString('hex');
  const held = new Set<string>();
  const name = (key: string) => `${options.prefix ?? 'newsdesk:flight:'}${key}`;
  // Each command bounded (connecting included): a Redis that is down must not hold a request up.
  const send = boundedRedis(store, {
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    messages: {
      down: 'flight lock: redis unavailable; each process writes its own briefings until it recovers',
      up: 'flight lock: redis answers again',
    },
  });
  return {
    async acquire(key, ttlMs) {
      const result = await send([
        'SET',
        name(key),
        token,
        'NX',
        'PX',
        String(Math.max(1, Math.round(ttlMs))),
      ]);
      if (result === REDIS_UNAVAILABLE) return true;
      if (result === 'OK') held.add(key);
      return result === 'OK';
    },
    async release(key) {
      if (!held.delete(key)) return;
      await send(['EVAL', RELEASE, '1', name(key), token]);
    },
  };
}

/**
 * Writes the value of `key` once across processes: with the lock, this process writes it; without, it
 * waits for the holder's value to reach the shared cache (polling it), taking the lock over if the holder
 * gives up without one, and after `waitMs` writes it itself. Without a lock, just writes.
 */
export async function writeOnce<T>(options: {
  lock: FlightLock | undefined;
  key: string;
  /** How long the lock is held at most (longer than the write's own deadline). */
  ttlMs: number;
  /** How long to wait for another process's value before writing it here. */
  waitMs: number;
  cached: () => Promise<T | undefined>;
  write: () => Promise<T>;
  pollMs?: number;
}): Promise<T> {
  const { lock, key } = options;
  if (!lock) return options.write();
  const waitUntil = Date.now() + options.waitMs;
  for (;;) {
    if (await lock.acquire(key, options.ttlMs)) {
      try {
        // Another process may have written it just before giving the lock up.
        return (await options.cached()) ?? (await options.write());
      } finally {
        await lock.release(key);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 150));
    const value = await options.cached();
    if (value !== undefined) return value;
    if (Date.now() > waitUntil) return options.write();
  }
}
