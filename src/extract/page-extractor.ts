import type { NewArticle } from '../articles/article.js';
import { WorkerPool, WorkerTaskError } from '../worker-pool.js';
import type { ExtractRequest } from './extract-worker.js';
import { ArticleParseError, type ParseHtmlOptions } from './parse-html.js';

/** Options for {@link PageExtractor}. */
export interface PageExtractorOptions {
  /** Worker threads (default 2). */
  workers?: number;
  /** Longest one page may take (default 10 s); a page that takes longer is refused with that reason. */
  timeoutMs?: number;
}

/**
 * Extracts articles from web pages (`parseHtmlArticle`) on a small pool of worker threads with a time
 * limit per page. Failures are `ArticleParseError`s whose message is the reason for the operator or
 * moderator: the page's own problem, or that it took too long.
 */
export class PageExtractor {
  readonly #pool: WorkerPool<ExtractRequest, NewArticle>;
  readonly #timeoutMs: number;

  constructor(options: PageExtractorOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#pool = new WorkerPool({
      entry: new URL('./extract-worker.js', import.meta.url),
      name: 'page extraction',
      size: options.workers ?? 2,
      timeoutMs: this.#timeoutMs,
      maxHeapMb: 256,
    });
  }

  /** The article of one page, as `parseHtmlArticle` would give it. */
  async extract(html: string, options: ParseHtmlOptions): Promise<NewArticle> {
    try {
      return await this.#pool.run({ html, options });
    } catch (err) {
      if (err instanceof WorkerTaskError && err.reason === 'timeout')
        throw new ArticleParseError(
          `the page took longer than ${String(this.#timeoutMs / 1000)} s to read, so it was given up`,
          { cause: err },
        );
      if (err instanceof Error && err.name === 'ArticleParseError') throw new ArticleParseError(err.message);
      throw err;
    }
  }

  /** Stops the workers. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}
