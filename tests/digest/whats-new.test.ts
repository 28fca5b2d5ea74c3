import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { ArticleStore } from '../../src/articles/store.js';
import { articlesSince } from '../../src/articles/store.js';
import { groupStories, pickStories } from '../../src/digest/story-groups.js';
import { whatsNew } from '../../src/digest/whats-new.js';
import { DAY, HOUR, newArticle, tempDatabase } from './support.js';

const NOW = Date.parse('2026-03-27T07:00:00Z');
const files: { cleanup(): void }[] = [];
afterEach(() => files.splice(0).forEach((f) => f.cleanup()));

function store() {
  const file = tempDatabase();
  files.push(file);
  const db = file.open();
  return { db, articles: new ArticleStore({ db, now: () => NOW }) };
}

function article(
  id: number,
  title: string,
  body = `${title}. More details followed later in the day.`,
  at = NOW - HOUR,
): Article {
  return {
    id,
    url: null,
    source: 'S',
    title,
    byline: null,
    publishedAt: at,
    fetchedAt: at,
    body,
    contentHash: String(id),
    imageUrl: null,
  };
}

describe('articles published or ingested since a moment', () => {
  it('never counts an undated article as new, however recently it was fetched', () => {
    const { db, articles } = store();
    articles.upsert({ ...newArticle(NOW - HOUR, 'Undated page', { hoursAgo: 0 }), publishedAt: null });
    articles.upsert(newArticle(NOW - HOUR, 'Fresh news', { hoursAgo: 0 }));
    const titles = (topic?: string) =>
      articlesSince(db, { since: NOW - DAY, until: NOW, topic: topic ?? null }).map(
        (a) => a.title.split(' report')[0],
      );
    expect(titles()).toEqual(['Fresh news']);
    expect(titles('page')).toEqual([]);
    const digest = { topic: null, length: 'short' as const, lastSuccessAt: null, createdAt: NOW - DAY };
    expect(whatsNew((o) => articlesSince(db, o), digest, NOW).found).toBe(1);
  });

  it('counts an article when it was published in the window or fetched in it', () => {
    const { db, articles } = store();
    articles.upsert(newArticle(NOW - 2 * DAY, 'Old news', { hoursAgo: 0 }));
    articles.upsert(newArticle(NOW - HOUR, 'Fresh news', { hoursAgo: 0 }));
    articles.upsert(newArticle(NOW - HOUR, 'Archive find', { hoursAgo: 24 * 365 })); // old story, just ingested
    articles.upsert({
      ...newArticle(NOW - 3 * DAY, 'Backdated', { hoursAgo: 0 }),
      publishedAt: NOW - 2 * HOUR,
    }); // fetched before, published in window
    const found = articlesSince(db, { since: NOW - DAY, until: NOW });
    expect(found.map((a) => a.title.split(' report')[0])).toEqual([
      'Fresh news',
      'Backdated',
      'Archive find',
    ]);
    expect(
      articlesSince(db, { since: NOW - DAY, until: NOW - 90 * 60_000 }).map(
        (a) => a.title.split(' report')[0],
      ),
    ).toEqual(['Backdated']);
  });

  it('filters by topic with the store’s full-text rules (any case, phrase-safe)', () => {
    const { db, articles } = store();
    articles.upsert(newArticle(NOW - HOUR, 'Harbour'));
    articles.upsert(newArticle(NOW - HOUR, 'Election'));
    articles.upsert(newArticle(NOW - 3 * DAY, 'Harbour', { hoursAgo: 0 }));
    expect(articlesSince(db, { since: NOW - DAY, until: NOW, topic: 'HARBOUR' })).toHaveLength(1);
    expect(articlesSince(db, { since: NOW - DAY, until: NOW, topic: '"unbalanced AND *' })).toEqual([]);
    expect(articlesSince(db, { since: NOW - DAY, until: NOW, topic: '!!!' })).toEqual([]);
  });
});

describe('grouping by story', () => {
  it('puts articles telling the same story together, biggest story first', () => {
    const stories = groupStories([
      article(1, 'Parliament passes new climate law after long debate'),
      article(2, 'Football club wins the national cup final'),
      article(3, 'Climate law passes parliament after long debate', undefined, NOW - 2 * HOUR),
      article(4, 'New climate law: parliament passes it after debate', undefined, NOW - 3 * HOUR),
    ]);
    expect(stories.map((s) => s.articles.map((a) => a.id))).toEqual([[1, 3, 4], [2]]);
  });

  it('does not merge different stories that share a site’s stock phrases', () => {
    const stories = groupStories([
      article(1, 'Storm hits coast towns'),
      article(2, 'Election result announced'),
      article(3, 'Museum opens wing'),
    ]);
    expect(stories).toHaveLength(3);
  });

  it('merges by lead when headlines differ more but still overlap', () => {
    const lead =
      'The central bank raised interest rates by half a point on Thursday, citing persistent inflation in services and wages.';
    const stories = groupStories([
      article(1, 'Central bank raises rates again', lead),
      article(2, 'Rates go up: bank acts on inflation', `${lead} Markets fell.`),
    ]);
    expect(stories).toHaveLength(1);
  });

  it('picks at most N stories, breadth first, each story’s articles together', () => {
    const stories = groupStories([
      article(1, 'Alpha storm hits coast towns'),
      article(2, 'Alpha storm hits coast towns again'),
      article(3, 'Alpha storm hits the coast towns hard'),
      article(4, 'Bravo election result announced today'),
      article(5, 'Bravo election result announced tonight'),
      article(6, 'Charlie museum opens new wing'),
    ]);
    expect(
      pickStories(stories, { maxStories: 2, perStory: 3, maxArticles: 10 }).articles.map((a) => a.id),
    ).toEqual([3, 2, 1, 5, 4]); // newest (here: highest id) first within a story
    expect(
      pickStories(stories, { maxStories: 3, perStory: 3, maxArticles: 4 }).articles.map((a) => a.id),
    ).toEqual([3, 2, 5, 6]);
    expect(pickStories(stories, { maxStories: 5, perStory: 1, maxArticles: 10 })).toMatchObject({
      stories: 3,
    });
  });
});

describe('whatsNew', () => {
  it('covers since the last success; before the first, since 24 h before the digest was set; never beyond 7 days', () => {
    const windows: number[] = [];
    const find = (o: { since: number }) => (windows.push(o.since), []);
    whatsNew(find, { topic: null, length: 'standard', lastSuccessAt: NOW - 5 * HOUR, createdAt: 0 }, NOW);
    whatsNew(find, { topic: null, length: 'standard', lastSuccessAt: null, createdAt: NOW - HOUR }, NOW);
    whatsNew(find, { topic: null, length: 'standard', lastSuccessAt: null, createdAt: NOW - 3 * DAY }, NOW);
    whatsNew(find, { topic: null, length: 'standard', lastSuccessAt: NOW - 30 * DAY, createdAt: 0 }, NOW);
    expect(windows).toEqual([NOW - 5 * HOUR, NOW - 25 * HOUR, NOW - 4 * DAY, NOW - 7 * DAY]);
  });

  it('gives the writer at most the length’s article budget', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      article(i + 1, `Alpha${i} bravo${i} charlie${i} delta${i}`),
    );
    const short = whatsNew(
      () => many,
      { topic: null, length: 'short', lastSuccessAt: null, createdAt: NOW },
      NOW,
    );
    expect(short.articles).toHaveLength(5); // 3 bullets + 2 stories, one article each
    expect(short.found).toBe(40);
    const capped = whatsNew(
      () => many,
      { topic: null, length: 'detailed', lastSuccessAt: null, createdAt: NOW },
      NOW,
      { maxArticles: 4 },
    );
    expect(capped.articles).toHaveLength(4);
  });
});
