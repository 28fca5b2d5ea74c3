import type Database from 'better-sqlite3';
import type { Db } from '../articles/database.js';

/** Positional parameters, or one object of named ones. */
type Statement = Database.Statement;

/** A feed the bot polls: the operator's (guildId null, from FEEDS_FILE) or a server's (/feeds add). */
export interface FeedRecord {
  id: number;
  url: string;
  guildId: string | null;
  topic: string | null;
  title: string | null;
  addedBy: string | null;
  addedAt: number;
  intervalMs: number;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: number;
  lastPolledAt: number | null;
  lastOkAt: number | null;
  /** When the current run of failures began; null while healthy. */
  failingSince: number | null;
  failures: number;
  lastError: string | null;
  /** Why polling stopped (failing for too long); null while active. */
  disabledReason: string | null;
  /** Items stored over the feed's life. */
  itemsStored: number;
  /** Whether the first poll (the backlog) is done. */
  primed: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ingest_feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  guild_id TEXT NOT NULL DEFAULT '',
  topic TEXT,
  title TEXT,
  added_by TEXT,
  added_at INTEGER NOT NULL,
  interval_ms INTEGER NOT NULL,
  etag TEXT,
  last_modified TEXT,
  next_poll_at INTEGER NOT NULL,
  last_polled_at INTEGER,
  last_ok_at INTEGER,
  failing_since INTEGER,
  failures INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  disabled_reason TEXT,
  items_stored INTEGER NOT NULL DEFAULT 0,
  primed INTEGER NOT NULL DEFAULT 0,
  UNIQUE (url, guild_id)
);
CREATE TABLE IF NOT EXISTS ingest_feed_items (
  feed_url TEXT NOT NULL,
  guid TEXT NOT NULL,
  article_id INTEGER NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (feed_url, guid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ingest_feeds_due ON ingest_feeds (next_poll_at) WHERE disabled_reason IS NULL;
`;

type Row = Record<string, unknown>;

function toRecord(r: Row): FeedRecord {
  return {
    id: Number(r.id),
    url: String(r.url),
    guildId: (r.guild_id as string) || null, // '' is an operator feed
    topic: (r.topic as string | null) ?? null,
    title: (r.title as string | null) ?? null,
    addedBy: (r.added_by as string | null) ?? null,
    addedAt: Number(r.added_at),
    intervalMs: Number(r.interval_ms),
    etag: (r.etag as string | null) ?? null,
    lastModified: (r.last_modified as string | null) ?? null,
    nextPollAt: Number(r.next_poll_at),
    lastPolledAt: r.last_polled_at === null ? null : Number(r.last_polled_at),
    lastOkAt: r.last_ok_at === null ? null : Number(r.last_ok_at),
    failingSince: r.failing_since === null ? null : Number(r.failing_since),
    failures: Number(r.failures),
    lastError: (r.last_error as string | null) ?? null,
    disabledReason: (r.disabled_reason as string | null) ?? null,
    itemsStored: Number(r.items_stored),
    primed: Number(r.primed) === 1,
  };
}

/** The feeds table (in the shared SQLite file) and every state change of a feed. */
export class FeedRegistry {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
  }

  /** A statement prepared once per registry (feed items look up GUIDs on every poll). */
  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  /**
   * Adds a feed for a server (or the operator, guildId null), or re-enables and updates it when it is
   * already there. Returns the record and whether it was new.
   */
  add(input: {
    url: string;
    guildId: string | null;
    topic?: string | null;
    addedBy?: string | null;
    intervalMs: number;
    now: number;
  }): { feed: FeedRecord; created: boolean } {
    const existing = this.find(input.url, input.guildId);
    if (existing) {
      this.sql(
        'UPDATE ingest_feeds SET topic = ?, interval_ms = ?, disabled_reason = NULL, failing_since = NULL, failures = 0, next_poll_at = ? WHERE id = ?',
      ).run(input.topic ?? null, input.intervalMs, input.now, existing.id);
      return { feed: this.get(existing.id)!, created: false };
    }
    const info = this.sql(
      'INSERT INTO ingest_feeds (url, guild_id, topic, added_by, added_at, interval_ms, next_poll_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      input.url,
      input.guildId ?? '',
      input.topic ?? null,
      input.addedBy ?? null,
      input.now,
      input.intervalMs,
      input.now,
    );
    return { feed: this.get(Number(info.lastInsertRowid))!, created: true };
  }

  get(id: number): FeedRecord | null {
    const row = this.sql('SELECT * FROM ingest_feeds WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  find(url: string, guildId: string | null): FeedRecord | null {
    const row = this.sql('SELECT * FROM ingest_feeds WHERE url = ? AND guild_id = ?').get(
      url,
      guildId ?? '',
    ) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /** A server's feeds (or the operator's with null), oldest first. */
  list(guildId: string | null): FeedRecord[] {
    return (
      this.sql('SELECT * FROM ingest_feeds WHERE guild_id = ? ORDER BY id').all(guildId ?? '') as Row[]
    ).map(toRecord);
  }

  all(): FeedRecord[] {
    return (this.sql('SELECT * FROM ingest_feeds ORDER BY id').all() as Row[]).map(toRecord);
  }

  /** Removes a feed of this server; returns whether one was removed. Stored articles stay. */
  remove(id: number, guildId: string | null): boolean {
    return (
      this.sql('DELETE FROM ingest_feeds WHERE id = ? AND guild_id = ?').run(id, guildId ?? '').changes > 0
    );
  }

  /** Active feeds due at `now`, most overdue first. */
  due(now: number, limit = 50): FeedRecord[] {
    return (
      this.sql(
        'SELECT * FROM ingest_feeds WHERE disabled_reason IS NULL AND next_poll_at <= ? ORDER BY next_poll_at LIMIT ?',
      ).all(now, limit) as Row[]
    ).map(toRecord);
  }

  /** When the next active feed is due, or null. */
  nextDueAt(): number | null {
    const row = this.sql(
      'SELECT min(next_poll_at) AS at FROM ingest_feeds WHERE disabled_reason IS NULL',
    ).get() as { at: number | null };
    return row.at;
  }

  /** The article a feed's item (by its GUID) was stored as, or null when the item is new. */
  articleForGuid(feedUrl: string, guid: string): number | null {
    const row = this.sql('SELECT article_id FROM ingest_feed_items WHERE feed_url = ? AND guid = ?').get(
      feedUrl,
      guid,
    ) as { article_id: number } | undefined;
    return row ? row.article_id : null;
  }

  /** Forgets the feed items stored as these articles (they were removed). */
  forgetArticles(ids: readonly number[]): void {
    const forget = this.sql('DELETE FROM ingest_feed_items WHERE article_id = ?');
    this.db.transaction(() => {
      for (const id of ids) forget.run(id);
    })();
  }

  rememberGuid(feedUrl: string, guid: string, articleId: number, now: number): void {
    this.sql(
      'INSERT INTO ingest_feed_items (feed_url, guid, article_id, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (feed_url, guid) DO UPDATE SET article_id = excluded.article_id, seen_at = excluded.seen_at',
    ).run(feedUrl, guid, articleId, now);
  }

  recordSuccess(
    id: number,
    s: {
      now: number;
      nextPollAt: number;
      etag: string | null;
      lastModified: string | null;
      title: string | null;
      stored: number;
    },
  ): void {
    this.sql(
      `UPDATE ingest_feeds SET last_polled_at = @now, last_ok_at = @now, next_poll_at = @nextPollAt, etag = coalesce(@etag, etag),
         last_modified = coalesce(@lastModified, last_modified), title = coalesce(@title, title), failing_since = NULL, failures = 0,
         last_error = NULL, items_stored = items_stored + @stored, primed = 1 WHERE id = @id`,
    ).run({ ...s, id });
  }

  recordFailure(
    id: number,
    f: { now: number; nextPollAt: number; error: string; disabledReason: string | null },
  ): void {
    this.sql(
      `UPDATE ingest_feeds SET last_polled_at = @now, next_poll_at = @nextPollAt, failing_since = coalesce(failing_since, @now),
         failures = failures + 1, last_error = @error, disabled_reason = @disabledReason WHERE id = @id`,
    ).run({ ...f, id });
  }
}
