/** A stored news article. Times are epoch milliseconds (UTC). */
export interface Article {
  /** Store row id, stable for the life of the store; shown to users as the article id. */
  id: number;
  /** Canonical URL of the article, or null for local files without one. */
  url: string | null;
  /** Human-readable source name (site name, feed title, "Wikinews", ...). */
  source: string;
  title: string;
  byline: string | null;
  /** When the article was published, when known. */
  publishedAt: number | null;
  /** When the article was fetched or imported. */
  fetchedAt: number;
  /** Clean body text: paragraphs separated by a blank line, no markup, no page boilerplate. */
  body: string;
  /** sha256 (hex) of the normalised title + body; changes whenever the text changes. */
  contentHash: string;
  imageUrl: string | null;
  /**
   * The story it belongs to (articles about the same event share it): set by the store at ingest, the
   * id of the story's first article. Absent for articles not read from the store.
   */
  storyId?: number;
}

/** An article as produced by an importer, before the store assigns an id. */
export type NewArticle = Omit<Article, 'id' | 'contentHash' | 'fetchedAt' | 'storyId'> & {
  fetchedAt?: number;
};

/** The time an article counts as "published" for windows and ordering. */
export function effectiveTime(a: Pick<Article, 'publishedAt' | 'fetchedAt'>): number {
  return a.publishedAt ?? a.fetchedAt;
}
