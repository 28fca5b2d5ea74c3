import { describe, expect, it } from 'vitest';
import { extractOurs, loadBenchmarkPages, score } from '../../bench/extraction.js';
import { matchPage, precision, recall, shingles, summarize, tokenize } from '../../bench/extract-metric.js';

describe('extraction metric (scrapinghub/article-extraction-benchmark evaluate.py)', () => {
  it('tokenizes like Python’s Unicode \\w+', () => {
    expect(tokenize('Don’t stop—2,5 km/h; naïve café_au_lait 日本語 ½')).toEqual([
      'Don',
      't',
      'stop',
      '2',
      '5',
      'km',
      'h',
      'naïve',
      'café_au_lait',
      '日本語',
      '½',
    ]);
    // Combining marks are not \w in Python: Devanagari vowel signs split words there, and here.
    expect(tokenize('हिन्दी')).toEqual(['ह', 'न', 'द']);
  });

  it('counts 4-token shingles as a multiset, a shorter text as one shingle', () => {
    expect([...shingles('a b c d a b c d').entries()]).toEqual([
      ['a b c d', 2],
      ['b c d a', 1],
      ['c d a b', 1],
      ['d a b c', 1],
    ]);
    expect([...shingles('only two').entries()]).toEqual([['only two', 1]]);
    expect(shingles('').size).toBe(0);
  });

  it('scores a page by normalised tp/fp/fn and averages precision and recall over pages', () => {
    const page = matchPage('one two three four five', 'one two three four five six');
    expect(page).toEqual({ tp: 2 / 3, fp: 1 / 3, fn: 0 });
    expect(precision(page)).toBeCloseTo(2 / 3);
    expect(recall(page)).toBe(1);
    expect(precision(matchPage('', ''))).toBe(1);
    const both = summarize([page, matchPage('a b c d e', 'a b c d e')]);
    expect(both.precision).toBeCloseTo(5 / 6);
    expect(both.f1).toBeCloseTo((2 * (5 / 6)) / (5 / 6 + 1));
  });

  it('reproduces upstream’s figures for Readability.js’s output on these pages (checked with evaluate.py)', () => {
    const pages = loadBenchmarkPages();
    const readability = score(
      pages,
      pages.map((p) => p.readabilityJs),
    );
    expect(readability.precision).toBeCloseTo(0.953, 3);
    expect(readability.recall).toBeCloseTo(0.993, 3);
    expect(readability.f1).toBeCloseTo(0.973, 3);
  });
});

describe('extraction quality floor', () => {
  it('our pipeline (parseHtmlArticle) scores an averaged F1 not below Readability.js’s own output on the same pages', () => {
    const pages = loadBenchmarkPages();
    expect(pages).toHaveLength(15);
    const ours = score(pages, pages.map(extractOurs));
    const readability = score(
      pages,
      pages.map((p) => p.readabilityJs),
    );
    expect(ours.f1).toBeGreaterThanOrEqual(readability.f1);
    expect(ours.precision).toBeGreaterThanOrEqual(readability.precision - 0.005);
    expect(ours.recall).toBeGreaterThanOrEqual(readability.recall - 0.005);
    // and no page is lost outright
    for (const page of ours.perPage) expect(recall(page)).toBeGreaterThan(0.9);
  });
});
