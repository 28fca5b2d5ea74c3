import type { Article } from '../articles/article.js';
import { UserFacingError } from '../errors.js';
import { msg } from '../i18n/index.js';
import { safeText, stripInvisible, stripLinks } from './sanitize.js';
import type { Selection } from './types.js';

/** The part of the article store the briefing engine reads. */
export interface ArticleQuery {
  /** Full-text search, best matches first; `since` in epoch ms. */
  search(options: { query: string; since?: number; limit: number }): Article[];
  /** Newest articles first. */
  recent(options: { since?: number; limit: number }): Article[];
  count(): number;
  /** One article by id (null when removed); used to check a translation against its sources. */
  get?(id: number): Article | null;
}

/** Trims and collapses a member's topic; empty means "no topic". */
export function normalizeTopic(topic: string | null | undefined): string | null {
  const t = stripInvisible(topic ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return t ? t.slice(0, 100) : null;
}

/**
 * Chooses the articles for a briefing: topic matches (or the newest articles) from the last `hours`;
 * when nothing is that recent, the best matches of any age, flagged as widened. Throws a
 * UserFacingError when nothing matches at all.
 */
export function selectArticles(
  store: ArticleQuery,
  request: { topic: string | null; hours: number; limit: number; now: number },
): Selection {
  const since = request.now - request.hours * 3_600_000;
  const find = (sinceMs?: number) =>
    request.topic
      ? store.search({
          query: request.topic,
          limit: request.limit,
          ...(sinceMs === undefined ? {} : { since: sinceMs }),
        })
      : store.recent({ limit: request.limit, ...(sinceMs === undefined ? {} : { since: sinceMs }) });
  const recent = find(since);
  if (recent.length) return { articles: recent, widened: false };
  const any = find();
  if (any.length) return { articles: any, widened: true };
  if (!request.topic || store.count() === 0) {
    throw new UserFacingError(msg('select.noArticles'));
  }
  throw new UserFacingError(msg('select.noMatch', { topic: safeText(stripLinks(request.topic), 100) }));
}

/** Articles a briefing takes from one story at most (its other sources add little but length). */
export const PER_STORY = 4;

/**
 * Stories, not articles: the ranked articles grouped by their story (set by the store at ingest), the
 * stories in the order of their best-ranked article, each story's articles together, at most
 * {@link PER_STORY} each, `limit` in all, shared out breadth first (every story gets one article before
 * any gets a second).
 */
export function pickByStory(ranked: readonly Article[], limit: number): Article[] {
  const stories = new Map<number, Article[]>();
  for (const a of ranked) {
    const id = a.storyId ?? a.id;
    const story = stories.get(id);
    if (story) story.push(a);
    else stories.set(id, [a]);
  }
  const list = [...stories.values()];
  const take = list.map(() => 0);
  let left = limit;
  for (let round = 0; round < PER_STORY && left > 0; round++)
    list.forEach((story, i) => {
      if (left > 0 && take[i]! < story.length) {
        take[i]! += 1;
        left -= 1;
      }
    });
  return list.flatMap((story, i) => story.slice(0, take[i]));
}
