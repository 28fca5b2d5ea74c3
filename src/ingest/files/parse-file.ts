import { extname } from 'node:path';
import { capText } from '../../articles/text-hygiene.js';
import type { NewArticle } from '../../articles/article.js';
import { ArticleParseError, parseHtmlArticle } from '../../extract/parse-html.js';
import { parseJsonArticles, type JsonEntry } from './parse-json.js';
import { parseTextArticle } from './parse-text.js';

/** Largest file read, in bytes. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Decodes file bytes: UTF-8 (BOM stripped) when valid, else Windows-1252. */
export function decodeFileBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Parses one file's text by its extension into entries (several only for JSON arrays/feeds).
 * Whole-file problems throw {@link ArticleParseError}.
 */
export function parseArticleFile(
  path: string,
  whole: string,
  fallbackSource: string,
  maxArticleChars = 200_000,
): JsonEntry[] {
  if (whole.includes('\u0000')) throw new ArticleParseError('binary file, not text');
  const ext = extname(path).toLowerCase();
  // A text file far longer than an article may be kept is cut before parsing (parsing costs memory in
  // proportion); twice the limit is kept, so that the store still sees, cuts and logs the long body.
  const text = ext === '.json' ? whole : capText(whole, 2 * maxArticleChars).text;
  const one = (article: NewArticle): JsonEntry[] => [{ index: 0, article }];
  switch (ext) {
    case '.txt':
      return one(parseTextArticle(text, { fallbackSource }));
    case '.md':
    case '.markdown':
      return one(parseTextArticle(text, { fallbackSource, markdown: true }));
    case '.html':
    case '.htm':
      return one(parseHtmlArticle(text, { fallbackSource }));
    case '.json':
      return parseJsonArticles(text, { fallbackSource });
    default:
      throw new ArticleParseError(`unsupported extension "${ext || '(none)'}"`);
  }
}
