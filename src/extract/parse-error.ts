/** An input that cannot become an article; `message` is the reason shown to the operator. */
export class ArticleParseError extends Error {
  override readonly name = 'ArticleParseError';
}
