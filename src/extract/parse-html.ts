import { Readability } from '@mozilla/readability';
import type { NewArticle } from '../articles/article.js';
import { sourceFromUrl } from '../articles/url-key.js';
import { boundHtml } from './bound-html.js';
import { canonicalUrlFromHtml } from './canonical-url.js';
import { cleanArticleText } from './clean.js';
import { parseDate } from './dates.js';
import { metaContent, parseHtmlDocument, type MiniDocument } from './dom.js';
import { htmlToText } from './html-text.js';

/** An input that cannot become an article; `message` is the reason shown to the operator. */
export class ArticleParseError extends Error {
  override readonly name = 'ArticleParseError';
}

/** Options for {@link parseHtmlArticle}. */
export interface ParseHtmlOptions {
  /** Source name when the page names no site and has no URL. */
  fallbackSource: string;
  /** The page's address, when known (otherwise the canonical link or og:url is used). */
  url?: string | null;
}

/** Makes a possibly relative link absolute against `base`; null when it cannot be resolved. */
export function absoluteUrl(link: string | null | undefined, base: string | null | undefined): string | null {
  if (!link?.trim()) return null;
  try {
    return new URL(link.trim(), base ?? undefined).toString();
  } catch {
    return null;
  }
}

function pageUrl(doc: MiniDocument, html: string, given: string | null | undefined): string | null {
  // A fetched page: its canonical link only when on the same site, so a hostile page cannot claim
  // (and overwrite) another site's stored article.
  if (given && /^https?:/i.test(given)) return canonicalUrlFromHtml(html, given) ?? given;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute?.('href') ?? null;
  const declared = canonical ?? metaContent(doc, 'meta[property="og:url"]');
  const url = absoluteUrl(declared, given) ?? absoluteUrl(given, undefined);
  return url && /^https?:/i.test(url) ? url : null;
}

function cleanByline(byline: string | null | undefined): string | null {
  const text = byline
    ?.replace(/\s+/g, ' ')
    .replace(/^by\s+/i, '')
    .trim();
  return text ? text.slice(0, 200) : null;
}

/**
 * Extracts an article from a whole HTML page with Readability: title, byline, published time, site
 * name, lead image (og:image / twitter:image) and the main text, cleaned of boilerplate. The source
 * is the page's site name, else the URL's host, else `fallbackSource`.
 * Throws {@link ArticleParseError} when no readable article, title or body is found.
 */
export function parseHtmlArticle(page: string, options: ParseHtmlOptions): NewArticle {
  // Bounded before any DOM is built: a hostile page's depth and size cannot stall what follows.
  const { html, cut } = boundHtml(page);
  const doc = parseHtmlDocument(html);
  const url = pageUrl(doc, html, options.url);
  const image = metaContent(
    doc,
    'meta[property="og:image"]',
    'meta[name="twitter:image"]',
    'meta[property="twitter:image"]',
  );
  const published = metaContent(doc, 'meta[property="article:published_time"]', 'meta[name="date"]');
  let parsed: ReturnType<Readability['parse']>;
  try {
    parsed = new Readability(doc).parse();
  } catch (err) {
    throw new ArticleParseError(`HTML could not be parsed: ${(err as Error).message}`);
  }
  if (!parsed)
    throw new ArticleParseError(
      `no readable article content in the page${cut ? ` (the page was cut: ${cut})` : ''}`,
    );
  const title = parsed.title?.replace(/\s+/g, ' ').trim() ?? '';
  if (!title) throw new ArticleParseError('no title');
  const text = parsed.content ? htmlToText(parsed.content) : (parsed.textContent ?? '');
  const body = cleanArticleText(text, { title });
  if (!body) throw new ArticleParseError('empty body');
  return {
    title,
    body,
    url,
    source: parsed.siteName?.trim() || sourceFromUrl(url) || options.fallbackSource,
    byline: cleanByline(parsed.byline),
    publishedAt: parseDate(parsed.publishedTime) ?? parseDate(published),
    imageUrl: absoluteUrl(image, url),
  };
}
