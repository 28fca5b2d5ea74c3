import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../src/feeds/decode-feed.js';
import { FeedParseError, parseFeed, type ParsedFeed } from '../../src/feeds/parse-feed.js';
import { rssParserExpected, rssParserInput, rssParserInputs, type RssParserItem } from './fixtures.js';

const FEEDS = rssParserInputs().filter((name) => name !== 'unrecognized.rss');

function load(name: string): ParsedFeed {
  return parseFeed(decodeFeedBytes(rssParserInput(name), null));
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
/**
 * rss-parser read the ISO-8859-1 feeds as UTF-8, so its expected texts have U+FFFD where the
 * accented letters (and no-break spaces) are: each one stands for exactly one character of ours.
 */
function sameText(ours: string, expected: string): boolean {
  const pattern = collapse(expected)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\uFFFD/g, '.');
  return new RegExp(`^${pattern}$`, 'u').test(ours);
}
/** rss-parser leaves titles as raw HTML (craigslist: `&#x0024;4300 ... 1930ft<sup>2</sup>`); ours are text. */
function expectedTitle(title: string): string {
  return title.replace(/<\/?sup>/g, '').replace(/&#x0024;/g, '$');
}
function categoryNames(item: RssParserItem): string[] {
  const names = (item.categories ?? []).map((c) => collapse(typeof c === 'string' ? c : c._));
  return [...new Set(names)]; // ours drops duplicates ("Comedy" twice in one Guardian item)
}

describe('rss-parser test feeds', () => {
  it.each(FEEDS)('%s parses with the same feed title, link and item count as rss-parser', (name) => {
    const feed = load(name);
    const expected = rssParserExpected(name);
    expect(feed.items).toHaveLength(expected.items.length);
    if (expected.title !== undefined) expect(sameText(feed.title, expected.title), feed.title).toBe(true);
    if (expected.link !== undefined) expect(feed.link).toBe(new URL(expected.link).href);
  });

  it.each(FEEDS)('%s items have rss-parser’s titles, links, dates, ids, authors and categories', (name) => {
    const feed = load(name);
    rssParserExpected(name).items.forEach((want, i) => {
      const got = feed.items[i]!;
      const where = `${name} item ${i}`;
      if (want.title !== undefined)
        expect(sameText(got.title, expectedTitle(want.title)), `${where}: ${got.title}`).toBe(true);
      if (want.link !== undefined)
        expect(got.url, where).toBe(new URL(want.link, feed.link ?? undefined).href);
      if (want.isoDate !== undefined) expect(got.published, where).toBe(Date.parse(want.isoDate));
      if ((want.guid ?? want.id) !== undefined) expect(got.guid, where).toBe(want.guid ?? want.id);
      if (want.creator ?? want.author) expect(got.author, where).toBe(want.creator ?? want.author);
      const categories = categoryNames(want);
      if (categories.length) {
        expect(got.categories.length, where).toBe(categories.length);
        got.categories.forEach((c, k) => expect(sameText(c, categories[k]!), `${where}: ${c}`).toBe(true));
      }
    });
  });

  it('checks a good number of fields against rss-parser’s outputs', () => {
    let checked = 0;
    for (const name of FEEDS) {
      for (const item of rssParserExpected(name).items) {
        checked += [item.title, item.link, item.isoDate, item.guid ?? item.id].filter(
          (v) => v !== undefined,
        ).length;
      }
    }
    expect(checked).toBeGreaterThan(900);
  });

  it('keeps the item text of content:encoded and descriptions (rss-parser’s snippets)', () => {
    const guardian = load('guardian.rss').items[0]!;
    expect(guardian.summaryText).toMatch(
      /^The president’s ‘new American moment’ speech stirred Republican applause/,
    );
    const medium = load('content-encoded.rss').items[0]!;
    expect(medium.contentHtml).toMatch(/^<h4>Using Wild Ingredients in the\u00a0Kitchen<\/h4>/);
    expect(medium.contentText).toMatch(
      /^Using Wild Ingredients in the Kitchen\n\nHEY, YOU! YES, YOU WITH THE EYEBALLS!/,
    );
    const heise = load('heise.atom').items[0]!;
    expect(heise.summaryText).toMatch(/^Die nun verfügbare Version 10 des Enterprise-Java-Servers/);
  });

  it('keeps the accents of the ISO-8859-1 feeds (encoding.rss declares it, uolNoticias.rss does not)', () => {
    const jn = load('encoding.rss');
    expect(jn.title).toBe('Jornal de Notícias - Últimas Notícias');
    expect(jn.items[0]!.title).toBe('Mãe de utente é a nova presidente da Raríssimas');
    expect(jn.items[0]!.summaryText).toContain(
      'Sónia Laygue, profissional na área da Recursos Humanos e mãe de uma criança de três anos',
    );
    expect(jn.items[1]!.title).toBe('Reações dos partidos ao veto de Marcelo');
    const uol = load('uolNoticias.rss');
    expect(uol.items[0]!.title).toBe(
      'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno',
    );
    expect(uol.items[0]!.summaryText).toMatch(/^Líder na pesquisa Ibope de intenção de voto/);
    expect(uol.items[1]!.title).toBe(
      'Promotoria abre inquérito para apurar suspeita de improbidade de Skaf no Sebrae-SP',
    );
    for (const feed of [jn, uol]) {
      expect(JSON.stringify(feed)).not.toMatch(/\uFFFD|Ã/);
    }
  });

  it('reads dates rss-parser could not: Portuguese names, two-digit years, "1500" times', () => {
    // "Seg, 24 Set 2018 19:42:40 -0300" (Monday 24 September)
    expect(load('uolNoticias.rss').items[0]!.published).toBe(Date.parse('2018-09-24T22:42:40Z'));
    // "03 Apr 02 1500 GMT" is the channel's date; the RSS 0.92 items have none
    expect(load('heraldsun.rss').items.map((i) => i.published)).toEqual([null, null]);
  });

  it('strips the HTML of titles and resolves relative Atom links against the feed’s self link', () => {
    expect(load('craigslist.rss').items[0]!.title).toBe(
      'Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2',
    );
    expect(load('gulp-atom.atom').items[0]!.url).toBe('https://github.com/gulpjs/gulp/releases/tag/v3.9.0');
  });

  it('finds item images: Media RSS (widest), media:thumbnail, itunes:image; audio enclosures are not images', () => {
    expect(load('guardian.rss').items[0]!.imageUrl).toMatch(/\?w=460&q=55/);
    expect(load('reddit.rss').items[0]!.imageUrl).toBe(
      'https://b.thumbs.redditmedia.com/z4zzFBqZ54WT-rFfKXVor4EraZtJVw7AodDvOZ7kitQ.jpg',
    );
    expect(load('narro.rss').items[0]!.imageUrl).toBe('http://example.com/someImage.jpg');
    expect(load('heraldsun.rss').items[0]!.imageUrl).toBeNull();
  });

  it('gives empty fields, not errors, for entries missing everything', () => {
    expect(load('incomplete-fields.atom').items).toEqual([
      {
        guid: null,
        url: null,
        title: '',
        published: null,
        author: null,
        summaryText: null,
        contentHtml: null,
        contentText: null,
        imageUrl: null,
        categories: [],
      },
    ]);
    expect(load('missing-fields.atom').items[0]!.guid).toBe('tag:github.com,2008:Repository/11167738/v3.9.0');
  });

  it('rejects unrecognized.rss, an HTML page, with a clear reason', () => {
    const text = decodeFeedBytes(rssParserInput('unrecognized.rss'), null);
    expect(() => parseFeed(text)).toThrow(FeedParseError);
    expect(() => parseFeed(text)).toThrow('an HTML page ("Document Moved"), not a feed');
    try {
      parseFeed(text);
    } catch (err) {
      expect((err as FeedParseError).reason).toBe('html-page');
    }
  });
});
