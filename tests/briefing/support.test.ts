import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { checkSupport, supportBriefing } from '../../src/briefing/support.js';

function article(id: number, title: string, body: string, publishedAt: number | null = null): Article {
  return {
    id,
    url: `https://news.example/${id}`,
    source: 'Example',
    title,
    byline: null,
    publishedAt,
    fetchedAt: 0,
    body,
    contentHash: `h${id}`,
    imageUrl: null,
  };
}

const SAILORS = article(
  1,
  'Iran seizes British sailors in the Gulf',
  `Iranian forces seized fifteen Royal Navy personnel on Friday, 23 March, in the Shatt al-Arab waterway.
The Ministry of Defence said no ransom was demanded. “We are deeply concerned about this,” said Tony Blair's
spokesman. Aid reached 1,000 pounds, then £5m in total, up 15 per cent on the year; about two hundred people
and a dozen boats took part. Café owner José Müller said the U.S. was not involved. Three in ten Britons
had heard of it by 2007. The Foreign Office paid $2.5 billion.`,
  Date.UTC(2007, 2, 24),
);

const ok = (text: string, options?: { headline?: boolean }) =>
  expect(checkSupport(text, [SAILORS], options), text).toEqual([]);
const fails = (text: string, kind: string, claim: string) =>
  expect(checkSupport(text, [SAILORS]), text).toContainEqual({ kind, text: claim });

describe('checkSupport', () => {
  it('accepts plain variants of numbers, names, dates and quotes', () => {
    ok('Iran seized 15 British sailors on 23 March.');
    ok('Iranian forces seized fifteen sailors on March 23rd, the 23rd of March.');
    ok('Aid reached one thousand pounds (1000), then 5 million pounds, or 5,000,000, up 15%.');
    ok('The Foreign Office paid $2.5bn, about 200 people and 12 boats took part; 3 in 10 Britons.');
    ok('Blair’s spokesman said "we are deeply concerned about this".');
    ok("Tony Blair's spokesman: “We are deeply concerned ... about this.”");
    ok('Cafe owner Jose Muller said the United States was not involved.');
    ok("America was not involved, said a café owner; Britain's Ministry of Defence spoke in 2007.");
    ok('Prime Minister Tony Blair was concerned.');
    ok('On Saturday, 24 March, Iran held them.'); // the publication date is part of the article
  });

  it('catches changed numbers, money, dates, names and quotes', () => {
    fails('Iran seized 25 British sailors.', 'number', '25');
    fails('Iran seized twenty-five sailors.', 'number', 'twenty-five');
    fails('A ransom of 6 million pounds was paid.', 'number', '6 million');
    fails('Aid rose 16% on the year.', 'number', '16');
    fails('The sailors were seized on 22 March.', 'date', '22 March');
    fails('The sailors were seized on March 25.', 'date', 'March 25');
    fails('The event was reported in 2008.', 'number', '2008');
    fails('Gordon Brown said Iran was right.', 'name', 'Gordon Brown');
    fails('The spokesman of Blair said Iraq was right.', 'name', 'Iraq');
    fails('Blair said "we are very concerned about this".', 'quote', 'we are very concerned about this');
    fails('Blair said: “The sailors will be freed”.', 'quote', 'The sailors will be freed');
    fails('Khamenei said the sailors were spies.', 'name', 'Khamenei');
  });

  it('does not take common sentence-start words for names', () => {
    ok('Meanwhile, officials said no ransom was demanded.');
    ok('Officials said the sailors were held. However, nothing was demanded.');
  });

  it('checks only numbers and names in a headline, Title Case included', () => {
    ok('Iran Seizes Fifteen British Sailors', { headline: true });
    ok('Sailors seized on the waterway', { headline: true });
    expect(checkSupport('Iran Seizes 25 Sailors', [SAILORS], { headline: true })).toEqual([
      { kind: 'number', text: '25' },
    ]);
    expect(checkSupport('Germany Seizes Sailors', [SAILORS], { headline: true })).toHaveLength(1);
  });

  it('finds a claim in any of the cited articles, and only in those', () => {
    const other = article(2, 'Bombs in London', 'Fifty-two people died on 7 July 2005 in London.');
    expect(checkSupport('52 people died in London; 15 sailors were seized.', [SAILORS, other])).toEqual([]);
    expect(checkSupport('52 people died in London.', [SAILORS])).toEqual([
      { kind: 'number', text: '52' },
      { kind: 'name', text: 'London' },
    ]);
  });

  it('a briefing-sized check takes well under 5 ms once the articles are indexed', () => {
    const bullets = Array.from(
      { length: 5 },
      (_, i) => `Iran seized 15 sailors on 23 March, said source ${i}.`,
    );
    checkSupport(bullets[0]!, [SAILORS]);
    const t0 = performance.now();
    for (let round = 0; round < 20; round++) for (const b of bullets) checkSupport(b, [SAILORS]);
    expect((performance.now() - t0) / 20).toBeLessThan(5);
  });
});

describe('supportBriefing', () => {
  const other = article(2, 'Bombs in London', 'Fifty-two people died on 7 July 2005 in London.');
  const sources = [
    { n: 1, articleId: 1, title: SAILORS.title, url: null, source: 'x', publishedAt: null },
    { n: 2, articleId: 2, title: other.title, url: null, source: 'x', publishedAt: null },
  ];

  it('drops unsupported bullets, renumbers the sources kept and replaces a failing headline', () => {
    const result = supportBriefing(
      {
        headline: 'Iran seizes 25 sailors',
        bullets: [
          { text: 'Iran seized 25 British sailors.', cites: [1] },
          { text: '52 people died in London on 7 July.', cites: [2] },
          { text: 'Iran seized fifteen British sailors.', cites: [1] },
        ],
        sources,
      },
      [SAILORS, other],
      'News briefing',
    );
    expect(result.bullets).toEqual([
      { text: '52 people died in London on 7 July.', cites: [1] },
      { text: 'Iran seized fifteen British sailors.', cites: [2] },
    ]);
    expect(result.sources.map((s) => s.articleId)).toEqual([2, 1]);
    expect(result.failed).toEqual([
      { bullet: 'Iran seized 25 British sailors.', claims: [{ kind: 'number', text: '25' }] },
    ]);
    expect(result.headline).toBe('News briefing');
    expect(result.tooFew).toBe(false);
  });

  it('is too few when fewer than half of the bullets hold up', () => {
    const result = supportBriefing(
      {
        headline: 'Iran',
        bullets: [
          { text: 'Iran seized 25 British sailors.', cites: [1] },
          { text: '53 people died in London.', cites: [2] },
          { text: 'Iran seized fifteen British sailors.', cites: [1] },
        ],
        sources,
      },
      [SAILORS, other],
      'News briefing',
    );
    expect(result.bullets).toHaveLength(1);
    expect(result.tooFew).toBe(true);
    expect(result.headline).toBe('Iran');
  });
});
