import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { extractiveBriefing } from '../../src/briefing/extractive.js';
import { splitSentences } from '../../src/briefing/text-tools.js';

function article(id: number, title: string, body: string): Article {
  return {
    id,
    url: null,
    source: 'S',
    title,
    byline: null,
    publishedAt: 0,
    fetchedAt: 0,
    body,
    contentHash: String(id),
    imageUrl: null,
  };
}

const quake = article(
  1,
  'Earthquake hits coast',
  'A strong earthquake hit the northern coast on Monday, officials said. Rescue teams searched collapsed buildings through the night. The weather was mild.',
);
const quake2 = article(
  2,
  'Rescue continues after quake',
  'Rescue teams searched collapsed buildings through the night after the earthquake, officials said. Aid agencies sent tents and water to the northern coast.',
);
const other = article(
  3,
  'Football final',
  'The home team won the football final on Sunday in front of a full stadium. Fans celebrated in the streets until morning.',
);

describe('extractiveBriefing', () => {
  it('quotes whole sentences, each cited to its article, one bullet per story', () => {
    const b = extractiveBriefing([quake, quake2, other], { topic: null, bullets: 3, wordsPerBullet: 60 });
    expect(b.bullets).toHaveLength(2);
    for (const bullet of b.bullets) {
      expect(bullet.text).toMatch(/[.!?]$/);
      const cited = bullet.cites.map((n) => b.sources[n - 1]!.articleId);
      const bodies = cited.map((id) => [quake, quake2, other].find((a) => a.id === id)!.body);
      for (const sentence of splitSentences(bullet.text.replace(/ \(as of [^)]*\)/g, '')))
        expect(bodies.some((body) => body.includes(sentence))).toBe(true);
    }
    const quakeBullet = b.bullets.find((x) => /earthquake|Rescue/.test(x.text))!;
    expect(quakeBullet.cites).toHaveLength(2);
  });

  it('cites every article that says the same thing', () => {
    const b = extractiveBriefing([quake, quake2], { topic: 'rescue', bullets: 2, wordsPerBullet: 60 });
    const rescue = b.bullets.find((x) => x.text.includes('Rescue teams searched'))!;
    expect(rescue.cites).toHaveLength(2);
  });

  it('prefers sentences about the topic', () => {
    const b = extractiveBriefing([other, quake], { topic: 'earthquake', bullets: 1, wordsPerBullet: 60 });
    expect(b.bullets[0]!.text).toMatch(/earthquake/i);
  });

  it('falls back to headlines when no sentence qualifies', () => {
    const b = extractiveBriefing([article(4, 'Short note', 'Tiny.')], {
      topic: null,
      bullets: 3,
      wordsPerBullet: 60,
    });
    expect(b.bullets).toEqual([{ text: 'Short note', cites: [1] }]);
  });
});
