import type { Article } from '../articles/article.js';
import type { BriefingSource } from './types.js';

/**
 * Numbers the articles a briefing cites 1..n in order of first citation, whichever writer (the model's
 * verified answer or the extractive writer) cites them. Indexes are 0-based positions in `articles`.
 */
export class Citations {
  readonly sources: BriefingSource[] = [];
  readonly #numberOf = new Map<number, number>();

  constructor(private readonly articles: readonly Article[]) {}

  /** The source number of the article at `index`, assigning the next number on its first citation. */
  cite(index: number): number {
    let n = this.#numberOf.get(index);
    if (n === undefined) {
      const article = this.articles[index];
      if (!article) throw new RangeError(`no article at index ${String(index)}`);
      n = this.sources.length + 1;
      this.#numberOf.set(index, n);
      this.sources.push({
        n,
        articleId: article.id,
        title: article.title,
        url: article.url,
        source: article.source,
        publishedAt: article.publishedAt,
        ...(article.imageUrl ? { imageUrl: article.imageUrl } : {}),
      });
    }
    return n;
  }

  /** The sorted source numbers of several articles. */
  citeAll(indexes: Iterable<number>): number[] {
    return [...new Set(indexes)].map((i) => this.cite(i)).sort((a, b) => a - b);
  }
}
