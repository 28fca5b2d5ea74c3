import type { Article } from './article.js';

/** An `articles` row as better-sqlite3 returns it. */
export interface ArticleRow {
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
}

/** Columns selected for an {@link ArticleRow}, qualified by table alias `a`. */
export const ARTICLE_COLUMNS =
  'a.id, a.url, a.url_key, a.source, a.title, a.byline, a.published_at, a.fetched_at, a.body, a.content_hash, a.body_hash, a.image_url';

/** SQL for the time an article counts as published (matches `effectiveTime` and the index). */
export const EFFECTIVE_TIME = 'coalesce(a.published_at, a.fetched_at)';

/** Maps a row to the public {@link Article} shape. */
export function rowToArticle(row: ArticleRow): Article {
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
  };
}
