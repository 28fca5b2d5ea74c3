import type { Article } from '../articles/article.js';
import { LENGTH_PROFILES } from '../briefing/lengths.js';
import type { ArticlesSinceOptions } from '../articles/store.js';
import { groupStories, pickStories } from './story-groups.js';
import type { BriefingResult } from '../briefing/types.js';
import { digestLocale, type Digest, type DigestWriter } from './types.js';

/** Reads articles published or ingested in a window (production: `articlesSince` over the shared Db). */
export type ArticlesSince = (options: ArticlesSinceOptions) => Article[];

/** What a digest would cover now. */
export interface WhatsNew {
  /** Chosen articles, each story's articles together. */
  articles: Article[];
  stories: number;
  /** New articles found before choosing. */
  found: number;
  since: number;
  until: number;
}

/** Limits for {@link whatsNew}. */
export interface WhatsNewOptions {
  /** Window of a digest's first run (default 24 h). */
  firstWindowMs?: number;
  /** Never look further back than this, e.g. after a long pause (default 7 days). */
  maxLookbackMs?: number;
  /** Most articles per story (default 3). */
  perStory?: number;
  /** Most articles read before grouping (default 200). */
  candidates?: number;
  /** Most articles given to the writer, whatever the length (BRIEFING_MAX_ARTICLES). */
  maxArticles?: number;
}

const HOUR = 3_600_000;

/**
 * The articles a digest would cover at `now`: published or ingested since its last posted digest
 * (before the first: since 24 h before the digest was set; never more than 7 days back), matching its topic if it has one, grouped
 * into stories. Stories with the most articles come first; the article budget is the length's
 * (short 6, standard 10, detailed 16 articles) over at most bullets + 2 stories (5, 7, 9).
 */
export function whatsNew(
  find: ArticlesSince,
  digest: Pick<Digest, 'topic' | 'length' | 'lastSuccessAt' | 'createdAt'>,
  now: number,
  options: WhatsNewOptions = {},
): WhatsNew {
  const floor = now - (options.maxLookbackMs ?? 7 * 24 * HOUR);
  const first = options.firstWindowMs ?? 24 * HOUR;
  // Before any success: the 24 h before the digest was set, and at least the last 24 h, so that a first
  // run that failed or was skipped loses nothing.
  const since = Math.max(floor, digest.lastSuccessAt ?? Math.min(digest.createdAt, now) - first);
  const found = find({ since, until: now, topic: digest.topic, limit: options.candidates ?? 200 });
  const profile = LENGTH_PROFILES[digest.length];
  const picked = pickStories(groupStories(found), {
    maxStories: profile.bullets + 2,
    perStory: options.perStory ?? 3,
    maxArticles: Math.min(profile.articles, options.maxArticles ?? Number.POSITIVE_INFINITY),
  });
  return { ...picked, found: found.length, since, until: now };
}

/** Where a digest's news comes from and how its briefing is written (the manager's and the runner's options). */
export interface DigestNewsSource {
  find: ArticlesSince;
  write: DigestWriter;
  whatsNew?: WhatsNewOptions;
}

/**
 * The one what's-new -> write sequence, behind /digest preview and every scheduled run: what `digest`
 * would cover at `now`, and `write()`, which writes its briefing (call it only when there are articles)
 * with the digest's length, topic and locale over the hours the articles span.
 */
export function digestNews(
  source: DigestNewsSource,
  digest: Pick<
    Digest,
    'topic' | 'length' | 'lastSuccessAt' | 'createdAt' | 'locale' | 'language' | 'guildId'
  >,
  now: number,
): { news: WhatsNew; write: () => Promise<BriefingResult> } {
  const news = whatsNew(source.find, digest, now, source.whatsNew);
  return {
    news,
    write: () => {
      const hours = Math.max(1, Math.round((news.until - news.since) / 3_600_000));
      const locale = digestLocale(digest);
      return source.write(news.articles, {
        length: digest.length,
        topic: digest.topic,
        hours,
        guildId: digest.guildId,
        ...(locale ? { locale } : {}),
      });
    },
  };
}
