import type { Article } from '../articles/article.js';
import { effectiveTime } from '../articles/article.js';
import { sameStory, storySignature } from '../articles/same-story.js';

/** Articles telling the same story, newest first. */
export interface Story {
  articles: Article[];
  newest: number;
}

/**
 * Groups articles into stories: articles the store put in one story at ingest (same `storyId`), and two
 * articles that {@link sameStory} says tell the same story, are one story, and so, transitively, are
 * their partners. Stories are ordered by how many articles tell them, then by recency. Quadratic: meant
 * for the few hundred new articles of one digest or the candidates of one briefing.
 */
export function groupStories(articles: readonly Article[]): Story[] {
  const sigs = articles.map(storySignature);
  const parent = articles.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const byStoryId = new Map<number, number>();
  articles.forEach((a, i) => {
    if (a.storyId === undefined) return;
    const first = byStoryId.get(a.storyId);
    if (first === undefined) byStoryId.set(a.storyId, i);
    else if (root(i) !== root(first)) parent[root(i)] = root(first);
  });
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      if (root(i) !== root(j) && sameStory(sigs[i]!, sigs[j]!)) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, Article[]>();
  articles.forEach((a, i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), a]);
  });
  return [...groups.values()]
    .map((group) => {
      const sorted = [...group].sort((a, b) => effectiveTime(b) - effectiveTime(a) || b.id - a.id);
      return { articles: sorted, newest: effectiveTime(sorted[0]!) };
    })
    .sort((a, b) => b.articles.length - a.articles.length || b.newest - a.newest);
}

/**
 * The articles to brief, each story's articles together: at most `maxStories` stories, `perStory`
 * articles from each, `maxArticles` in all. Room is shared out breadth first: every chosen story
 * gets one article before any gets a second.
 */
export function pickStories(
  stories: readonly Story[],
  limits: { maxStories: number; perStory: number; maxArticles: number },
): { articles: Article[]; stories: number } {
  const chosen = stories.slice(0, Math.max(0, Math.min(limits.maxStories, limits.maxArticles)));
  const take = chosen.map(() => 0);
  let left = limits.maxArticles;
  for (let round = 0; round < limits.perStory && left > 0; round++) {
    chosen.forEach((story, i) => {
      if (left > 0 && story.articles.length > round) {
        take[i] = round + 1;
        left -= 1;
      }
    });
  }
  return { articles: chosen.flatMap((story, i) => story.articles.slice(0, take[i])), stories: chosen.length };
}
