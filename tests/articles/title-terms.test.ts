import { describe, expect, it } from 'vitest';
import { extractTitleTerms } from '../../src/articles/title-terms.js';
import { importSampleCorpusIfEmpty } from '../../src/ingest/files/sample-corpus.js';
import { article, DAY, fileStore, memoryStore, NOW } from './helpers.js';

describe('extractTitleTerms', () => {
  it('keeps meaningful words and adjacent pairs, dropping stopwords, numbers and fillers', () => {
    const labels = extractTitleTerms("Biden says U.S. troops to leave Iraq's cities by 2021").map(
      (t) => t.label,
    );
    expect(labels).toEqual([
      'Biden',
      'U.S.',
      'troops',
      'U.S. troops',
      'leave',
      'Iraq',
      'leave Iraq',
      'cities',
      'Iraq cities',
    ]);
  });

  it('does not pair words across punctuation and marks the headline-initial word', () => {
    const terms = extractTitleTerms('London bombing: Police search houses in Leeds');
    expect(terms.map((t) => t.label)).toEqual([
      'London',
      'bombing',
      'London bombing',
      'Police',
      'search',
      'Police search',
      'houses',
      'search houses',
      'Leeds',
    ]);
    expect(terms.filter((t) => t.initial).map((t) => t.term)).toEqual(['london', 'london bombing']);
  });

  it('handles empty and symbol-only titles', () => {
    expect(extractTitleTerms('')).toEqual([]);
    expect(extractTitleTerms('— 2024 · 7/7 —')).toEqual([]);
  });
});

describe('ArticleStore.topTitleTerms', () => {
  it('returns frequent headline terms of the sample corpus, phrases seen twice, at most 25', () => {
    const store = memoryStore();
    importSampleCorpusIfEmpty(store);
    const terms = store.topTitleTerms();
    expect(terms.length).toBe(25);
    expect(terms[0]).toEqual({ term: 'London', count: 8 });
    expect(terms.map((t) => t.term)).toContain('London bombing');
    expect(terms.every((t, i) => i === 0 || terms[i - 1]!.count >= t.count)).toBe(true);
    expect(terms.some((t) => /^(the|of|in|to|and|says)$/i.test(t.term))).toBe(false);
    expect(store.topTitleTerms({ limit: 500 })).toHaveLength(25);
  });

  it('filters by a prefix of any word, case-insensitively, with LIKE wildcards taken literally', () => {
    const store = memoryStore();
    importSampleCorpusIfEmpty(store);
    expect(store.topTitleTerms({ prefix: 'BOMB' }).map((t) => t.term)).toEqual([
      'bomb',
      'bombers',
      'London bomb',
      'London bombers',
      'London bombing',
      'bombing',
      'bombings',
    ]);
    expect(store.topTitleTerms({ prefix: 'tsu' })[0]).toEqual({ term: 'Tsunami', count: 7 });
    expect(store.topTitleTerms({ prefix: '%' })).toEqual([]);
    expect(store.topTitleTerms({ prefix: '_' })).toEqual([]);
    expect(store.topTitleTerms({ prefix: '   ' }).length).toBe(25);
  });

  it('only counts headlines inside the since window', () => {
    const store = memoryStore();
    store.upsert(
      article({
        url: 'https://ex.com/1',
        title: 'Wildfire spreads north',
        body: 'a '.repeat(150),
        publishedAt: NOW - 5 * DAY,
      }),
    );
    store.upsert(
      article({
        url: 'https://ex.com/2',
        title: 'Wildfire crews rest',
        body: 'b '.repeat(150),
        publishedAt: NOW - DAY,
      }),
    );
    expect(store.topTitleTerms({})[0]).toEqual({ term: 'Wildfire', count: 2 });
    expect(store.topTitleTerms({ since: NOW - 2 * DAY })).toEqual([
      { term: 'crews', count: 1 },
      { term: 'rest', count: 1 },
      { term: 'Wildfire', count: 1 },
    ]);
    expect(store.topTitleTerms({ since: NOW - 2 * DAY }).find((t) => t.term === 'north')).toBeUndefined();
  });

  it('stays fast on 10,000 articles (bounded scan of the newest 1,000 headlines)', () => {
    const { store, db, close } = fileStore();
    const words =
      'flood storm court ruling minister election budget strike rates market vaccine summit tariffs border police protest energy prices league transfer'.split(
        ' ',
      );
    let seed = 7;
    const pick = () => words[(seed = (seed * 48271) % 2147483647) % words.length]!;
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const title = `${pick()} ${pick()} after ${pick()} ${pick()} in city ${i % 97}`;
        store.upsert(
          article({
            url: `https://ex.com/${i}`,
            title,
            body: `${title}. Story number ${i}. ${'text '.repeat(50)}`,
            publishedAt: NOW - i * 60_000,
          }),
        );
      }
    })();
    const timings: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      store.topTitleTerms({ prefix: i % 2 ? 'st' : undefined, since: NOW - 30 * DAY });
      timings.push(performance.now() - t);
    }
    // Latency is measured by `npm run bench` (bench/store.ts), not asserted here.
    expect(timings).toHaveLength(30);
    expect(store.count()).toBe(10_000);
    expect(store.topTitleTerms().length).toBe(25);
    close();
  });
});
