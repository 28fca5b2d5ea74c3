import type { Article } from './article.js';
import { ARTICLE_COLUMNS, rowToArticle, type ArticleRow } from './article-row.js';
import type { Db } from './database.js';
import { buildFtsQuery } from './fts-query.js';

/** Options for {@link articlesSince}. */
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

const WINDOW = `((a.published_at >= @since AND a.published_at < @until) OR (a.fetched_at >= @since AND a.fetched_at < @until))`;
const ORDER = 'ORDER BY coalesce(a.published_at, a.fetched_at) DESC, a.id DESC LIMIT @limit';
const statements = new WeakMap<Db, { all: ReturnType<Db['prepare']>; topic: ReturnType<Db['prepare']> }>();

function prepared(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      all: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE ${WINDOW} ${ORDER}`),
      topic:
        db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
        WHERE articles_fts MATCH @match AND ${WINDOW} ${ORDER}`),
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * Articles published OR ingested (fetched) within [since, until): what is new to readers since a
 * moment, including older stories that only just arrived in the store. With a topic, only full-text
 * matches (a topic with nothing searchable matches nothing). Newest first by effective time.
 */
export function articlesSince(db: Db, options: ArticlesSinceOptions): Article[] {
  const limit = Math.max(0, Math.min(1000, Math.trunc(options.limit ?? 200)));
  const params = { since: options.since, until: options.until, limit };
  const s = prepared(db);
  const topic = options.topic?.trim();
  if (!topic) return (s.all.all(params) as ArticleRow[]).map(rowToArticle);
  const match = buildFtsQuery(topic);
  if (match === null) return [];
  return (s.topic.all({ ...params, match }) as ArticleRow[]).map(rowToArticle);
}
