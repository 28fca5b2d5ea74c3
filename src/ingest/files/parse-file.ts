import { extname } from 'node:path';
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
export function parseArticleFile(path: string, text: string, fallbackSource: string): JsonEntry[] {
  if (text.includes('\u0000')) throw new ArticleParseError('binary file, not text');
  const ext = extname(path).toLowerCase();
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
