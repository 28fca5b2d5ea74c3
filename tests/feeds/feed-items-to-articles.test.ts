import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { ArticleStore } from '../../src/articles/store.js';
import { decodeFeedBytes } from '../../src/feeds/decode-feed.js';
import { feedItemsToArticles } from '../../src/feeds/feed-items-to-articles.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { rssParserInput } from './fixtures.js';

const PARAGRAPH =
  'The harbour authority confirmed on Tuesday that the new breakwater will be finished two months late, after storms in the spring damaged the works and delayed deliveries of stone from the quarry.';
const FULL = `<p>${PARAGRAPH}</p><p>${PARAGRAPH.replace('Tuesday', 'Wednesday')}</p><p>READ MORE: Council approves budget</p><p>${PARAGRAPH.replace('spring', 'winter')}</p>`;

function feed(items: string, title = 'Harbour Times'): string {
  return `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${title}</title><link>https://harbour.example/</link>${items}</channel></rss>`;
}
function item(fields: Record<string, string>): string {
  return `<item>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</item>`;
}

describe('feedItemsToArticles', () => {
  it('makes store-ready articles from full-content items, cleaned of boilerplate', () => {
    const xml = feed(
      item({
        title: 'Breakwater late',
        link: 'https://harbour.example/news/breakwater?utm_source=rss&amp;utm_medium=feed',
        guid: 'hb-1',
        pubDate: 'Tue, 06 May 2025 10:00:00 +0000',
        author: 'desk@harbour.example (Ann Reporter)',
        'content:encoded': `<![CDATA[${FULL}<p>The post Breakwater late appeared first on Harbour Times.</p>]]>`,
      }),
    );
    const [one] = feedItemsToArticles(parseFeed(xml));
    expect(one!.needsPage).toBe(false);
    expect(one!.article).toMatchObject({
      url: 'https://harbour.example/news/breakwater',
      source: 'Harbour Times',
      title: 'Breakwater late',
      byline: 'Ann Reporter',
      publishedAt: Date.parse('2025-05-06T10:00:00Z'),
      imageUrl: null,
    });
    expect(one!.article.body.split('\n\n')).toHaveLength(3);
    expect(one!.article.body).not.toMatch(/READ MORE|appeared first on/);
    expect(one!.keys).toMatchObject({ guid: 'hb-1', urlKey: 'harbour.example/news/breakwater' });
    expect(one!.keys.bodyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('flags summary-only items for a page fetch: short text or a truncation marker', () => {
    const long = `${PARAGRAPH} ${PARAGRAPH.replace('Tuesday', 'Monday')} ${PARAGRAPH.replace('spring', 'autumn')}`;
    const variant = (n: number) => long.replace('quarry', `quarry number ${n}`);
    const xml = feed(
      [
        item({
          title: 'Short',
          link: 'https://harbour.example/1',
          description: 'Storm damage delays the breakwater.',
        }),
        item({
          title: 'Ellipsis',
          link: 'https://harbour.example/2',
          description: `${variant(2)} And then…`,
        }),
        item({ title: 'Bracket', link: 'https://harbour.example/3', description: `${variant(3)} [...]` }),
        item({
          title: 'Read more',
          link: 'https://harbour.example/4',
          description: `&lt;p&gt;${variant(4)}&lt;/p&gt;&lt;p&gt;&lt;a href="/4"&gt;Read more&lt;/a&gt;&lt;/p&gt;`,
        }),
        item({ title: 'Long', link: 'https://harbour.example/5', description: variant(5) }),
        item({ title: 'Empty', link: 'https://harbour.example/6' }),
      ].join(''),
    );
    const articles = feedItemsToArticles(parseFeed(xml));
    expect(articles.map((a) => [a.article.title, a.needsPage])).toEqual([
      ['Short', true],
      ['Ellipsis', true],
      ['Bracket', true],
      ['Read more', true],
      ['Long', false],
      ['Empty', true],
    ]);
    expect(articles[5]!.article.body).toBe('');
  });

  it('keeps one of repeated items (same guid, same URL in AMP or tracking form, same body), drops unusable ones, titles untitled ones', () => {
    const xml = feed(
      [
        item({
          title: 'A',
          link: 'https://harbour.example/a',
          guid: 'g1',
          description: `${PARAGRAPH} ${PARAGRAPH}`,
        }),
        item({ title: 'A again', link: 'https://harbour.example/a-other', guid: 'g1', description: 'x' }),
        item({ title: 'A amp', link: 'https://amp.harbour.example/a/amp/?utm_campaign=x', description: 'y' }),
        item({
          title: 'A copy',
          link: 'https://mirror.example/a',
          description: `${PARAGRAPH}  ${PARAGRAPH.toUpperCase()}`,
        }),
        item({ title: 'No link', description: 'Text but nowhere to read more' }),
        item({ guid: 'nothing-else' }),
        item({ description: 'A note without title or link.' }),
      ].join(''),
    );
    const articles = feedItemsToArticles(parseFeed(xml));
    expect(articles.map((a) => a.article.title)).toEqual(['A', 'No link', 'A note without title or link.']);
  });

  it('names the source after the feed, else its host, unless told otherwise', () => {
    const untitled = feed(item({ title: 'T', link: 'https://harbour.example/t' }), '');
    expect(feedItemsToArticles(parseFeed(untitled))[0]!.article.source).toBe('harbour.example');
    expect(feedItemsToArticles(parseFeed(untitled), { source: 'Port news' })[0]!.article.source).toBe(
      'Port news',
    );
  });

  it('stores a feed once: a second poll updates changed items, AMP and tracking variants and republished copies dedupe', () => {
    const store = new ArticleStore({ db: openDatabase(':memory:'), now: () => Date.UTC(2025, 4, 6) });
    const poll = (xml: string) =>
      feedItemsToArticles(parseFeed(xml)).map((a) => store.upsert(a.article).status);
    const first = feed(
      item({
        title: 'Breakwater late',
        link: 'https://harbour.example/news/breakwater',
        guid: 'hb-1',
        'content:encoded': `<![CDATA[${FULL}]]>`,
      }),
    );
    expect(poll(first)).toEqual(['added']);
    expect(poll(first)).toEqual(['unchanged']);
    const edited = first.replace('two months late', 'three months late');
    expect(poll(edited)).toEqual(['updated']);
    const amp = edited.replace(
      'https://harbour.example/news/breakwater',
      'https://harbour.example/news/breakwater/amp?utm_source=twitter',
    );
    expect(poll(amp)).toEqual(['unchanged']);
    const republished = feed(
      item({
        title: 'Breakwater delayed (agency copy)',
        link: 'https://wire.example/story/991',
        'content:encoded': `<![CDATA[${FULL.replace('two months late', 'three months late')}]]>`,
      }),
      'Wire',
    );
    expect(poll(republished)).toEqual(['unchanged']);
    expect(store.count()).toBe(1);
  });

  it('turns the rss-parser fixtures into articles', () => {
    const guardian = feedItemsToArticles(parseFeed(decodeFeedBytes(rssParserInput('guardian.rss'), null)));
    expect(guardian).toHaveLength(55);
    expect(guardian[0]!.article.source).toBe('The Guardian');
    expect(guardian.every((a) => a.needsPage)).toBe(true); // the Guardian's feed has standfirsts only
    const medium = feedItemsToArticles(
      parseFeed(decodeFeedBytes(rssParserInput('content-encoded.rss'), null)),
    );
    expect(medium.filter((a) => !a.needsPage).length).toBeGreaterThan(3);
    expect(medium[0]!.article.body).toMatch(/^Using Wild Ingredients in the Kitchen\n\nHEY, YOU!/);
  });
});
