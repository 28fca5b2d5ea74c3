/** Why a text is not a usable feed. */
export type FeedParseReason =
  'empty' | 'html-page' | 'not-xml' | 'malformed-xml' | 'unknown-root' | 'malformed-json' | 'not-a-feed';

/**
 * Thrown by `parseFeed` when the text is not a feed it can read. `message` is a sentence for an
 * operator ("an HTML page, not a feed"); `reason` is stable for code; `line`/`column` (1-based) locate
 * malformed XML or JSON when known; `feedLinks` lists the feeds an HTML page links to.
 */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
  readonly reason: FeedParseReason;
  readonly line: number | null;
  readonly column: number | null;
  /** For an HTML page: the feeds it advertises (`<link rel="alternate" type="application/rss+xml">`). */
  readonly feedLinks: string[];

  constructor(
    reason: FeedParseReason,
    message: string,
    details: { line?: number | null; column?: number | null; feedLinks?: string[] } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.reason = reason;
    this.line = details.line ?? null;
    this.column = details.column ?? null;
    this.feedLinks = details.feedLinks ?? [];
  }
}
