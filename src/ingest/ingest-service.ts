import type { ArticleStore } from '../articles/store.js';
import { removeArticles } from './remove-articles.js';
import { UserFacingError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { FeedParseError } from '../feeds/parse-feed.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { cleanUrl } from '../articles/url-key.js';
import type { FeedRecord, FeedRegistry } from './feed-registry.js';
import type { PollOutcome } from './feed-poller.js';
import { ingestFeed, ingestPage, type IngestDeps, type ItemResult } from './ingest-url.js';
import type { OperatorFeed } from './feeds-file.js';

/** Feeds a server may have at once. */
export const MAX_FEEDS_PER_GUILD = 50;

function feedProblem(err: unknown): never {
  if (err instanceof FeedParseError)
    throw new UserFacingError(msg('ingest.notAFeed', { reason: err.message }), { cause: err });
  throw err;
}

function checkUrl(text: string): string {
  const url = text.trim();
  if (!/^https?:\/\/\S+$/i.test(url) || !URL.canParse(url)) throw new UserFacingError(msg('ingest.badUrl'));
  return cleanUrl(url);
}

/**
 * Articles arriving by themselves: server and operator feeds (added, listed, removed, polled) and single
 * pages. Commands, the CLI and the poller all go through here.
 */
export class IngestService {
  constructor(
    private readonly deps: IngestDeps & {
      registry: FeedRegistry;
      store: ArticleStore;
      feedIntervalMs: number;
      logger: Logger;
      now: () => number;
      /** Counts newly stored articles. */
      metrics?: Pick<Metrics, 'articlesIngested'>;
      /** Told the ids of articles just added or changed (NOTES_EAGER queues their notes). */
      onStored?: (articleIds: number[]) => void;
    },
  ) {}

  private countAdded(items: readonly ItemResult[], source: 'feed' | 'page'): void {
    this.deps.metrics?.articlesIngested(items.filter((i) => i.status === 'added').length, source);
    const stored = items.flatMap((i) =>
      (i.status === 'added' || i.status === 'updated') && i.articleId !== undefined ? [i.articleId] : [],
    );
    if (stored.length) this.deps.onStored?.(stored);
  }

  get registry(): FeedRegistry {
    return this.deps.registry;
  }

  /**
   * Adds a feed (or re-enables it) and polls it at once, so that a wrong address is refused with the
   * reason. The first poll's items are stored as of their publication time (see ingestFeed `backlog`).
   */
  async addFeed(input: {
    url: string;
    guildId: string | null;
    topic: string | null;
    addedBy: string | null;
  }): Promise<{ feed: FeedRecord; created: boolean; stored: number; items: number }> {
    const url = checkUrl(input.url);
    const { registry, now, feedIntervalMs } = this.deps;
    const existing = registry.find(url, input.guildId);
    if (!existing && input.guildId && registry.list(input.guildId).length >= MAX_FEEDS_PER_GUILD) {
      throw new UserFacingError(msg('ingest.feedLimit', { max: MAX_FEEDS_PER_GUILD }));
    }
    const result = await ingestFeed(url, this.deps, { backlog: !existing?.primed }).catch(feedProblem);
    this.countAdded(result.items, 'feed');
    const { feed, created } = registry.add({
      url,
      guildId: input.guildId,
      topic: input.topic,
      addedBy: input.addedBy,
      intervalMs: feedIntervalMs,
      now: now(),
    });
    const stored = result.items.filter((i) => i.status === 'added' || i.status === 'updated').length;
    registry.recordSuccess(feed.id, {
      now: now(),
      nextPollAt: now() + feedIntervalMs,
      etag: result.etag,
      lastModified: result.lastModified,
      title: result.title || null,
      stored,
    });
    this.deps.logger.info(
      {
        audit: 'feed_added',
        feedId: feed.id,
        url,
        guildId: input.guildId,
        addedBy: input.addedBy,
        items: result.items.length,
        stored,
      },
      'feed added',
    );
    return { feed: registry.get(feed.id)!, created, stored, items: result.items.length };
  }

  removeFeed(id: number, guildId: string | null): boolean {
    return this.deps.registry.remove(id, guildId);
  }

  listFeeds(guildId: string | null): FeedRecord[] {
    return this.deps.registry.list(guildId);
  }

  /** Fetches one page and stores its article. */
  async addPage(url: string): Promise<ItemResult> {
    const { item } = await ingestPage(checkUrl(url), this.deps);
    this.countAdded([item], 'page');
    return item;
  }

  /** One scheduled poll (conditional request; the first poll of a feed is its backlog). */
  async poll(feed: FeedRecord, signal?: AbortSignal): Promise<PollOutcome> {
    const result = await ingestFeed(feed.url, this.deps, {
      etag: feed.etag,
      lastModified: feed.lastModified,
      backlog: !feed.primed,
      ...(signal ? { signal } : {}),
    });
    this.countAdded(result.items, 'feed');
    const stored = result.items.filter((i) => i.status === 'added' || i.status === 'updated').length;
    return {
      notModified: result.notModified,
      stored,
      etag: result.etag,
      lastModified: result.lastModified,
      title: result.title || null,
    };
  }

  /** Removes these articles and forgets their feed items (see {@link removeArticles}). */
  removeArticles(ids: readonly number[]): number {
    return removeArticles(this.deps, ids);
  }

  /**
   * Makes the operator's feeds match FEEDS_FILE (an empty list when there is no file): new entries are
   * added (the poller reads them soon after), changed ones updated, and feeds that came from the file
   * but are no longer in it are removed (feeds added on the console stay). A feed disabled for failing
   * stays disabled across restarts until its entry in the file changes.
   */
  syncOperatorFeeds(feeds: readonly OperatorFeed[]): { added: number; removed: number } {
    const { registry, feedIntervalMs, now } = this.deps;
    let added = 0;
    const wanted = new Set<string>();
    for (const f of feeds) {
      const url = cleanUrl(f.url);
      wanted.add(url);
      const existing = registry.find(url, null);
      if (existing?.topic === f.topic && existing.intervalMs === (f.intervalMs ?? feedIntervalMs)) continue;
      registry.add({
        url,
        guildId: null,
        topic: f.topic,
        addedBy: FEEDS_FILE_OWNER,
        intervalMs: f.intervalMs ?? feedIntervalMs,
        now: now(),
      });
      if (!existing) added += 1;
    }
    let removed = 0;
    for (const feed of registry.list(null)) {
      if (feed.addedBy === FEEDS_FILE_OWNER && !wanted.has(feed.url) && registry.remove(feed.id, null))
        removed += 1;
    }
    return { added, removed };
  }
}

/** `added_by` of feeds that come from FEEDS_FILE (and go when they leave it). */
const FEEDS_FILE_OWNER = 'feeds-file';
