import type { Article, NewArticle } from './article.js';
import { rowToArticle, type ArticleRow } from './article-row.js';
import type { Db } from './database.js';
import { bodyDedupeHash, contentHash, isDedupeableBody } from './hash.js';
import { migrateArticles } from './schema.js';
import {
  StoreQueries,
  type SearchOptions,
  type TitleTermCount,
  type TitleTermsOptions,
} from './store-queries.js';
import { extractTitleTerms } from './title-terms.js';
import { cleanUrl, urlKey } from './url-key.js';

export type { SearchOptions, TitleTermCount, TitleTermsOptions } from './store-queries.js';

/** Options for {@link ArticleStore}. */
export interface ArticleStoreOptions {
  /** An open database (see `openDatabase`); the store creates its own tables in it. */
  db: Db;
  /** Clock, epoch ms (default `Date.now`): default `fetchedAt` and the age used in search ranking. */
  now?: () => number;
  /** Age in days at which search relevance is halved (default 7). */
  recencyHalfLifeDays?: number;
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
  readonly #queries: StoreQueries;

  constructor(options: ArticleStoreOptions) {
    this.#db = options.db;
    this.#now = options.now ?? Date.now;
    migrateArticles(this.#db);
    this.#queries = new StoreQueries(this.#db, this.#now, options.recencyHalfLifeDays ?? 7);
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
    const title = input.title.trim();
    const body = input.body.trim();
    if (!title) throw new TypeError('article title is empty');
    if (!body) throw new TypeError('article body is empty');
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
        const q = this.#queries;
        const byUrl = next.url_key ? q.byUrlKey(next.url_key) : undefined;
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
          q.byContentHash(next.content_hash) ??
          (isDedupeableBody(body) ? q.byBodyHash(next.body_hash) : undefined);
        if (sameText) {
          // Same story text: keep the stored row; only adopt a URL if it had none.
          if (sameText.url || !next.url) return { status: 'unchanged', article: rowToArticle(sameText) };
          return this.#saveIfChanged(sameText, { ...sameText, url: next.url, url_key: next.url_key });
        }
        const id = q.insert({ ...next, fetched_at: input.fetchedAt ?? this.#now() });
        this.#writeTitleTerms(id, title);
        return { status: 'added', article: rowToArticle(q.byId(id)!) };
      })
      .immediate();
  }

  #saveIfChanged(before: ArticleRow, after: ArticleRow): UpsertResult {
    const keys = ['url', 'source', 'title', 'byline', 'published_at', 'body', 'image_url'] as const;
    if (keys.every((k) => before[k] === after[k]))
      return { status: 'unchanged', article: rowToArticle(before) };
    this.#queries.update(after);
    if (before.title !== after.title) this.#writeTitleTerms(after.id, after.title);
    return { status: 'updated', article: rowToArticle(after) };
  }

  #writeTitleTerms(id: number, title: string): void {
    this.#queries.replaceTitleTerms(id, extractTitleTerms(title));
  }

  /** The stored article for this URL (any tracking, AMP, www or scheme variant of it), or null. */
  findByUrl(url: string): Article | null {
    const key = urlKey(url);
    const row = key ? this.#queries.byUrlKey(key) : undefined;
    return row ? rowToArticle(row) : null;
  }

  /** The article with this id, or null. */
  get(id: number): Article | null {
    const row = Number.isSafeInteger(id) ? this.#queries.byId(id) : undefined;
    return row ? rowToArticle(row) : null;
  }

  /** Articles newest first by effective time (published, else fetched). */
  list(options: ListOptions = {}): Article[] {
    return this.#queries.list(
      options.since ?? null,
      clampLimit(options.limit, 50),
      Math.max(0, options.offset ?? 0),
    );
  }

  /** Number of stored articles. */
  count(): number {
    return this.#queries.count();
  }

  /**
   * Full-text search: every non-stopword of `query` must occur (title or body, any case, accents and
   * English inflections ignored). Ranked by bm25 with title hits weighted 5x body hits, divided by
   * `1 + age / halfLife`. Any user text is safe; input with nothing searchable returns [].
   */
  search(options: SearchOptions): Article[] {
    return this.#queries.search({ ...options, limit: clampLimit(options.limit, 20) });
  }

  /** The newest articles (effective time), optionally only those at or after `since`. */
  recent(options: { since?: number; limit?: number } = {}): Article[] {
    return this.list({ since: options.since, limit: options.limit ?? 20 });
  }

  /**
   * Frequent words and two-word phrases from recent headlines, for autocomplete (at most 25).
   * Scans only the newest 1,000 articles in the window, over precomputed per-title terms.
   */
  topTitleTerms(options: TitleTermsOptions = {}): TitleTermCount[] {
    return this.#queries.topTitleTerms({ ...options, limit: Math.min(25, clampLimit(options.limit, 25)) });
  }
}

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(0, Math.min(1000, Math.trunc(limit)));
}
