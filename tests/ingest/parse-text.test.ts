import { describe, expect, it } from 'vitest';
import { matchLeadingDate, parseDate } from '../../src/extract/dates.js';
import { splitFrontMatter } from '../../src/ingest/files/front-matter.js';
import { ArticleParseError } from '../../src/extract/parse-html.js';
import { parseTextArticle } from '../../src/ingest/files/parse-text.js';

const opts = { fallbackSource: 'inbox' };
const BODY = 'The city council voted on Tuesday to extend the night bus service until 2 a.m. on weekends.';

describe('dates', () => {
  it.each([
    ['Saturday, January 8, 2005', Date.UTC(2005, 0, 8)],
    ['December 29, 2004', Date.UTC(2004, 11, 29)],
    ['Thu, Sept. 22nd, 2005', Date.UTC(2005, 8, 22)],
    ['8 January 2005', Date.UTC(2005, 0, 8)],
    ['2021-07-26', Date.UTC(2021, 6, 26)],
    ['2005/01/08', Date.UTC(2005, 0, 8)],
    ['2021-07-26T14:30:00Z', Date.UTC(2021, 6, 26, 14, 30)],
    ['2021-07-26T14:30:00+02:00', Date.UTC(2021, 6, 26, 12, 30)],
    ['2021-07-26 14:30', Date.UTC(2021, 6, 26, 14, 30)],
    ['Mon, 26 Jul 2021 14:30:00 GMT', Date.UTC(2021, 6, 26, 14, 30)],
    [1627308000000, 1627308000000],
  ])('parseDate(%j)', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['', 'yesterday', 'February 30, 2005', '2021-13-01', 'Monday', '26/07/2021', null, {}])(
    'rejects %j',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );

  it('splits a date from text run on after it', () => {
    expect(matchLeadingDate('Tuesday, January 18, 2005Through a telethon, Romanians')).toEqual({
      time: Date.UTC(2005, 0, 18),
      rest: 'Through a telethon, Romanians',
    });
    expect(matchLeadingDate('Saturday, March 26, 2005 Up to four times')?.rest).toBe('Up to four times');
    expect(matchLeadingDate('May 2005 was wet')).toBeNull();
    expect(matchLeadingDate('2,500 troops remain')).toBeNull();
  });
});

describe('splitFrontMatter', () => {
  it('reads flat key: value pairs, quoted or not, and returns the rest', () => {
    const { data, content } = splitFrontMatter(
      '---\nTitle: "A: quoted"\nsource: Wire\n# note\nnested:\n  x: 1\n---\nHeadline\n',
    );
    expect(data).toEqual({ title: 'A: quoted', source: 'Wire', nested: '', x: '1' });
    expect(content).toBe('Headline\n');
  });
  it('leaves text without a block alone', () => {
    expect(splitFrontMatter('Headline\n---\nx')).toEqual({ data: {}, content: 'Headline\n---\nx' });
  });
});

describe('parseTextArticle', () => {
  it('reads headline, date line and body', () => {
    const a = parseTextArticle(`Night buses extended\n\nSaturday, January 1, 2005\n\n${BODY}\n`, opts);
    expect(a).toEqual({
      title: 'Night buses extended',
      body: BODY,
      publishedAt: Date.UTC(2005, 0, 1),
      url: null,
      source: 'inbox',
      byline: null,
      imageUrl: null,
    });
  });

  it('accepts a text without a date line', () => {
    const a = parseTextArticle(`Night buses extended\n\n${BODY}\n\nA second paragraph follows.`, opts);
    expect(a.title).toBe('Night buses extended');
    expect(a.publishedAt).toBeNull();
    expect(a.body).toBe(`${BODY}\n\nA second paragraph follows.`);
  });

  it('uses front matter for url, source, published, byline, image and title', () => {
    const text = `---\ntitle: Buses run later\nurl: https://ex.com/buses?utm_source=x\nsource: City Paper\npublished: 2021-07-26\nauthor: J. Doe\nimage: https://ex.com/bus.jpg\n---\nBuses run later\n\n${BODY}`;
    expect(parseTextArticle(text, opts)).toEqual({
      title: 'Buses run later',
      body: BODY,
      publishedAt: Date.UTC(2021, 6, 26),
      url: 'https://ex.com/buses?utm_source=x',
      source: 'City Paper',
      byline: 'J. Doe',
      imageUrl: 'https://ex.com/bus.jpg',
    });
  });

  it('names the source after the URL host when the front matter names none', () => {
    expect(
      parseTextArticle(`---\nurl: https://www.citypaper.example/a\n---\nHeadline\n\n${BODY}`, opts).source,
    ).toBe('citypaper.example');
  });

  it('drops a caption between headline and date line, and keeps text run on after the date', () => {
    const a = parseTextArticle(
      `Romanians raise money\n\nCountries affected by the tsunami\n\nTuesday, January 18, 2005Through a telethon, money was raised.\n\nMore text.`,
      opts,
    );
    expect(a.publishedAt).toBe(Date.UTC(2005, 0, 18));
    expect(a.body).toBe('Through a telethon, money was raised.\n\nMore text.');
  });

  it('takes a date prefix off the headline', () => {
    const a = parseTextArticle(`2005/01/08 Tsunami aid donations deductible\n\n${BODY}`, opts);
    expect(a).toMatchObject({ title: 'Tsunami aid donations deductible', publishedAt: Date.UTC(2005, 0, 8) });
  });

  it('makes a title from the first sentence when the first line is a long paragraph', () => {
    const long = `${BODY} The decision followed months of campaigning by students and night-shift workers across the city.`;
    const a = parseTextArticle(`${long}\n\nSecond paragraph.`, opts);
    expect(a.title).toBe(
      'The city council voted on Tuesday to extend the night bus service until 2 a.m. on weekends',
    );
    expect(a.body.startsWith(long)).toBe(true);
  });

  it('strips Markdown syntax', () => {
    const md = `# Night *buses* extended\n\n2021-07-26\n\nThe **council** voted, see [the minutes](https://ex.com/m).\n\n![bus](bus.jpg)\n\n> “It is a good day,” a rider said.`;
    const a = parseTextArticle(md, { ...opts, markdown: true });
    expect(a.title).toBe('Night buses extended');
    expect(a.body).toBe('The council voted, see the minutes.\n\n“It is a good day,” a rider said.');
  });

  it.each([
    ['', 'empty file'],
    ['\n  \n', 'empty file'],
    ['Only a headline\n', 'empty body'],
    ['Headline\n\nREAD MORE  Other story\n\nAdvertisement', 'empty body'],
    ['---\nsource: x\n---\n', 'empty file'],
    [`---\npublished: someday\n---\nHeadline\n\n${BODY}`, 'unreadable published date "someday"'],
  ])('fails %j with a reason', (text, reason) => {
    expect(() => parseTextArticle(text, opts)).toThrow(ArticleParseError);
    expect(() => parseTextArticle(text, opts)).toThrow(reason);
  });
});
