import type { Db } from '../articles/database.js';
import type { ReadinessCheck } from './health-server.js';

/** Ready once the transport says so (Discord: logged in, READY received, every shard connected). */
export function transportReady(name: string, isReady: () => boolean): ReadinessCheck {
  return {
    name,
    run() {
      if (!isReady()) throw new Error('not connected yet');
    },
  };
}

/**
 * The database takes a write: the write lock within `busyMs` (another process may hold it for a
 * moment), and a row written into a probe table, then rolled back, so nothing changes. better-sqlite3 is
 * synchronous, so the lock wait is bounded by a short busy timeout rather than by the check's timer.
 */
export function databaseWritable(db: Db, busyMs = 250): ReadinessCheck {
  return {
    name: 'database',
    run() {
      // This connection is inside a write right now (impossible between event-loop turns, but cheap to say).
      if (db.inTransaction) return;
      const previous = db.pragma('busy_timeout', { simple: true }) as number;
      db.pragma(`busy_timeout = ${busyMs}`);
      try {
        db.exec('CREATE TABLE IF NOT EXISTS health_probe (at INTEGER NOT NULL)');
        db.exec('BEGIN IMMEDIATE');
        try {
          db.prepare('INSERT INTO health_probe (at) VALUES (?)').run(Date.now());
        } finally {
          db.exec('ROLLBACK');
        }
      } finally {
        db.pragma(`busy_timeout = ${previous}`);
      }
    },
  };
}

/**
 * The cache store answers a read (of a key that is never written) within `timeoutMs`. Give it the raw
 * store (one that rejects on errors), not the guarded cache, which turns every failure into a miss.
 */
export function cacheAnswering(
  store: { get(key: string): Promise<unknown> },
  timeoutMs: number,
): ReadinessCheck {
  return {
    name: 'cache',
    timeoutMs,
    async run() {
      await store.get('health-probe');
    },
  };
}
