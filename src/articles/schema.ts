import type { Db } from './database.js';

/**
 * Schema of the article store. The database file is shared with other components (e.g. the cache),
 * so every object here is prefixed `articles` and the version lives in our own `articles_meta` table
 * rather than in `PRAGMA user_version`. Nothing outside these names is ever created or dropped.
 *
 * Full-text search uses an FTS5 *external content* table over `articles(title, body)`: the text is
 * stored once (in `articles`), the index is kept in sync by triggers, and `snippet()`/`highlight()`
 * still work. Tokenizer: `porter unicode61 remove_diacritics 2` — case- and accent-insensitive, with
 * English stemming so "troops" matches "troop" and "bombings" matches "bombing".
 */
const MIGRATIONS: readonly string[] = [
  /* v1 */ `
  CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    url TEXT UNIQUE,
    url_key TEXT UNIQUE,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    byline TEXT,
    published_at INTEGER,
    fetched_at INTEGER NOT NULL,
    body TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    image_url TEXT
  );
  CREATE INDEX IF NOT EXISTS articles_effective_time ON articles (coalesce(published_at, fetched_at));
  CREATE INDEX IF NOT EXISTS articles_body_hash ON articles (body_hash);
  CREATE INDEX IF NOT EXISTS articles_content_hash ON articles (content_hash);

  CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, content='articles', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
  END;
  CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  END;
  CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
  END;

  CREATE TABLE IF NOT EXISTS articles_title_terms (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    term TEXT NOT NULL,
    label TEXT NOT NULL,
    initial INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, term)
  ) WITHOUT ROWID;
  `,
];

/** Latest schema version this code knows. */
export const ARTICLES_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the article tables up to date; idempotent and safe to call on every start. */
export function migrateArticles(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS articles_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const readVersion = db.prepare("SELECT value FROM articles_meta WHERE key = 'schema_version'");
  const writeVersion = db.prepare(
    "INSERT INTO articles_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  );
  const apply = db.transaction(() => {
    // Read inside the write transaction so two processes starting together cannot both migrate.
    const row = readVersion.get() as { value: string } | undefined;
    const current = row ? Number(row.value) : 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `articles schema version ${current} is newer than this build supports (${MIGRATIONS.length})`,
      );
    }
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (current !== MIGRATIONS.length) writeVersion.run(String(MIGRATIONS.length));
  });
  apply.immediate();
}
