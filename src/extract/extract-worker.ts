/**
 * Worker-thread entry for {@link PageExtractor}: Readability and cleaning run here, so that a hostile
 * page can cost at most this thread's time limit, never the bot's event loop.
 */
import type { NewArticle } from '../articles/article.js';
import { serveTasks } from '../worker-pool.js';
import { parseHtmlArticle, type ParseHtmlOptions } from './parse-html.js';

/** One page to extract. */
export interface ExtractRequest {
  html: string;
  options: ParseHtmlOptions;
}

serveTasks((request: ExtractRequest): NewArticle => parseHtmlArticle(request.html, request.options));
