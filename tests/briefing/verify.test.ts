import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { verifyBriefing } from '../../src/briefing/verify.js';

function article(id: number, title = `Title ${id}`): Article {
  return {
    id: 100 + id,
    url: `https://news.example/${id}`,
    source: 'Example',
    title,
    byline: null,
    publishedAt: 0,
    fetchedAt: 0,
    body: 'Body.',
    contentHash: `h${id}`,
    imageUrl: null,
  };
}

const articles = [article(1), article(2), article(3)];

describe('verifyBriefing', () => {
  it('renumbers cited articles 1..n in order of first citation and maps them to store ids', () => {
    const v = verifyBriefing(
      {
        headline: 'H',
        bullets: [
          { text: 'A', sources: [3] },
          { text: 'B', sources: [1, 3] },
        ],
      },
      articles,
      7,
    );
    expect(v.bullets).toEqual([
      { text: 'A', cites: [1] },
      { text: 'B', cites: [1, 2] },
    ]);
    expect(v.sources.map((s) => [s.n, s.articleId])).toEqual([
      [1, 103],
      [2, 101],
    ]);
  });

  it('removes citations of ids that were not given and drops bullets left without any', () => {
    const v = verifyBriefing(
      {
        headline: 'H',
        bullets: [
          { text: 'A', sources: [2, 9, 0] },
          { text: 'B', sources: [42] },
          { text: 'C', sources: [] },
        ],
      },
      articles,
      7,
    );
    expect(v.bullets).toEqual([{ text: 'A', cites: [1] }]);
    expect(v.dropped).toEqual({ unknownCitations: 3, uncitedBullets: 2, extraBullets: 0 });
  });

  it('sanitises bullet and headline text and strips inline [n] markers', () => {
    const v = verifyBriefing(
      {
        headline: '@everyone News https://evil.example',
        bullets: [
          { text: 'Troops leave [1]. <@123456789012345678> see https://evil.example/x', sources: [1] },
        ],
      },
      articles,
      7,
    );
    expect(v.headline).toBe('@\u200beveryone News');
    expect(v.bullets[0]?.text).toBe('Troops leave. @someone see');
  });

  it('keeps at most maxBullets', () => {
    const v = verifyBriefing(
      { headline: 'H', bullets: [1, 2, 3, 1, 2].map((n) => ({ text: `t${n}`, sources: [n] })) },
      articles,
      3,
    );
    expect(v.bullets).toHaveLength(3);
    expect(v.dropped.extraBullets).toBe(2);
  });
});
