import { describe, expect, it } from 'vitest';
import { pickByStory } from '../../src/briefing/select.js';
import { groupStories } from '../../src/digest/story-groups.js';
import { article, DAY, memoryStore, NOW } from './helpers.js';

describe('stories', () => {
  it('puts a new article in the story of a recent one about the same event, at ingest', () => {
    const store = memoryStore();
    const add = (n: number, title: string, body: string, publishedAt = NOW - n * 3_600_000) =>
      store.upsert(article({ url: `https://ex.com/${n}`, title, body, publishedAt })).article;
    const a = add(
      1,
      'Storm Ciara floods coastal towns in Wales',
      'Storm Ciara flooded coastal towns in Wales on Sunday, the Met Office said.',
    );
    const b = add(
      2,
      'Wales coastal towns flooded as Storm Ciara hits',
      'Coastal towns in Wales were flooded when Storm Ciara arrived on Sunday.',
    );
    const c = add(
      3,
      'Central bank raises interest rates again',
      'The central bank raised interest rates by a quarter point on Thursday.',
    );
    // The same words, a month later: a new event, a new story.
    const d = add(
      4,
      'Storm Ciara floods coastal towns in Wales',
      'Storm Ciara flooded coastal towns in Wales again.',
      NOW + 30 * DAY,
    );
    expect(store.get(b.id)!.storyId).toBe(a.id);
    expect(store.get(a.id)!.storyId).toBe(a.id);
    expect(store.get(c.id)!.storyId).toBe(c.id);
    expect(store.get(d.id)!.storyId).toBe(d.id);
    // The digest's grouping reads the same stories.
    const stories = groupStories([a, b, c].map((x) => store.get(x.id)!));
    expect(stories.map((s) => s.articles.map((x) => x.id).sort())).toContainEqual([a.id, b.id].sort());
  });

  it("a briefing takes stories in rank order, each story's articles together, breadth first", () => {
    const mk = (id: number, storyId: number) => ({
      ...article({ title: `t${id}`, body: 'b' }),
      id,
      storyId,
      contentHash: 'h',
      fetchedAt: NOW,
    });
    const ranked = [mk(1, 1), mk(2, 2), mk(3, 1), mk(4, 1), mk(5, 3), mk(6, 1), mk(7, 1), mk(8, 2)];
    expect(pickByStory(ranked, 4).map((a) => a.id)).toEqual([1, 3, 2, 5]);
    expect(pickByStory(ranked, 8).map((a) => a.id)).toEqual([1, 3, 4, 6, 2, 8, 5]);
  });
});
