import type { NewArticle } from '../articles/article.js';
import { parseHtmlArticle, type ParseHtmlOptions } from '../extract/parse-html.js';
import type { ArticleStore, UpsertResult } from '../articles/store.js';
import { errorMessage, UserFacingError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { decodeFeedBytes } from '../feeds/decode-feed.js';
import { feedItemsToArticles } from '../feeds/feed-items-to-articles.js';
import { FeedParseError, parseFeed, type ParsedFeed } from '../feeds/parse-feed.js';
import {
  FEED_CONTENT_TYPES,
  PAGE_CONTENT_TYPES,
  decodeText,
  parseContentType,
  type FetchResult,
  type SafeFetchOptions,
} from '../net/index.js';
import type { Logger } from '../logger.js';

/** What ingesting from the web needs: the store, a safe fetch with the operator's limits bound, a clock. */
export interface IngestDeps {
  store: ArticleStore;
  fetch: (url: string, options?: SafeFetchOptions) => Promise<FetchResult>;
  logger: Logger;
  now?: () => number;
  /** Parses feed text; the default parses on the main thread (the poller passes a worker-backed one). */
  parseFeedText?: (text: string, baseUrl: string) => Promise<ParsedFeed>;
  /**
   * Extracts a fetched page's article; the default runs on the calling thread, the app passes a
   * worker-backed one with a time limit per page (a hostile page must not stall interactions).
   */
  extractPage?: (html: string, options: ParseHtmlOptions) => Promise<NewArticle>;
  /** Most linked pages fetched for one feed poll when items carry only a summary (default 20). */
  maxPagesPerFeed?: number;
  /** Remembers which article each feed item (by GUID) became, so a GUID repeat updates it. */
  guids?: {
    articleForGuid(feedUrl: string, guid: string): number | null;
    rememberGuid(feedUrl: string, guid: string, articleId: number, now: number): void;
  };
}

export interface ItemResult {
  url: string | null;
  title: string;
  status: UpsertResult['status'] | 'failed';
  reason?: string;
  articleId?: number;
}

export interface FeedIngestResult {
  kind: 'feed';
  url: string;
  title: string;
  notModified: boolean;
  etag: string | null;
  lastModified: string | null;
  items: ItemResult[];
}

export interface PageIngestResult {
  kind: 'page';
  url: string;
  item: ItemResult;
}

const FEED_ROOT =
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<(rss|feed|rdf:RDF)\b/i;

function isFeedResponse(res: FetchResult): boolean {
  const type = parseContentType(res.contentType)?.mediaType ?? '';
  if (type.includes('json')) return true;
  if (PAGE_CONTENT_TYPES.includes(type)) return FEED_ROOT.test(res.body.subarray(0, 2048).toString('latin1'));
  return FEED_CONTENT_TYPES.includes(type) || FEED_ROOT.test(res.body.subarray(0, 2048).toString('latin1'));
}

function store(deps: IngestDeps, article: NewArticle): ItemResult {
  try {
    const { status, article: saved } = deps.store.upsert(article);
    return { url: saved.url, title: saved.title, status, articleId: saved.id };
  } catch (err) {
    return { url: article.url, title: article.title, status: 'failed', reason: errorMessage(err) };
  }
}

/** Extracts the article of a fetched HTML page. */
async function pageArticle(res: FetchResult, deps: IngestDeps): Promise<NewArticle> {
  const html = decodeText(res.body, res.contentType, 'html');
  const options = { url: res.url, fallbackSource: new URL(res.url).host };
  return deps.extractPage ? deps.extractPage(html, options) : parseHtmlArticle(html, options);
}

/** Stores the article of a fetched page; a page without one is a UserFacingError with the reason. */
async function storePage(res: FetchResult, deps: IngestDeps): Promise<PageIngestResult> {
  let article: NewArticle;
  try {
    article = await pageArticle(res, deps);
  } catch (err) {
    throw new UserFacingError(msg('ingest.noArticle', { reason: errorMessage(err) }), {
      cause: err,
    });
  }
  return { kind: 'page', url: res.url, item: store(deps, article) };
}

/** Fetches a web page and stores its article (Readability). Throws a UserFacingError when it cannot. */
export async function ingestPage(url: string, deps: IngestDeps): Promise<PageIngestResult> {
  return storePage(await deps.fetch(url, { accept: PAGE_CONTENT_TYPES }), deps);
}

/**
 * Fetches a feed (conditionally, with the ETag / Last-Modified of the previous poll) and stores its
 * items; items that carry only a summary get their page fetched and extracted. With `backlog` (the
 * first poll of a new feed), items are stored as of their publication time, so they do not count as
 * news for digests that ran before the feed was added.
 */
export async function ingestFeed(
  url: string,
  deps: IngestDeps,
  options: {
    etag?: string | null;
    lastModified?: string | null;
    backlog?: boolean;
    source?: string;
    signal?: AbortSignal;
  } = {},
): Promise<FeedIngestResult> {
  const signal = options.signal ? { signal: options.signal } : {};
  const res = await deps.fetch(url, {
    accept: [...FEED_CONTENT_TYPES, ...PAGE_CONTENT_TYPES],
    etag: options.etag ?? null,
    lastModified: options.lastModified ?? null,
    ...signal,
  });
  if (res.notModified)
    return {
      kind: 'feed',
      url: res.url,
      title: '',
      notModified: true,
      etag: res.etag,
      lastModified: res.lastModified,
      items: [],
    };
  if (!isFeedResponse(res))
    throw new FeedParseError('html-page', 'That address is a web page, not a feed (RSS, Atom or JSON Feed).');
  return { ...(await storeFeed(res, deps, options)), etag: res.etag, lastModified: res.lastModified };
}

async function storeFeed(
  res: FetchResult,
  deps: IngestDeps,
  options: { backlog?: boolean; source?: string; signal?: AbortSignal },
): Promise<Omit<FeedIngestResult, 'etag' | 'lastModified'>> {
  const text = decodeFeedBytes(res.body, res.contentType);
  const feed = deps.parseFeedText
    ? await deps.parseFeedText(text, res.url)
    : parseFeed(text, { baseUrl: res.url });
  const now = (deps.now ?? Date.now)();
  let pageBudget = deps.maxPagesPerFeed ?? 20;
  const items: ItemResult[] = [];
  // Converted and stored in slices with a yield in between: store writes are synchronous, and a big
  // feed must never stall interactions.
  const converted: ReturnType<typeof feedItemsToArticles> = [];
  for (let i = 0; i < feed.items.length; i += 50) {
    converted.push(
      ...feedItemsToArticles(
        { ...feed, items: feed.items.slice(i, i + 50) },
        { feedUrl: res.url, ...(options.source ? { source: options.source } : {}) },
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const { article: fromFeed, needsPage, keys } of converted) {
    options.signal?.throwIfAborted();
    if (items.length % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
    // A GUID seen before is the same story even if its link changed: update that article.
    const knownId = keys.guid ? (deps.guids?.articleForGuid(res.url, keys.guid) ?? null) : null;
    const known =
      knownId !== null ? deps.store.get(knownId) : fromFeed.url ? deps.store.findByUrl(fromFeed.url) : null;
    const article = known?.url && knownId !== null ? { ...fromFeed, url: known.url } : fromFeed;
    if (needsPage && known) {
      // Only a summary in the feed, and the full article is stored already: no page fetch on every poll.
      items.push({ url: known.url, title: known.title, status: 'unchanged', articleId: known.id });
      continue;
    }
    let chosen = article;
    if (needsPage && article.url && pageBudget > 0) {
      pageBudget -= 1;
      try {
        const page = await pageArticle(
          await deps.fetch(article.url, {
            accept: PAGE_CONTENT_TYPES,
            ...(options.signal ? { signal: options.signal } : {}),
          }),
          deps,
        );
        chosen = {
          ...article,
          body: page.body,
          byline: article.byline ?? page.byline,
          imageUrl: article.imageUrl ?? page.imageUrl,
          publishedAt: article.publishedAt ?? page.publishedAt,
        };
      } catch (err) {
        deps.logger.debug(
          { url: article.url, err: errorMessage(err) },
          'page of a feed item could not be extracted; keeping the summary',
        );
      }
    }
    if (!chosen.body.trim()) {
      items.push({
        url: chosen.url,
        title: chosen.title,
        status: 'failed',
        reason: 'no text in the feed and the page could not be read',
      });
      continue;
    }
    const fetchedAt =
      options.backlog && chosen.publishedAt !== null ? Math.min(now, chosen.publishedAt) : now;
    const result = store(deps, { ...chosen, fetchedAt });
    if (keys.guid && result.articleId !== undefined)
      deps.guids?.rememberGuid(res.url, keys.guid, result.articleId, now);
    items.push(result);
  }
  return { kind: 'feed', url: res.url, title: feed.title, notModified: false, items };
}

/**
 * Ingests any URL: a feed (by content type or by its root element) or else a web page. With
 * `forceFeed`, a page is refused with a clear reason instead.
 */
export async function ingestUrl(
  url: string,
  deps: IngestDeps,
  options: { forceFeed?: boolean } = {},
): Promise<FeedIngestResult | PageIngestResult> {
  if (options.forceFeed) return ingestFeed(url, deps, { backlog: false });
  const res = await deps.fetch(url, { accept: [...FEED_CONTENT_TYPES, ...PAGE_CONTENT_TYPES] });
  if (isFeedResponse(res))
    return { ...(await storeFeed(res, deps, {})), etag: res.etag, lastModified: res.lastModified };
  return storePage(res, deps);
}
