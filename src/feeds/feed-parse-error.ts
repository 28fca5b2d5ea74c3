/** Why a text is not a usable feed. */
export type FeedParseReason =
  | 'empty'
  | 'html-page'
  | 'not-xml'
  | 'malformed-xml'
  | 'unknown-root'
  | 'malformed-json'
  | 'not-a-feed';

/**
 * Thrown by `parseFeed` when the text is not a feed it can read. `message` is a sentence for an
 * operator ("an HTML page, not a feed"); `reason` is stable for code; `line`/`column` (1-based) locate
 * malformed XML or JSON when known.
 */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
  readonly reason: FeedParseReason;
  readonly line: number | null;
  readonly column: number | null;

  constructor(reason: FeedParseReason, message: string, position?: { line: number; column: number }, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
    this.line = position?.line ?? null;
    this.column = position?.column ?? null;
  }
}
