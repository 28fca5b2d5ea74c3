import { beforeAll, describe, expect, it } from 'vitest';
import { buildFtsQuery, countMentions, queryWords } from '../../src/articles/fts-query.js';
import { wordVariants } from '../../src/articles/variants.js';
import { SEARCH_SCORED_MAX, SEARCH_WINDOW_WALK_MAX, type ArticleStore } from '../../src/articles/store.js';
import { importSampleCorpusIfEmpty } from '../../src/ingest/files/sample-corpus.js';
import { article, DAY, memoryStore, NOW } from './helpers.js';

const SEED_TITLE = 'Biden and Kadhimi agree to end the U.S. combat mission in Iraq by the end of 2021';

describe('search-word variants', () => {
  it('knows countries and demonyms, irregular ones from a table, each way', () => {
    expect(wordVariants('Iraq')).toEqual(['iraq', 'iraqi']);
    expect(wordVariants('iraqi')).toEqual(['iraqi', 'iraq']);
    expect(wordVariants('british')).toEqual(expect.arrayContaining(['britain', 'uk', 'united kingdom']));
    expect(wordVariants('france')).toEqual(['france', 'french']);
    expect(wordVariants('dutch')).toContain('netherlands');
  });

  it('derives regular demonyms outside the table and leaves other words exact', () => {
    expect(wordVariants('omani')).toEqual(['omani', 'oman']);
    expect(wordVariants('gambian')).toEqual(['gambian', 'gambia']);
    expect(wordVariants('harbour')).toEqual(['harbour']);
    expect(wordVariants('taxi')).toEqual(['taxi']); // short words stay exact
  });

  it('does not widen a search with an ambiguous demonym ("Indian Ocean"), but reads it as its place', () => {
    expect(wordVariants('india')).toEqual(['india']);
    expect(wordVariants('indian')).toEqual(['indian', 'india']);
    expect(wordVariants('jordanian')).toEqual(['jordanian']);
  });

  it('counts mentions as the search matches them, for telling a subject from a passing mention', () => {
    expect(countMentions('London bombings', 'Bombers hit London. The bomb in London; bombing.')).toBe(2);
    expect(countMentions('Iraqi', 'In Iraq, Iraqis voted.')).toBe(2);
    expect(countMentions('Dragusin', 'Goalkeeper Drăguşin took part.')).toBe(1);
  });

  it('reads multi-word places as one group', () => {
    expect(buildFtsQuery('New Zealand')).toBe('("new zealand" OR "new zealander") OR "new zealand"');
    expect(buildFtsQuery('Iraq combat')).toBe('(("iraq" OR "iraqi") AND "combat") OR "iraq combat"');
  });
});

describe('buildFtsQuery', () => {
  it('quotes every word and ANDs the non-stopwords, OR-ing the exact phrase for ranking', () => {
    expect(buildFtsQuery('harbour')).toBe('"harbour"');
    expect(buildFtsQuery('combat mission')).toBe('("combat" AND "mission") OR "combat mission"');
    expect(buildFtsQuery('the mission')).toBe('"mission" OR "the mission"');
    expect(buildFtsQuery('the')).toBe('"the"');
  });

  it('turns punctuation inside a word into a phrase and drops operators as syntax', () => {
    expect(queryWords('al-Kadhimi U.S. "NEAR(x)" title:y AND 7/7')).toEqual([
      'al kadhimi',
      'u s',
      'near',
      'x',
      'title',
      'y',
      'and',
      '7 7',
    ]);
    expect(buildFtsQuery('  \t\n ')).toBeNull();
    expect(buildFtsQuery('*** ( ) " - :')).toBeNull();
    expect(buildFtsQuery('🙂🔥')).toBeNull();
  });

  it('bounds very long input', () => {
    const words = queryWords(Array.from({ length: 500 }, (_, i) => `w${i}`).join(' '));
    expect(words.length).toBe(12);
    expect(queryWords(`${'a '.repeat(255)}iraq`)).toEqual(['a']); // cut at 512 characters, no half word
    expect(queryWords(`${'ab '.repeat(170)}iraq`)).toEqual(['ab']); // "iraq" would be cut to "ir"...: dropped
  });
});

describe('ArticleStore.search on the sample corpus', () => {
  let store: ArticleStore;
  beforeAll(() => {
    store = memoryStore();
    expect(importSampleCorpusIfEmpty(store).added).toBe(21);
  });
  const titles = (query: string) => store.search({ query, limit: 30 }).map((a) => a.title);

  it.each(['Iraq', 'iraq', 'IRAQ', 'iRaQ'])('finds the seed article for %s (case-insensitive)', (q) => {
    expect(titles(q)[0]).toBe(SEED_TITLE);
  });

  it('finds a multi-word topic by all its words', () => {
    expect(titles('combat mission')).toEqual([SEED_TITLE]);
    expect(titles('mission combat')).toEqual([SEED_TITLE]); // order-free
    expect(titles('combat tsunami')).toEqual([]); // every word is required
  });

  it('stems English words: troop matches troops, bombing matches bombings', () => {
    expect(titles('troop')).toContain(SEED_TITLE);
    expect(titles('bombing').length).toBeGreaterThanOrEqual(9);
  });

  it('ignores diacritics: Dragusin matches Drăguşin', () => {
    expect(titles('Dragusin')).toEqual(['Romanians raise 395,000 euro for tsunami victims']);
  });

  it('ranks the exact phrase and title hits first', () => {
    const results = titles('London bombing');
    expect(results.length).toBeGreaterThan(5);
    expect(results.slice(0, 3).every((t) => /london bomb/i.test(t))).toBe(true);
  });

  it('selects articles about a topic, not one that names it in passing (relevance floor)', () => {
    expect(titles('iraq')).toEqual([SEED_TITLE]); // the tsunami-aid story mentions Iraq once: left out
    expect(titles('japan')).toEqual(['Aid pledges rise; Japan promises 500,000,000 USD']);
    expect(titles('tsunami').length).toBeGreaterThanOrEqual(8);
    expect(titles('tsunami').some((t) => t.includes('London'))).toBe(false);
  });

  it('matches a country and its demonym both ways', () => {
    expect(titles('Iraqi')).toEqual([SEED_TITLE]);
    expect(titles('Romania')).toEqual(
      expect.arrayContaining([
        'Romanians raise 395,000 euro for tsunami victims',
        'Romanian artists auction off their works for tsunami victims',
      ]),
    );
    expect(titles('Britain')).toContain('London bombing suspects are all British nationals');
    expect(titles('Italian')).toEqual(['London bomb suspect returned from Italy']);
  });

  it('does not match page boilerplate removed at import', () => {
    expect(titles('"Leave a Reply"')).toEqual([]);
    expect(titles('Scottish Nationalists Independence')).toEqual([]);
  });

  // 'seed': the seed article ranks first; 'none': no results; 'any': anything, as long as nothing throws.
  it.each([
    ['"', 'none'],
    ['""', 'none'],
    ['"Iraq', 'seed'],
    ['Iraq"', 'seed'],
    ['"combat mission', 'seed'],
    ['*', 'none'],
    ['Iraq*', 'seed'],
    ['AND', 'any'],
    ['OR', 'any'],
    ['NOT', 'any'],
    ['NEAR', 'any'],
    ['Iraq AND', 'seed'],
    ['Iraq OR Syria', 'seed'],
    ['NOT Iraq', 'seed'],
    ['Iraq NOT Syria', 'any'],
    ['NEAR(Iraq Syria)', 'any'],
    ['(Iraq', 'seed'],
    ['Iraq)', 'seed'],
    ['((Iraq))', 'seed'],
    ['-Iraq', 'seed'],
    ['Iraq -Syria', 'seed'],
    [':', 'none'],
    ['title:Iraq', 'any'],
    ['body:Iraq', 'any'],
    ['{title}: Iraq', 'any'],
    ['^Iraq', 'seed'],
    ['Iraq 🙂', 'seed'],
    ['🙂', 'none'],
    ['👨‍👩‍👧 Iraq', 'seed'],
    ['', 'none'],
    ['   \n\t ', 'none'],
    ["Kadhimi's visit", 'seed'],
    ['Kadhimi’s', 'seed'],
    ['al-Kadhimi', 'seed'],
    ['U.S. troops Iraq', 'seed'],
    ['x'.repeat(10_000), 'none'],
    ['Iraq '.repeat(2_000), 'seed'],
    ['\u0000Iraq\u0007', 'seed'],
    ["Iraq'; DROP TABLE articles; --", 'any'],
    ['%_\\', 'none'],
  ] as const)('never throws on %j', (query, expected) => {
    const results = store.search({ query, limit: 30 });
    expect(Array.isArray(results)).toBe(true);
    if (expected === 'none') expect(results).toEqual([]);
    if (expected === 'seed') expect(results[0]?.title).toBe(SEED_TITLE);
    expect(store.count()).toBe(21);
  });
});

/** A store and a way to add ferry-strike articles to it (article n, its title, when it was published). */
function ferryStrikeStore() {
  const store = memoryStore();
  const add = (n: number, title: string, publishedAt: number) =>
    store.upsert(
      article({
        url: `https://ex.com/${n}`,
        title,
        body: `The ferry strike continued on day ${n}. `.repeat(4),
        publishedAt,
      }),
    );
  return { store, add };
}

describe('ArticleStore.search windows and ranking', () => {
  it('restricts to the since window', () => {
    const store = memoryStore();
    store.upsert(
      article({
        url: 'https://ex.com/old',
        title: 'Flood warning issued',
        body: 'Old flood news. '.repeat(20),
        publishedAt: NOW - 10 * DAY,
      }),
    );
    store.upsert(
      article({
        url: 'https://ex.com/new',
        title: 'Flood waters recede',
        body: 'New flood news. '.repeat(20),
        publishedAt: NOW - DAY,
      }),
    );
    expect(store.search({ query: 'flood' }).length).toBe(2);
    expect(store.search({ query: 'flood', since: NOW - 2 * DAY }).map((a) => a.title)).toEqual([
      'Flood waters recede',
    ]);
    expect(store.search({ query: 'flood', since: NOW + DAY })).toEqual([]);
    expect(store.search({ query: 'flood', limit: 0 })).toEqual([]);
  });

  it('prefers the newer of two equally relevant articles, and leaves out a passing mention', () => {
    const store = memoryStore();
    const body = (x: string, day: string) =>
      `Officials discussed ${x} during the meeting on ${day}. `.repeat(5);
    const add = (n: number, title: string, text: string, age: number) =>
      expect(
        store.upsert(article({ url: `https://ex.com/${n}`, title, body: text, publishedAt: NOW - age }))
          .status,
      ).toBe('added');
    add(1, 'Harbour reopens', body('harbour', 'Monday'), 3 * DAY);
    add(2, 'Harbour reopens', body('harbour', 'Friday'), DAY);
    add(
      3,
      'Council budget',
      `${body('taxes', 'Sunday')}${body('rates', 'Sunday')} The harbour was mentioned.`,
      0,
    );
    expect(store.search({ query: 'harbour' }).map((a) => a.url)).toEqual([
      'https://ex.com/2',
      'https://ex.com/1',
    ]); // 3 names the harbour once, after its lead: below the relevance floor
  });

  it("scores only the newest matches, yet finds the window's articles behind a later backlog", () => {
    const { store, add } = ferryStrikeStore();
    // Three recent articles stored first, then a backlog of old ones that also match, stored after them.
    for (let n = 0; n < 3; n++) add(n, `Ferry strike day ${n}`, NOW - (n + 1) * 3_600_000);
    for (let n = 3; n < SEARCH_SCORED_MAX + 103; n++)
      add(n, `Ferry strike archive ${n}`, NOW - 400 * DAY - n);
    const recent = store.search({ query: 'ferry strike', since: NOW - DAY, limit: 10 });
    expect(recent.map((a) => a.title).sort()).toEqual([
      'Ferry strike day 0',
      'Ferry strike day 1',
      'Ferry strike day 2',
    ]);
    // Without a window, the newest stored matches are ranked: the last of the backlog, not its first.
    const any = store.search({ query: 'ferry strike archive', limit: 5 });
    expect(any).toHaveLength(5);
    expect(any.every((a) => Number(a.url!.split('/').pop()) >= 103)).toBe(true);
  });
  it('looks for the window among a bounded number of the newest matches, whatever the store holds', () => {
    const { store, add } = ferryStrikeStore();
    // A recent article, a backlog of old matches larger than the walk, another recent one, more backlog.
    add(0, 'Ferry strike day 0', NOW - 3_600_000);
    for (let n = 1; n <= SEARCH_WINDOW_WALK_MAX; n++)
      add(n, `Ferry strike archive ${n}`, NOW - 400 * DAY - n);
    add(SEARCH_WINDOW_WALK_MAX + 1, 'Ferry strike day 1', NOW - 2 * 3_600_000);
    for (let n = SEARCH_WINDOW_WALK_MAX + 2; n < SEARCH_WINDOW_WALK_MAX + 12; n++)
      add(n, `Ferry strike archive ${n}`, NOW - 400 * DAY - n);
    // Day 1 is among the newest SEARCH_WINDOW_WALK_MAX matches; day 0 is behind all of them.
    const recent = store.search({ query: 'ferry strike', since: NOW - DAY, limit: 10 });
    expect(recent.map((a) => a.title)).toEqual(['Ferry strike day 1']);
  });
});
