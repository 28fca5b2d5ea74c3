import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import type { KeyvStoreAdapter } from 'keyv';

/** Options for {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /** Table to keep entries in (created if missing). Only this table is ever read or written. */
  table?: string;
  /** Close the database on `disconnect()`: only for a database the store owns, never the shared app db. */
  ownsDatabase?: boolean;
  /** Purge expired rows after every this many writes (default 100). */
  purgeEvery?: number;
  /** Rows removed per purge at most, so a purge has a bounded cost (default 200). */
  purgeLimit?: number;
}

interface Row {
  key: string;
  value: string;
  expires: number | null;
}

const PAGE = 100;

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database, table: string) {
  const live = '(expires IS NULL OR expires > @now)';
  return {
    get: db.prepare<[string], Row>(`SELECT key, value, expires FROM ${table} WHERE key = ?`),
    set: db.prepare<
      [string, string, number | null]
    >(`INSERT INTO ${table} (key, value, expires) VALUES (?, ?, ?)
      ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires`),
    del: db.prepare<[string]>(`DELETE FROM ${table} WHERE key = ?`),
    delExpired: db.prepare<[string, number]>(`DELETE FROM ${table} WHERE key = ? AND expires <= ?`),
    has: db.prepare<[{ key: string; now: number }], { one: number }>(
      `SELECT 1 AS one FROM ${table} WHERE key = @key AND ${live}`,
    ),
    clearRange: db.prepare<[string, string]>(`DELETE FROM ${table} WHERE key >= ? AND key < ?`),
    clearAll: db.prepare(`DELETE FROM ${table}`),
    page: db.prepare<[{ after: string | null; lo: string | null; hi: string | null; now: number }], Row>(
      `SELECT key, value, expires FROM ${table}
       WHERE (@after IS NULL OR key > @after) AND (@lo IS NULL OR (key >= @lo AND key < @hi)) AND ${live}
       ORDER BY key LIMIT ${PAGE}`,
    ),
    purge: db.prepare<[number, number]>(`DELETE FROM ${table} WHERE key IN
      (SELECT key FROM ${table} WHERE expires IS NOT NULL AND expires <= ? LIMIT ?)`),
  };
}

/** The key range `[lo, hi)` holding exactly the keys that start with `ns:` (':' + 1 is ';'). */
function namespaceRange(namespace: string): [string, string] {
  return [`${namespace}:`, `${namespace};`];
}

/**
 * A keyv 5 storage adapter over a better-sqlite3 database, in one table of its own
 * (`key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER`, epoch ms or NULL).
 * Keyv prefixes keys with `namespace:`; `clear()` and `iterator()` touch only this store's namespace
 * (all rows of the table when no namespace is set). Expired rows read as missing and are purged lazily:
 * on read, and in bounded batches every `purgeEvery` writes (or on demand with {@link purgeExpired}).
 * Errors surface as rejected promises, which keyv turns into its 'error' event / `throwOnErrors`.
 */
export class SqliteStore extends EventEmitter implements KeyvStoreAdapter {
  /** Set by keyv to its namespace. */
  namespace?: string | undefined;
  /** Read by keyv: `dialect` marks the adapter as iterable. */
  opts: Record<string, unknown>;
  private readonly stmt: Statements;
  private readonly purgeEvery: number;
  private readonly purgeLimit: number;
  private writes = 0;

  /**
   * @param db the database holding the table (read-only here so callers can tell which one is used)
   */
  constructor(
    readonly db: Database.Database,
    private readonly options: SqliteStoreOptions = {},
  ) {
    super();
    const table = options.table ?? 'keyv_cache';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new TypeError(`invalid cache table name: ${table}`);
    this.purgeEvery = options.purgeEvery ?? 100;
    this.purgeLimit = options.purgeLimit ?? 200;
    this.opts = { dialect: 'sqlite', url: `sqlite://${db.name}`, table };
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER);
      CREATE INDEX IF NOT EXISTS ${table}_expires ON ${table}(expires) WHERE expires IS NOT NULL;`);
    this.stmt = prepare(db, table);
  }

  private read(key: string, now: number): string | undefined {
    const row = this.stmt.get.get(key);
    if (!row) return undefined;
    if (row.expires !== null && row.expires <= now) {
      this.stmt.delExpired.run(key, now);
      return undefined;
    }
    return row.value;
  }

  /** The stored (serialized) value, or undefined when missing or expired. */
  async get<Value>(key: string): Promise<Value | undefined> {
    return this.read(key, Date.now()) as Value | undefined;
  }

  /** Values for many keys, in order, undefined where missing or expired. */
  async getMany<Value>(keys: string[]): Promise<(Value | undefined)[]> {
    const now = Date.now();
    return keys.map((key) => this.read(key, now) as Value | undefined);
  }

  /** Stores a serialized value; `ttl` in milliseconds (absent or <= 0: no expiry). */
  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    if (typeof value !== 'string')
      throw new TypeError('SqliteStore stores strings only (keyv serializes values)');
    const expires = typeof ttl === 'number' && ttl > 0 ? Date.now() + ttl : null;
    this.stmt.set.run(key, value, expires);
    if (++this.writes % this.purgeEvery === 0) this.purgeInBackground();
    return true;
  }

  /** True when a row was deleted. */
  async delete(key: string): Promise<boolean> {
    return this.stmt.del.run(key).changes > 0;
  }

  /** True when at least one row was deleted. */
  async deleteMany(keys: string[]): Promise<boolean> {
    const run = this.db.transaction((ks: string[]) =>
      ks.reduce((n, k) => n + this.stmt.del.run(k).changes, 0),
    );
    return run(keys) > 0;
  }

  /** Whether a live (unexpired) entry exists. */
  async has(key: string): Promise<boolean> {
    return this.stmt.has.get({ key, now: Date.now() }) !== undefined;
  }

  /** {@link has} for many keys, in order. */
  async hasMany(keys: string[]): Promise<boolean[]> {
    const now = Date.now();
    return keys.map((key) => this.stmt.has.get({ key, now }) !== undefined);
  }

  /** Deletes every entry of this namespace (every row of the table when there is no namespace). */
  async clear(): Promise<void> {
    if (this.namespace) this.stmt.clearRange.run(...namespaceRange(this.namespace));
    else this.stmt.clearAll.run();
  }

  /** Yields `[prefixedKey, serializedValue]` for live entries of `namespace`, a page at a time. */
  async *iterator<Value>(namespace?: string): AsyncGenerator<[string, Value | undefined], void> {
    const [lo, hi] = namespace ? namespaceRange(namespace) : [null, null];
    let after: string | null = null;
    for (;;) {
      const rows = this.stmt.page.all({ after, lo, hi, now: Date.now() });
      for (const row of rows) yield [row.key, row.value as Value];
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      after = last.key;
    }
  }

  /** Removes up to `limit` expired rows (any namespace: they are dead anyway); returns how many. */
  purgeExpired(limit = this.purgeLimit): number {
    return this.stmt.purge.run(Date.now(), limit).changes;
  }

  private purgeInBackground(): void {
    try {
      this.purgeExpired();
    } catch (error) {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    }
  }

  /** Closes the database when the store owns it; the shared app database is left open. */
  async disconnect(): Promise<void> {
    if (this.options.ownsDatabase && this.db.open) this.db.close();
  }
}
