import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { Citations } from '../../src/briefing/citations.js';

function article(id: number): Article {
  return {
    id: 100 + id,
    url: `https://news.example/${String(id)}`,
    source: 'Example',
    title: `Title ${String(id)}`,
    byline: null,
    publishedAt: 1000 * id,
    fetchedAt: 0,
    body: 'Body.',
    contentHash: `h${String(id)}`,
    imageUrl: null,
  };
}

describe('Citations', () => {
  it('numbers articles 1..n in order of first citation and lists them as sources', () => {
    const c = new Citations([article(0), article(1), article(2)]);
    expect(c.cite(2)).toBe(1);
    expect(c.cite(0)).toBe(2);
    expect(c.cite(2)).toBe(1);
    expect(c.sources.map((s) => [s.n, s.articleId, s.title, s.publishedAt])).toEqual([
      [1, 102, 'Title 2', 2000],
      [2, 100, 'Title 0', 0],
    ]);
  });

  it('cites several articles once each, numbers sorted', () => {
    const c = new Citations([article(0), article(1), article(2)]);
    expect(c.citeAll([1, 2, 1])).toEqual([1, 2]);
    expect(c.citeAll([0, 2])).toEqual([2, 3]);
    expect(c.sources).toHaveLength(3);
  });

  it('refuses an index outside the articles', () => {
    expect(() => new Citations([article(0)]).cite(1)).toThrow(RangeError);
  });
});
