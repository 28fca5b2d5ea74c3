import type { NewArticle } from '../../articles/article.js';
import { sourceFromUrl } from '../../articles/url-key.js';
import { cleanArticleText } from '../../extract/clean.js';
import { parseDate } from '../../extract/dates.js';
import { htmlToText, looksLikeHtml } from '../../extract/html-text.js';
import { ArticleParseError } from '../../extract/parse-html.js';
import { jsonErrorOffset, lineColumn } from './json-error.js';

/** One entry of a JSON file: an article, or the reason it could not be read. */
export type JsonEntry = { index: number; article: NewArticle } | { index: number; error: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(o: Obj, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (isObj(v) && typeof v.name === 'string' && v.name.trim()) return v.name.trim(); // {name: ...}
    if (Array.isArray(v)) {
      const names = v.map((x) =>
        typeof x === 'string' ? x : isObj(x) && typeof x.name === 'string' ? x.name : '',
      );
      const joined = names.filter((n) => n.trim()).join(', ');
      if (joined) return joined;
    }
  }
  return null;
}

function toArticle(o: Obj, feedSource: string | null, fallbackSource: string): NewArticle {
  const title = str(o, 'title', 'headline');
  if (!title) throw new ArticleParseError('no title');
  const html = str(o, 'content_html', 'contentHtml', 'html');
  const text = str(o, 'body', 'content', 'text', 'content_text', 'contentText', 'articleBody');
  const raw = text
    ? looksLikeHtml(text)
      ? htmlToText(text)
      : text
    : html
      ? htmlToText(html)
      : str(o, 'summary', 'description');
  const body = raw ? cleanArticleText(raw, { title }) : '';
  if (!body) throw new ArticleParseError('empty body');
  const url = str(o, 'url', 'link', 'external_url');
  const publishedRaw =
    o.published ??
    o.publishedAt ??
    o.published_at ??
    o.date_published ??
    o.datePublished ??
    o.date ??
    o.pubDate;
  const publishedAt = publishedRaw == null || publishedRaw === '' ? null : parseDate(publishedRaw);
  if (publishedRaw != null && publishedRaw !== '' && publishedAt === null) {
    throw new ArticleParseError(`unreadable published date ${JSON.stringify(publishedRaw)}`);
  }
  return {
    title,
    body,
    url,
    publishedAt,
    source:
      str(o, 'source', 'siteName', 'site_name', 'site', 'publisher') ??
      feedSource ??
      sourceFromUrl(url) ??
      fallbackSource,
    byline: str(o, 'byline', 'author', 'authors'),
    imageUrl: str(o, 'image', 'imageUrl', 'image_url', 'banner_image'),
  };
}

/**
 * Reads articles from JSON text: one article object, an array of them, `{ "articles": [...] }`, or a
 * JSON Feed 1.x (`version` https://jsonfeed.org/version/1...; the feed title is the source).
 * Fields: title|headline, url|link, source, byline|author(s), published|publishedAt|date...,
 * body|content|text (HTML is converted), image. Each entry succeeds or fails on its own.
 * Throws {@link ArticleParseError} for invalid JSON (with line, column and offset) or an unknown shape.
 */
export function parseJsonArticles(text: string, options: { fallbackSource: string }): JsonEntry[] {
  const json = text.replace(/^\ufeff/, '');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    const offset = jsonErrorOffset(json) ?? 0;
    const reason = (err as Error).message.replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
    throw new ArticleParseError(`invalid JSON at ${lineColumn(json, offset)} (offset ${offset}): ${reason}`);
  }
  let items: unknown[];
  let feedSource: string | null = null;
  if (Array.isArray(data)) items = data;
  else if (isObj(data) && typeof data.version === 'string' && data.version.includes('jsonfeed.org')) {
    if (!Array.isArray(data.items)) throw new ArticleParseError('JSON Feed without an "items" array');
    items = data.items;
    feedSource = str(data, 'title') ?? sourceFromUrl(str(data, 'home_page_url'));
  } else if (isObj(data) && Array.isArray(data.articles)) items = data.articles;
  else if (isObj(data)) items = [data];
  else throw new ArticleParseError('JSON is neither an article object nor an array of articles');
  return items.map((item, index) => {
    if (!isObj(item)) return { index, error: 'entry is not an object' };
    try {
      return { index, article: toArticle(item, feedSource, options.fallbackSource) };
    } catch (err) {
      if (err instanceof ArticleParseError) return { index, error: err.message };
      throw err;
    }
  });
}
