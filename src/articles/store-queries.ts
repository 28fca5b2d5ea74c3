import type { Article } from './article.js';
import { ARTICLE_COLUMNS, EFFECTIVE_TIME, rowToArticle, type ArticleRow } from './article-row.js';
import type { Db } from './database.js';
import { buildFtsQuery } from './fts-query.js';
import type { TitleTerm } from './title-terms.js';

/** Options for `ArticleStore.search`. */
export interface SearchOptions {
  /** Free user text; never interpreted as FTS syntax. */
  query: string;
  /** Only articles whose effective time is at or after this epoch ms. */
  since?: number;
  limit?: number;
}

/** Options for `ArticleStore.topTitleTerms`. */
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
export const TITLE_TERMS_SCAN = 1000;
const DAY_MS = 86_400_000;
const NO_SINCE = -Number.MAX_SAFE_INTEGER;

/** Prepared SQL behind `ArticleStore`; no policy lives here. */
export class StoreQueries {
  readonly #now: () => number;
  readonly #halfLifeMs: number;
  readonly #s;

  constructor(db: Db, now: () => number, halfLifeDays: number) {
    this.#now = now;
    this.#halfLifeMs = Math.max(1, halfLifeDays * DAY_MS);
    const one = (where: string) =>
      db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE ${where} LIMIT 1`);
    this.#s = {
      byId: one('a.id = ?'),
      byUrlKey: one('a.url_key = ?'),
      byContentHash: one('a.content_hash = ? ORDER BY a.id'),
      byBodyHash: one('a.body_hash = ? ORDER BY a.id'),
      count: db.prepare('SELECT count(*) AS n FROM articles').pluck(),
      insert: db.prepare(`INSERT INTO articles
        (url, url_key, source, title, byline, published_at, fetched_at, body, content_hash, body_hash, image_url)
        VALUES (@url, @url_key, @source, @title, @byline, @published_at, @fetched_at, @body, @content_hash, @body_hash, @image_url)`),
      update:
        db.prepare(`UPDATE articles SET url = @url, url_key = @url_key, source = @source, title = @title,
        byline = @byline, published_at = @published_at, body = @body, content_hash = @content_hash,
        body_hash = @body_hash, image_url = @image_url WHERE id = @id`),
      deleteTerms: db.prepare('DELETE FROM articles_title_terms WHERE article_id = ?'),
      insertTerm: db.prepare(
        'INSERT OR IGNORE INTO articles_title_terms (article_id, term, label, initial) VALUES (?, ?, ?, ?)',
      ),
      list: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE ${EFFECTIVE_TIME} >= ?
        ORDER BY ${EFFECTIVE_TIME} DESC, a.id DESC LIMIT ? OFFSET ?`),
      search:
        db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
        WHERE articles_fts MATCH @match AND ${EFFECTIVE_TIME} >= @since
        ORDER BY -bm25(articles_fts, 5.0, 1.0) / (1.0 + max(0, @now - ${EFFECTIVE_TIME}) / @halfLife) DESC, a.id DESC
        LIMIT @limit`),
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
    };
  }

  byId(id: number): ArticleRow | undefined {
    return this.#s.byId.get(id) as ArticleRow | undefined;
  }
  byUrlKey(key: string): ArticleRow | undefined {
    return this.#s.byUrlKey.get(key) as ArticleRow | undefined;
  }
  byContentHash(hash: string): ArticleRow | undefined {
    return this.#s.byContentHash.get(hash) as ArticleRow | undefined;
  }
  byBodyHash(hash: string): ArticleRow | undefined {
    return this.#s.byBodyHash.get(hash) as ArticleRow | undefined;
  }
  count(): number {
    return this.#s.count.get() as number;
  }
  insert(row: Omit<ArticleRow, 'id'>): number {
    return Number(this.#s.insert.run(row).lastInsertRowid);
  }
  update(row: ArticleRow): void {
    this.#s.update.run(row);
  }
  replaceTitleTerms(id: number, terms: TitleTerm[]): void {
    this.#s.deleteTerms.run(id);
    for (const t of terms) this.#s.insertTerm.run(id, t.term, t.label, t.initial ? 1 : 0);
  }

  list(since: number | null, limit: number, offset: number): Article[] {
    const rows = this.#s.list.all(since ?? NO_SINCE, limit, offset) as ArticleRow[];
    return rows.map(rowToArticle);
  }

  search(options: SearchOptions & { limit: number }): Article[] {
    const match = buildFtsQuery(options.query);
    if (match === null || options.limit === 0) return [];
    const rows = this.#s.search.all({
      match,
      since: options.since ?? NO_SINCE,
      now: this.#now(),
      halfLife: this.#halfLifeMs,
      limit: options.limit,
    }) as ArticleRow[];
    return rows.map(rowToArticle);
  }

  topTitleTerms(options: TitleTermsOptions & { limit: number }): TitleTermCount[] {
    const prefix = options.prefix?.normalize('NFC').trim().toLowerCase() || null;
    const like = prefix?.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = this.#s.terms.all({
      since: options.since ?? NO_SINCE,
      limit: options.limit,
      prefix,
      p1: like === undefined ? null : `${like}%`,
      p2: like === undefined ? null : `% ${like}%`,
    }) as { label: string; n: number }[];
    return rows.map((r) => ({ term: r.label, count: r.n }));
  }
}
