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

  it('never quotes photo captions or credits', () => {
    const a = article(
      5,
      'Memorial unveiled',
      'Ambulances at Russell Square, London after the July 7, 2005 bombings.\n\nImage: Francis Tyers.\n\nPhoto: Reuters crowds at the park\n\nA permanent memorial for the victims of the London bombings has been unveiled in Hyde Park, officials said.',
    );
    const b = extractiveBriefing([a], { topic: null, bullets: 3, wordsPerBullet: 60 });
    const text = b.bullets.map((x) => x.text).join(' ');
    expect(text).toContain('A permanent memorial');
    expect(text).not.toMatch(/Ambulances|Image:|Photo:/);
  });

  it('takes the sentence a "This"/"He" points at, or leaves the sentence out', () => {
    const a = article(
      6,
      'Minister resigns',
      'The finance minister resigned on Friday after a week of protests over the budget. He said the decision was his alone and thanked the voters of the province.',
    );
    const withRoom = extractiveBriefing([a], { topic: null, bullets: 1, wordsPerBullet: 60 });
    for (const bullet of withRoom.bullets)
      if (bullet.text.includes('He said')) expect(bullet.text).toMatch(/^The finance minister resigned/);
    const tight = extractiveBriefing([a], { topic: 'decision voters', bullets: 1, wordsPerBullet: 16 });
    expect(tight.bullets[0]!.text).not.toMatch(/^He /);
  });

  it('anchors relative times to the article date, or avoids them when the article has none', () => {
    const dated = {
      ...article(
        7,
        'Police search houses',
        'Police searched six houses in Leeds today in connection with the bombings, officers said.',
      ),
      publishedAt: Date.UTC(2005, 6, 12, 12),
    };
    const b = extractiveBriefing([dated], { topic: null, bullets: 1, wordsPerBullet: 60 });
    expect(b.bullets[0]!.text).toBe(
      'Police searched six houses in Leeds on 12 July 2005 in connection with the bombings, officers said.',
    );
    const undated = {
      ...article(
        8,
        'Storm',
        'The storm closed the coastal road last week, the council said. Engineers expect the coastal road to reopen in the spring after repairs.',
      ),
      publishedAt: null,
    };
    const u = extractiveBriefing([undated], { topic: null, bullets: 2, wordsPerBullet: 60 });
    expect(u.bullets.map((x) => x.text).join(' ')).not.toMatch(/last week/);
  });

  it('never cuts inside a sentence, nor splits at "George W." or "U.S."', () => {
    const a = article(
      9,
      'Tax relief',
      'U.S. citizens donating in 2005 may write off their donations, thanks to a bill passed by the U.S. House and signed by president George W. Bush. The law is intended to promote donations.',
    );
    for (const words of [10, 30, 60]) {
      const b = extractiveBriefing([a], { topic: null, bullets: 2, wordsPerBullet: words });
      for (const bullet of b.bullets) {
        expect(bullet.text).not.toMatch(/…|W\.$|U\.S\.$/);
        expect(bullet.text.split(' ').length).toBeLessThanOrEqual(Math.max(words, 5));
        for (const sentence of splitSentences(bullet.text))
          expect(a.body.includes(sentence) || a.title === sentence).toBe(true);
      }
    }
  });
});
