/**
 * Pages built to stall a parser (deep nesting, huge element counts) cost a worker thread at most its time
 * limit; the event loop, and with it every interaction, keeps running.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/extract/html-text.js';
import { PageExtractor } from '../../src/extract/page-extractor.js';
import { ArticleParseError, parseHtmlArticle } from '../../src/extract/parse-html.js';

const STORY =
  '<p>The harbour reopened on Monday after repairs to the sea wall, the port authority said in a statement.</p>'.repeat(
    6,
  );

function nested(depth: number): string {
  return `<html><head><title>Deep page</title></head><body>${'<div>'.repeat(depth)}<article><h1>Deep page</h1>${STORY}</article>${'</div>'.repeat(depth)}</body></html>`;
}

let pages: PageExtractor;
beforeAll(async () => {
  pages = new PageExtractor({ workers: 1 });
  // Starting a worker from TypeScript sources takes about a second; not what these tests measure.
  await pages.extract(nested(1), { fallbackSource: 'warm-up' });
}, 30_000);
afterAll(async () => {
  await pages.close();
});

describe('page extraction on a worker', () => {
  it('gives the same article as extraction on the calling thread', async () => {
    const html = readFileSync(new URL('../fixtures/articles/bbc-1.html', import.meta.url), 'utf8');
    const options = { url: 'https://www.bbc.co.uk/news/x', fallbackSource: 'x' };
    expect(await pages.extract(html, options)).toEqual(parseHtmlArticle(html, options));
  });

  it.each([1_000, 10_000, 100_000])(
    'reads a page nested %i deep quickly, while the event loop keeps ticking',
    async (depth) => {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const started = performance.now();
      const article = await pages.extract(nested(depth), { fallbackSource: 'hostile.example' });
      const ms = performance.now() - started;
      clearInterval(timer);
      expect(article.title).toBe('Deep page');
      expect(article.body).toContain('The harbour reopened on Monday');
      // The issue asks for 2 s; the bench prints the real figure. Generous here for a loaded CI machine.
      expect(ms).toBeLessThan(5_000);
      // The main thread was free throughout: about one tick per 10 ms.
      expect(ticks).toBeGreaterThanOrEqual(Math.floor(ms / 10 / 3));
    },
    20_000,
  );

  it('gives up a page past the time limit with the reason, and the next page still works', async () => {
    const impatient = new PageExtractor({ workers: 1, timeoutMs: 1 });
    try {
      await expect(impatient.extract(nested(10_000), { fallbackSource: 'x' })).rejects.toThrow(
        new ArticleParseError('the page took longer than 0.001 s to read, so it was given up'),
      );
    } finally {
      await impatient.close();
    }
    expect((await pages.extract(nested(3), { fallbackSource: 'x' })).title).toBe('Deep page');
  });

  it("passes a page's own problem on as the reason", async () => {
    await expect(pages.extract('<html><body></body></html>', { fallbackSource: 'x' })).rejects.toThrow(
      ArticleParseError,
    );
  });
});

describe('HTML inside feed items', () => {
  it.each([1_000, 10_000, 100_000])('reads a summary nested %i deep as its text', (depth) => {
    expect(htmlToText(`${'<div>'.repeat(depth)}<p>Ferry services resume.</p>${'</div>'.repeat(depth)}`)).toBe(
      'Ferry services resume.',
    );
  });
});
