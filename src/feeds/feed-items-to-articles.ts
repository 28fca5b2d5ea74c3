import type { NewArticle } from '../articles/article.js';
import { bodyDedupeHash, isDedupeableBody } from '../articles/hash.js';
import { ampToCanonical, cleanUrl, sourceFromUrl, urlKey } from '../articles/url-key.js';
import { cleanArticleText } from '../extract/clean.js';
import type { FeedItem, ParsedFeed } from './feed-types.js';

/** Bodies shorter than this (characters of clean text) are taken for a summary: the page is fetched. */
export const MIN_FULL_BODY_CHARS = 400;
/** How a feed says "this is only the start of the article". */
const TRUNCATED =
  /(?:…|\.\.\.|\[…\]|\[\.\.\.\]|\(more…?\)|read more|continue reading|read the (?:full|rest)[\w ]*|weiterlesen|lire la suite|leia mais|leer más)\W{0,3}$/iu;
/** WordPress's feed footer under every post. */
const WORDPRESS_FOOTER = /\n*The post .{1,300} appeared first on .{1,200}$/u;

/** Keys that identify an item across polls and feeds (see {@link FeedArticle}). */
export interface ItemKeys {
  /** The feed's own id for the item (RSS guid, Atom id, JSON id), or null. */
  guid: string | null;
  /** `urlKey` of the canonical (AMP-free, tracking-free) URL, or null. */
  urlKey: string | null;
  /** `bodyDedupeHash` of the body when it is long enough to identify a story, else null. */
  bodyHash: string | null;
}

/** A feed item as an article for the store. */
export interface FeedArticle {
  /** Ready for `ArticleStore.upsert` unless `needsPage` (the body may then be a summary or empty). */
  article: NewArticle;
  /** The feed gave only a summary (or nothing): fetch `article.url` and extract the page before storing. */
  needsPage: boolean;
  keys: ItemKeys;
  item: FeedItem;
}

/** Options for {@link feedItemsToArticles}. */
export interface FeedToArticlesOptions {
  /** The feed's URL: its host is the source name when the feed has no title. */
  feedUrl?: string | null;
  /** Source name to use instead of the feed's title (e.g. the operator's name for the feed). */
  source?: string;
}

function bodyOf(item: FeedItem, title: string): { body: string; truncated: boolean } {
  const raw = (item.contentText ?? item.summaryText ?? '').replace(WORDPRESS_FOOTER, '').trim();
  return { body: cleanArticleText(raw, { title }), truncated: TRUNCATED.test(raw) };
}

/**
 * Whether an item's body is only a teaser: shorter than {@link MIN_FULL_BODY_CHARS}, or ending the way
 * truncated feeds end ("…", "[...]", "Read more", "Continue reading", "(more…)").
 */
export function isSummaryOnly(body: string, truncated: boolean): boolean {
  return truncated || body.length < MIN_FULL_BODY_CHARS;
}

/**
 * Turns a parsed feed's items into articles: source = the feed title (else the feed's host), URL =
 * the item's link without AMP forms or tracking parameters, body = content (else summary) through the
 * article cleaner, byline, published time and image from the item. Items with neither a URL nor a
 * title and body are left out; repeats within the feed (same guid, URL or body) keep the first.
 */
export function feedItemsToArticles(feed: ParsedFeed, options: FeedToArticlesOptions = {}): FeedArticle[] {
  const source =
    options.source?.trim() ||
    feed.title.trim() ||
    sourceFromUrl(feed.link) ||
    sourceFromUrl(options.feedUrl) ||
    'Feed';
  const seen = new Set<string>();
  const out: FeedArticle[] = [];
  for (const item of feed.items) {
    const url = item.url ? cleanUrl(ampToCanonical(item.url)) : null;
    const { body, truncated } = bodyOf(item, item.title);
    const title = item.title || firstLine(body);
    if (!url && (!title || !body)) continue;
    const keys: ItemKeys = {
      guid: item.guid,
      urlKey: urlKey(url),
      bodyHash: isDedupeableBody(body) ? bodyDedupeHash(body) : null,
    };
    const ids = [
      keys.guid && `g:${keys.guid}`,
      keys.urlKey && `u:${keys.urlKey}`,
      keys.bodyHash && `b:${keys.bodyHash}`,
    ].filter((k): k is string => !!k);
    if (ids.some((id) => seen.has(id))) continue;
    ids.forEach((id) => seen.add(id));
    out.push({
      article: {
        url,
        source,
        title,
        body,
        byline: item.author,
        publishedAt: item.published,
        imageUrl: item.imageUrl,
      },
      needsPage: url !== null && isSummaryOnly(body, truncated),
      keys,
      item,
    });
  }
  return out;
}

function firstLine(body: string): string {
  const line = body.split('\n')[0]?.trim() ?? '';
  return line.length > 120 ? `${line.slice(0, 117).replace(/\s+\S*$/, '')}…` : line;
}
