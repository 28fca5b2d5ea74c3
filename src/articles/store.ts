/*
 * The article store, the only module with SQL over the `articles*` tables: their schema and migration,
 * the row shape, every prepared statement (one cache, per database), `articlesSince` for readers that
 * hold only the database, and the `ArticleStore` class with the dedupe policy.
 */
import type { Article, NewArticle } from './article.js';
import type { Db } from './database.js';
import { buildFtsQuery, countMentions } from './fts-query.js';
import { bodyDedupeHash, contentHash, isDedupeableBody } from './hash.js';
import { contentWords, jaccard, leadWords, SAME_LEAD, SAME_TITLE, SOME_TITLE } from './same-story.js';
import { extractTitleTerms, type TitleTerm } from './title-terms.js';
import { ArticleRejectedError, capText, notLanguageReason, stripControlCharacters } from './text-hygiene.js';
import { cleanUrl, urlKey } from './url-key.js';
import type { Logger } from '../logger.js';

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
/** Characters of the body indexed again as the lead (roughly the first paragraph of a news story). */
const LEAD_CHARS = 300;

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
  /* v2: a lead column (the first ${LEAD_CHARS} characters of the body) in the index, weighted above the body. */ `
  ALTER TABLE articles ADD COLUMN lead TEXT GENERATED ALWAYS AS (substr(body, 1, ${LEAD_CHARS})) VIRTUAL;
  DROP TRIGGER IF EXISTS articles_fts_ai;
  DROP TRIGGER IF EXISTS articles_fts_ad;
  DROP TRIGGER IF EXISTS articles_fts_au;
  DROP TABLE IF EXISTS articles_fts;
  CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, lead, body, content='articles', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, lead, body) VALUES (new.id, new.title, new.lead, new.body);
  END;
  CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, lead, body)
      VALUES ('delete', old.id, old.title, old.lead, old.body);
  END;
  CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, lead, body)
      VALUES ('delete', old.id, old.title, old.lead, old.body);
    INSERT INTO articles_fts(rowid, title, lead, body) VALUES (new.id, new.title, new.lead, new.body);
  END;
  INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
  `,
  /* v3: the bundled sample articles are marked as such (the console's demo data, never served on Discord).
     A database that already held articles may hold samples imported before they were marked. */ `
  CREATE TABLE IF NOT EXISTS articles_samples (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
  );
  INSERT INTO articles_meta (key, value) SELECT 'samples_unmarked', '1' WHERE EXISTS (SELECT 1 FROM articles);
  `,
  /* v4: stories. Articles about the same event share a story id (the id of the story's first article),
     set at ingest; NULL (older articles) reads as the article's own id. Title terms are indexed by term,
     so that an article's candidate partners are found without a scan. */ `
  ALTER TABLE articles ADD COLUMN story_id INTEGER;
  CREATE INDEX IF NOT EXISTS articles_story ON articles (story_id);
  CREATE INDEX IF NOT EXISTS articles_title_terms_term ON articles_title_terms (term, article_id);
  `,
];

/** Brings the article tables up to date; idempotent and safe to call on every start. */
function migrateArticles(db: Db): void {
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

/** An `articles` row as better-sqlite3 returns it. */
interface ArticleRow {
  id: number;
  url: string | null;
  url_key: string | null;
  source: string;
  title: string;
  byline: string | null;
  published_at: number | null;
  fetched_at: number;
  body: string;
  content_hash: string;
  body_hash: string;
  image_url: string | null;
  story_id: number | null;
}

/** Columns selected for an {@link ArticleRow}, qualified by table alias `a`. */
const ARTICLE_COLUMNS =
  'a.id, a.url, a.url_key, a.source, a.title, a.byline, a.published_at, a.fetched_at, a.body, a.content_hash, a.body_hash, a.image_url, a.story_id';

/** SQL for the time an article counts as published (matches `effectiveTime` and the index). */
const EFFECTIVE_TIME = 'coalesce(a.published_at, a.fetched_at)';

/** Maps a row to the public {@link Article} shape. */
function rowToArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    url: row.url,
    source: row.source,
    title: row.title,
    byline: row.byline,
    publishedAt: row.published_at,
    fetchedAt: row.fetched_at,
    body: row.body,
    contentHash: row.content_hash,
    imageUrl: row.image_url,
    storyId: row.story_id ?? row.id,
  };
}

/** Options for {@link ArticleStore.search}. */
export interface SearchOptions {
  /** Free user text; never interpreted as FTS syntax. */
  query: string;
  /** Only articles whose effective time is at or after this epoch ms. */
  since?: number;
  limit?: number;
}

/** Options for {@link ArticleStore.topTitleTerms}. */
export interface TitleTermsOptions {
  since?: number;
  /** At most 25. */
  limit?: number;
  /** Only terms with a word starting with this text (case-insensitive). */
  prefix?: string;
}

/** An autocomplete term with the number of recent headlines containing it. */
export interface TitleTermCount {
  /** Display form: as capitalised mid-headline when it occurs there, else from the newest headline. */
  term: string;
  count: number;
}

/** How many of the newest articles `topTitleTerms` looks at: bounds its cost on big stores. */
const TITLE_TERMS_SCAN = 1000;
const DAY_MS = 86_400_000;
const NO_SINCE = -Number.MAX_SAFE_INTEGER;

/** Options for {@link ArticleStore.since} and {@link articlesSince}. */
export interface ArticlesSinceOptions {
  /** Window start, epoch ms (inclusive). */
  since: number;
  /** Window end, epoch ms (exclusive). */
  until: number;
  /** Only articles matching this full-text topic (same rules as search); none for all. */
  topic?: string | null;
  /** At most this many, newest first (default 200, at most 1000). */
  limit?: number;
}

/**
 * Dated, and published OR fetched within [@since, @until). An undated article is never in a time window:
 * its fetch time says when we read it, not when it happened (an undated page may be years old); it is
 * found only without a window (a widened briefing, a plain search) and then ranks as the oldest.
 */
const WINDOW = `a.published_at IS NOT NULL AND ((a.published_at >= @since AND a.published_at < @until) OR (a.fetched_at >= @since AND a.fetched_at < @until))`;
const ORDER = `ORDER BY ${EFFECTIVE_TIME} DESC, a.id DESC LIMIT @limit`;
/** Newest publication first; undated articles last (by fetch time). */
const DATED_ORDER = `ORDER BY a.published_at IS NULL, a.published_at DESC, a.fetched_at DESC, a.id DESC`;

/**
 * Relevance of a full-text match (higher is better): bm25 with a title hit weighted 4x and a lead hit
 * (the first {@link LEAD_CHARS} characters, also part of the body) 2x a body hit, so the words of an
 * article's headline and first paragraph count far above a passing mention further down.
 */
const RELEVANCE = '-bm25(articles_fts, 4.0, 2.0, 1.0)';

/** Relevance from the title and lead alone: above 0 exactly when the topic is in the headline or lead. */
const HEAD_RELEVANCE = '-bm25(articles_fts, 1.0, 1.0, 0.0)';

/**
 * The relevance floor, relative to the best match: an article matching a topic is kept only if its
 * relevance is at least this share of the best one's. An article *about* a topic names it in its
 * headline or lead and scores close to the best; one naming it in passing further down scores a
 * fraction of it (the tsunami-aid story that mentions Iraq once: a quarter of the Iraq story). So a
 * match in the headline or lead needs a fifth of the best score, a match in the body only half (and
 * two mentions).
 */
export const RELEVANCE_FLOOR = { head: 0.2, bodyOnly: 0.5 } as const;

/** Most matches kept, best first, before the relevance floor and the limit are applied. */
const CANDIDATES = 1000;

/**
 * /news search scores at most this many matches, the newest stored (FTS5 walks its rowids newest first
 * without scoring, which is cheap): a common word matches a third of a large store, and scoring all of
 * them costs tens of milliseconds, while ranking divides relevance by age anyway.
 */
export const SEARCH_SCORED_MAX = 500;

/**
 * When too few of those are in the asked window (a backlog stored after the window's articles), the
 * window's newest matches are looked for among at most this many of the newest stored matches, so that
 * a word found in nearly every article costs the same in a store of any size.
 */
export const SEARCH_WINDOW_WALK_MAX = 5_000;

/** Partners of a new article are looked for among this many of the newest articles sharing each headline term. */
const STORY_CANDIDATES_PER_TERM = 24;
/** ...published this close to it (an event's coverage spans a few days; a later one is a new story). */
const STORY_WINDOW_MS = 3 * 86_400_000;

/** Every prepared statement over the article tables of one database. */
function prepare(db: Db) {
  const one = (where: string) =>
    db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE ${where} LIMIT 1`);
  return {
    byId: one('a.id = ?'),
    byUrlKey: one('a.url_key = ?'),
    byContentHash: one('a.content_hash = ? ORDER BY a.id'),
    byBodyHash: one('a.body_hash = ? ORDER BY a.id'),
    count: db.prepare('SELECT count(*) AS n FROM articles').pluck(),
    insert: db.prepare(`INSERT INTO articles
      (url, url_key, source, title, byline, published_at, fetched_at, body, content_hash, body_hash, image_url)
      VALUES (@url, @url_key, @source, @title, @byline, @published_at, @fetched_at, @body, @content_hash, @body_hash, @image_url)`),
    update: db.prepare(`UPDATE articles SET url = @url, url_key = @url_key, source = @source, title = @title,
      byline = @byline, published_at = @published_at, body = @body, content_hash = @content_hash,
      body_hash = @body_hash, image_url = @image_url WHERE id = @id`),
    deleteTerms: db.prepare('DELETE FROM articles_title_terms WHERE article_id = ?'),
    /** The newest articles (by id) whose headline has this term. */
    termArticles: db
      .prepare(
        `SELECT article_id FROM articles_title_terms WHERE term = ? AND article_id != ? ORDER BY article_id DESC LIMIT ${STORY_CANDIDATES_PER_TERM}`,
      )
      .pluck(),
    storyCandidate: db.prepare(
      `SELECT title, coalesce(story_id, id) AS story, ${EFFECTIVE_TIME} AS at FROM articles a WHERE id = ?`,
    ),
    storyCandidateLead: db.prepare('SELECT substr(body, 1, 600) FROM articles WHERE id = ?').pluck(),
    setStory: db.prepare('UPDATE articles SET story_id = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM articles WHERE id = ?'),
    idsBySource: db.prepare('SELECT id FROM articles WHERE source = ? ORDER BY id').pluck(),
    idsByTitleAndSource: db.prepare('SELECT id FROM articles WHERE title = ? AND source = ?').pluck(),
    markSample: db.prepare('INSERT OR IGNORE INTO articles_samples (article_id) VALUES (?)'),
    sampleIds: db.prepare('SELECT article_id FROM articles_samples ORDER BY article_id').pluck(),
    unmarkedSamples: db.prepare("SELECT 1 FROM articles_meta WHERE key = 'samples_unmarked'"),
    forgetUnmarkedSamples: db.prepare("DELETE FROM articles_meta WHERE key = 'samples_unmarked'"),
    insertTerm: db.prepare(
      'INSERT OR IGNORE INTO articles_title_terms (article_id, term, label, initial) VALUES (?, ?, ?, ?)',
    ),
    list: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE ${EFFECTIVE_TIME} >= ?
      ORDER BY ${EFFECTIVE_TIME} DESC, a.id DESC LIMIT ? OFFSET ?`),
    search:
      db.prepare(`SELECT ${ARTICLE_COLUMNS}, ${RELEVANCE} AS relevance, ${HEAD_RELEVANCE} AS head FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
      WHERE articles_fts MATCH @match AND articles_fts.rowid >= @floor AND (@since IS NULL OR a.published_at >= @since)
      ORDER BY relevance DESC, a.id DESC LIMIT ${CANDIDATES}`),
    /** The rowid of the SEARCH_SCORED_MAX-th newest match (none when there are fewer matches). */
    searchFloor: db
      .prepare(
        `SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET ${SEARCH_SCORED_MAX - 1}`,
      )
      .pluck(),
    /**
     * The rowid of the SEARCH_SCORED_MAX-th newest match published since @since, among the
     * SEARCH_WINDOW_WALK_MAX newest matches (walked, not scored).
     */
    searchWindowFloor: db
      .prepare(
        `SELECT m.rowid FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match
          ORDER BY rowid DESC LIMIT ${SEARCH_WINDOW_WALK_MAX}) m JOIN articles a ON a.id = m.rowid
        WHERE a.published_at >= @since ORDER BY m.rowid DESC LIMIT 1 OFFSET ${SEARCH_SCORED_MAX - 1}`,
      )
      .pluck(),
    /** The rowid of the SEARCH_WINDOW_WALK_MAX-th newest match (none when there are fewer matches). */
    searchWalkFloor: db
      .prepare(
        `SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET ${SEARCH_WINDOW_WALK_MAX - 1}`,
      )
      .pluck(),
    recent: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a
      WHERE @since IS NULL OR a.published_at >= @since ${DATED_ORDER} LIMIT @limit`),
    terms: db.prepare(`WITH recent AS (
        SELECT a.id, ${EFFECTIVE_TIME} AS at FROM articles a WHERE ${EFFECTIVE_TIME} >= @since
        ORDER BY ${EFFECTIVE_TIME} DESC LIMIT ${TITLE_TERMS_SCAN})
      SELECT t.term AS term, t.label AS label, count(*) AS n,
        max((1 - t.initial) * 10000000000000 + r.at) AS best -- label: mid-headline use first, then newest
      FROM recent r JOIN articles_title_terms t ON t.article_id = r.id
      WHERE @prefix IS NULL OR t.term LIKE @p1 ESCAPE '\\' OR t.term LIKE @p2 ESCAPE '\\'
      GROUP BY t.term
      HAVING instr(t.term, ' ') = 0 OR n >= 2
      ORDER BY n DESC, instr(t.term, ' ') > 0 DESC, t.term
      LIMIT @limit`),
    since: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE ${WINDOW} ${ORDER}`),
    sinceTopic:
      db.prepare(`SELECT ${ARTICLE_COLUMNS}, ${RELEVANCE} AS relevance, ${HEAD_RELEVANCE} AS head FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
        WHERE articles_fts MATCH @match AND ${WINDOW} ORDER BY relevance DESC, a.id DESC LIMIT ${CANDIDATES}`),
  };
}

type Statements = ReturnType<typeof prepare>;
type Statement = Statements['byId'];
/** The one prepared-statement cache: each database's statements, prepared once. */
const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

/**
 * Articles published OR ingested (fetched) within [since, until): what is new to readers since a
 * moment, including older stories that only just arrived in the store. With a topic, only full-text
 * matches (a topic with nothing searchable matches nothing). Newest first by effective time.
 * For readers that hold only the shared database (the digests); the store's tables must exist
 * (an {@link ArticleStore} has been opened on it). Same as {@link ArticleStore.since}.
 */
export function articlesSince(db: Db, options: ArticlesSinceOptions): Article[] {
  const limit = Math.max(0, Math.min(1000, Math.trunc(options.limit ?? 200)));
  const params = { since: options.since, until: options.until, limit };
  const s = statements(db);
  const topic = options.topic?.trim();
  if (!topic) return (s.since.all(params) as ArticleRow[]).map(rowToArticle);
  const match = buildFtsQuery(topic);
  if (match === null) return [];
  const { since, until } = params;
  const rows = aboveFloor(s.sinceTopic.all({ since, until, match }) as ScoredRow[], topic);
  return rows
    .sort((a, b) => effectiveRowTime(b) - effectiveRowTime(a) || b.id - a.id)
    .slice(0, limit)
    .map(rowToArticle);
}

/** A matching row with its relevance, and its relevance from the title and lead alone. */
type ScoredRow = ArticleRow & { relevance: number; head: number };

/**
 * Matches about the topic (rows come best first): at or above the {@link RELEVANCE_FLOOR}; and when some
 * article names the topic in its headline or lead, or twice, an article naming it only once further
 * down is a passing mention, left out whatever it scores (when none does, e.g. a rare name mentioned
 * once, such mentions are all there is and stay).
 */
function aboveFloor(rows: ScoredRow[], topic: string): ScoredRow[] {
  const best = rows[0]?.relevance ?? 0;
  const kept = rows
    .filter((r) => r.relevance >= best * (r.head > 0 ? RELEVANCE_FLOOR.head : RELEVANCE_FLOOR.bodyOnly))
    .map((r) => ({ r, strong: r.head > 0 || countMentions(topic, r.body) >= 2 }));
  const anyStrong = kept.some((k) => k.strong);
  return kept.filter((k) => k.strong || !anyStrong).map((k) => k.r);
}

function effectiveRowTime(row: ArticleRow): number {
  return row.published_at ?? row.fetched_at;
}

/** Options for {@link ArticleStore}. */
export interface ArticleStoreOptions {
  /** An open database (see `openDatabase`); the store creates its own tables in it. */
  db: Db;
  /** Clock, epoch ms (default `Date.now`): default `fetchedAt` and the age used in search ranking. */
  now?: () => number;
  /** Age in days at which search relevance is halved (default 7). */
  recencyHalfLifeDays?: number;
  /** Longest body kept, in characters (default 200,000); a longer one is cut at a boundary and logged. */
  maxBodyChars?: number;
  /** Where a cut body is reported. */
  logger?: Pick<Logger, 'warn'>;
}

/** Outcome of {@link ArticleStore.upsert}. */
export interface UpsertResult {
  status: 'added' | 'updated' | 'unchanged';
  article: Article;
}

/** Options for {@link ArticleStore.list}. */
export interface ListOptions {
  limit?: number;
  offset?: number;
  /** Only articles whose effective time (published, else fetched) is at or after this epoch ms. */
  since?: number;
}

/**
 * Articles in SQLite with FTS5 search. Dedupes on the normalised URL, then on identical title+body,
 * then on identical (long enough) body text. All methods are synchronous (better-sqlite3).
 */
export class ArticleStore {
  readonly #db: Db;
  readonly #now: () => number;
  readonly #maxBodyChars: number;
  readonly #logger: Pick<Logger, 'warn'> | undefined;
  readonly #halfLifeMs: number;
  readonly #s: Statements;

  constructor(options: ArticleStoreOptions) {
    this.#db = options.db;
    this.#now = options.now ?? Date.now;
    this.#maxBodyChars = options.maxBodyChars ?? 200_000;
    this.#logger = options.logger;
    this.#halfLifeMs = Math.max(1, (options.recencyHalfLifeDays ?? 7) * DAY_MS);
    migrateArticles(this.#db);
    this.#s = statements(this.#db);
  }

  /**
   * Adds an article, or matches it to a stored one, in this order: same normalised URL (tracking
   * parameters, fragment, `www.`, scheme, trailing slash and parameter order ignored); same title and
   * body; same body text (when at least 200 letters long). A URL match with different text or metadata
   * is 'updated' (same id; `fetchedAt` and `source` are kept, so two ingest paths naming a site
   * differently do not flap; a missing byline/date/image does not erase the stored one);
   * a text match is 'unchanged' (it only adopts the URL if the stored article had none: 'updated').
   * Throws TypeError for an empty title or body.
   */
  upsert(input: NewArticle): UpsertResult {
    const title = stripControlCharacters(input.title).trim();
    let body = stripControlCharacters(input.body).trim();
    if (!title) throw new TypeError('article title is empty');
    if (!body) throw new TypeError('article body is empty');
    const notLanguage = notLanguageReason(body);
    if (notLanguage) throw new ArticleRejectedError(notLanguage);
    const capped = capText(body, this.#maxBodyChars);
    if (capped.cut) {
      this.#logger?.warn(
        { url: input.url, title, chars: body.length, kept: capped.text.length },
        'article body longer than ARTICLE_MAX_CHARS; stored the start of it',
      );
      body = capped.text;
    }
    const url = input.url?.trim() ? cleanUrl(input.url) : null;
    const next = {
      url,
      url_key: urlKey(url),
      title,
      body,
      source: input.source.trim() || 'Unknown',
      byline: input.byline?.trim() || null,
      published_at: input.publishedAt ?? null,
      image_url: input.imageUrl?.trim() || null,
      content_hash: contentHash(title, body),
      body_hash: bodyDedupeHash(body),
    };
    return this.#db
      .transaction((): UpsertResult => {
        const byUrl = next.url_key ? this.#row(this.#s.byUrlKey, next.url_key) : undefined;
        if (byUrl) {
          const merged: ArticleRow = {
            ...byUrl,
            title,
            body,
            content_hash: next.content_hash,
            body_hash: next.body_hash,
            byline: next.byline ?? byUrl.byline,
            published_at: next.published_at ?? byUrl.published_at,
            image_url: next.image_url ?? byUrl.image_url,
          };
          return this.#saveIfChanged(byUrl, merged);
        }
        const sameText =
          this.#row(this.#s.byContentHash, next.content_hash) ??
          (isDedupeableBody(body) ? this.#row(this.#s.byBodyHash, next.body_hash) : undefined);
        if (sameText) {
          // Same story text: keep the stored row; only adopt a URL if it had none.
          if (sameText.url || !next.url) return { status: 'unchanged', article: rowToArticle(sameText) };
          return this.#saveIfChanged(sameText, { ...sameText, url: next.url, url_key: next.url_key });
        }
        const row = { ...next, fetched_at: input.fetchedAt ?? this.#now() };
        const id = Number(this.#s.insert.run(row).lastInsertRowid);
        this.#writeTitleTerms(id, title);
        this.#assignStory(id, { title, body, at: row.published_at ?? row.fetched_at });
        return { status: 'added', article: rowToArticle(this.#row(this.#s.byId, id)!) };
      })
      .immediate();
  }

  #row(statement: Statement, key: number | string): ArticleRow | undefined {
    return statement.get(key) as ArticleRow | undefined;
  }

  #saveIfChanged(before: ArticleRow, after: ArticleRow): UpsertResult {
    const keys = ['url', 'source', 'title', 'byline', 'published_at', 'body', 'image_url'] as const;
    if (keys.every((k) => before[k] === after[k]))
      return { status: 'unchanged', article: rowToArticle(before) };
    this.#s.update.run(after);
    if (before.title !== after.title) this.#writeTitleTerms(after.id, after.title);
    return { status: 'updated', article: rowToArticle(after) };
  }

  #writeTitleTerms(id: number, title: string): void {
    const terms: TitleTerm[] = extractTitleTerms(title);
    this.#s.deleteTerms.run(id);
    for (const t of terms) this.#s.insertTerm.run(id, t.term, t.label, t.initial ? 1 : 0);
  }

  /**
   * Puts a new article in the story of the newest article about the same event ({@link sameStory}:
   * headlines, then leads), found among recent articles sharing a headline term; else it starts its own.
   */
  #assignStory(id: number, article: { title: string; body: string; at: number }): void {
    const title = new Set(contentWords(article.title));
    let lead: Set<string> | null = null;
    // Candidates: the newest articles under each of the headline's words. Headlines somewhat alike
    // share two words (one, for a headline of three words or fewer), so the others are never read.
    const shared = new Map<number, number>();
    for (const term of extractTitleTerms(article.title)) {
      if (term.term.includes(' ')) continue; // a two-word term's articles are among its words' already
      for (const other of this.#s.termArticles.all(term.term, id) as number[])
        shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    const needed = title.size <= 3 ? 1 : 2;
    let best: { story: number; at: number } | null = null;
    for (const [other, count] of shared) {
      if (count < needed) continue;
      const row = this.#s.storyCandidate.get(other) as
        { title: string; story: number; at: number } | undefined;
      if (!row || Math.abs(row.at - article.at) > STORY_WINDOW_MS || (best && row.at <= best.at)) continue;
      // Headlines first (cheap); the leads only when the headlines are somewhat alike.
      const alike = jaccard(title, new Set(contentWords(row.title)));
      if (alike < SOME_TITLE) continue;
      if (alike < SAME_TITLE) {
        lead ??= leadWords(article.body);
        const body = this.#s.storyCandidateLead.get(other) as string;
        if (jaccard(lead, leadWords(body)) < SAME_LEAD) continue;
      }
      best = { story: row.story, at: row.at };
    }
    if (best) this.#s.setStory.run(best.story, id);
  }

  /** The stored article for this URL (any tracking, AMP, www or scheme variant of it), or null. */
  findByUrl(url: string): Article | null {
    const key = urlKey(url);
    const row = key ? this.#row(this.#s.byUrlKey, key) : undefined;
    return row ? rowToArticle(row) : null;
  }

  /** The article with this id, or null. */
  get(id: number): Article | null {
    const row = Number.isSafeInteger(id) ? this.#row(this.#s.byId, id) : undefined;
    return row ? rowToArticle(row) : null;
  }

  /** Articles newest first by effective time (published, else fetched). */
  list(options: ListOptions = {}): Article[] {
    const limit = clampLimit(options.limit, 50);
    const offset = Math.max(0, options.offset ?? 0);
    const rows = this.#s.list.all(options.since ?? NO_SINCE, limit, offset) as ArticleRow[];
    return rows.map(rowToArticle);
  }

  /**
   * Removes these articles (their search entries and title terms with them); unknown ids are ignored.
   * Returns how many were removed.
   */
  remove(ids: readonly number[]): number {
    const del = this.#s.remove;
    return this.#db
      .transaction(() => ids.reduce((n, id) => n + (Number.isSafeInteger(id) ? del.run(id).changes : 0), 0))
      .immediate();
  }

  /** Ids of the articles whose source is exactly `source`, oldest first. */
  idsBySource(source: string): number[] {
    return this.#s.idsBySource.all(source.trim()) as number[];
  }

  /** Marks these articles as bundled samples (see {@link sampleIds}). */
  markSamples(ids: readonly number[]): void {
    this.#db.transaction(() => {
      for (const id of ids) this.#s.markSample.run(id);
    })();
  }

  /** Ids of the articles marked as bundled samples, oldest first. */
  sampleIds(): number[] {
    return this.#s.sampleIds.all() as number[];
  }

  /**
   * True while the database may hold samples imported before samples were marked (it held articles when
   * it was upgraded), until {@link forgetUnmarkedSamples}.
   */
  mayHoldUnmarkedSamples(): boolean {
    return this.#s.unmarkedSamples.get() !== undefined;
  }

  forgetUnmarkedSamples(): void {
    this.#s.forgetUnmarkedSamples.run();
  }

  /** Ids of the articles with exactly this title and source (how an unmarked sample is recognised). */
  idsByTitleAndSource(pairs: readonly { title: string; source: string }[]): number[] {
    const ids = new Set<number>();
    for (const { title, source } of pairs)
      for (const id of this.#s.idsByTitleAndSource.all(
        stripControlCharacters(title).trim(),
        source.trim(),
      ) as number[])
        ids.add(id);
    return [...ids].sort((a, b) => a - b);
  }

  /** Number of stored articles. */
  count(): number {
    return this.#s.count.get() as number;
  }

  /**
   * Full-text search: every non-stopword of `query` must occur (title or body, any case, accents and
   * English inflections ignored, a country or its demonym). Matches below {@link RELEVANCE_FLOOR} of
   * the best one's relevance are left out; the rest are ranked by relevance divided by
   * `1 + age / halfLife`, undated articles after dated ones. With `since`, only articles *published*
   * since then (undated ones never). Only the {@link SEARCH_SCORED_MAX} newest stored matches are
   * scored (with `since`, when too few of those are in the window, the window's newest matches among the
   * {@link SEARCH_WINDOW_WALK_MAX} newest). Any user text is safe; input with nothing searchable returns [].
   */
  search(options: SearchOptions): Article[] {
    const limit = clampLimit(options.limit, 20);
    const match = buildFtsQuery(options.query);
    if (match === null || limit === 0) return [];
    const since = options.since ?? null;
    const floor = (this.#s.searchFloor.get({ match }) as number | undefined) ?? 0;
    let scored = this.#s.search.all({ match, since, floor }) as ScoredRow[];
    if (since !== null && floor > 0 && scored.length < limit) {
      // Too few of the newest matches are in the window (e.g. a backlog stored after the window's
      // articles): bound by the window's own newest matches instead, found without scoring among the
      // SEARCH_WINDOW_WALK_MAX newest matches (bounded work on a word that is everywhere).
      const windowFloor =
        (this.#s.searchWindowFloor.get({ match, since }) as number | undefined) ??
        (this.#s.searchWalkFloor.get({ match }) as number | undefined) ??
        0;
      if (windowFloor < floor)
        scored = this.#s.search.all({ match, since, floor: windowFloor }) as ScoredRow[];
    }
    const rows = aboveFloor(scored, options.query);
    const now = this.#now();
    const rank = (r: ScoredRow) =>
      r.published_at === null ? -1 : r.relevance / (1 + Math.max(0, now - r.published_at) / this.#halfLifeMs);
    return rows
      .map((r) => ({ r, score: rank(r) }))
      .sort((a, b) => b.score - a.score || b.r.relevance - a.r.relevance || b.r.id - a.r.id)
      .slice(0, limit)
      .map(({ r }) => rowToArticle(r));
  }

  /**
   * The newest articles by publication date, optionally only those published at or after `since`
   * (undated articles never are); without `since`, undated articles come after every dated one.
   */
  recent(options: { since?: number; limit?: number } = {}): Article[] {
    const rows = this.#s.recent.all({
      since: options.since ?? null,
      limit: clampLimit(options.limit, 20),
    }) as ArticleRow[];
    return rows.map(rowToArticle);
  }

  /** Articles published or ingested within a window, as {@link articlesSince}. */
  since(options: ArticlesSinceOptions): Article[] {
    return articlesSince(this.#db, options);
  }

  /**
   * Frequent words and two-word phrases from recent headlines, for autocomplete (at most 25).
   * Scans only the newest 1,000 articles in the window, over precomputed per-title terms.
   */
  topTitleTerms(options: TitleTermsOptions = {}): TitleTermCount[] {
    const limit = Math.min(25, clampLimit(options.limit, 25));
    const prefix = options.prefix?.normalize('NFC').trim().toLowerCase() || null;
    const like = prefix?.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = this.#s.terms.all({
      since: options.since ?? NO_SINCE,
      limit,
      prefix,
      p1: like === undefined ? null : `${like}%`,
      p2: like === undefined ? null : `% ${like}%`,
    }) as { label: string; n: number }[];
    return rows.map((r) => ({ term: r.label, count: r.n }));
  }
}

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(0, Math.min(1000, Math.trunc(limit)));
}
