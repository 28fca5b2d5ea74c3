import { randomBytes } from 'node:crypto';
import type { Db } from '../articles/database.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ingest_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ingest_store_id (id TEXT NOT NULL);
`;

/** A lease row: who holds it until when (epoch ms). */
export interface LeaseRow {
  holder: string;
  expiresAt: number;
}

/**
 * Leases in the shared database (WAL: every process of one host opens the same file): a row per lease
 * with its holder and expiry, taken by an upsert that only succeeds when the row is free, expired, ours,
 * or held by a process known to be dead. Also keeps the database's random id, which names its leases
 * in Redis, so that the processes sharing a database share a lease and other hosts have their own.
 */
export class LeaseTable {
  readonly #s;
  /** Random, made when the database is created: the same for every process that opens this file. */
  readonly storeId: string;

  constructor(db: Db) {
    db.transaction(() => {
      db.exec(SCHEMA);
      if (!db.prepare('SELECT 1 FROM ingest_store_id').get())
        db.prepare('INSERT INTO ingest_store_id (id) VALUES (?)').run(randomBytes(8).toString('hex'));
    }).immediate();
    this.storeId = (db.prepare('SELECT id FROM ingest_store_id LIMIT 1').get() as { id: string }).id;
    this.#s = {
      get: db.prepare('SELECT holder, expires_at AS expiresAt FROM ingest_leases WHERE name = ?'),
      take: db.prepare(`INSERT INTO ingest_leases (name, holder, expires_at) VALUES (@name, @holder, @expiresAt)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE ingest_leases.holder = excluded.holder OR ingest_leases.expires_at <= @now OR ingest_leases.holder = @dead`),
      force:
        db.prepare(`INSERT INTO ingest_leases (name, holder, expires_at) VALUES (@name, @holder, @expiresAt)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`),
      release: db.prepare('DELETE FROM ingest_leases WHERE name = ? AND holder = ?'),
    };
  }

  get(name: string): LeaseRow | null {
    return (this.#s.get.get(name) as LeaseRow | undefined) ?? null;
  }

  /** Takes or renews `name` until `expiresAt`; `dead` names a holder known to be gone (or ''). True when held. */
  take(name: string, holder: string, now: number, expiresAt: number, dead = ''): boolean {
    return this.#s.take.run({ name, holder, now, expiresAt, dead }).changes === 1;
  }

  /** Writes the holder whatever the row says (it holds the lease elsewhere, e.g. in Redis). */
  force(name: string, holder: string, expiresAt: number): void {
    this.#s.force.run({ name, holder, expiresAt });
  }

  release(name: string, holder: string): void {
    this.#s.release.run(name, holder);
  }
}
