import { describe, expect, it } from 'vitest';
import { urlKey } from '../../src/articles/url-key.js';
import { ampToCanonical } from '../../src/articles/url-key.js';
import { ampUrlFromHtml, canonicalUrlFromHtml } from '../../src/extract/canonical-url.js';

describe('ampToCanonical', () => {
  it.each([
    ['https://www.example.com/news/story/amp/', 'https://www.example.com/news/story/'],
    ['https://www.example.com/news/story/amp', 'https://www.example.com/news/story'],
    ['https://www.example.com/amp/news/story', 'https://www.example.com/news/story'],
    ['https://www.example.com/amp/s/news/story', 'https://www.example.com/s/news/story'],
    ['https://amp.example.com/news/story', 'https://example.com/news/story'],
    ['https://www.example.com/news/story.amp.html', 'https://www.example.com/news/story.html'],
    ['https://www.example.com/news/story.amp', 'https://www.example.com/news/story'],
    ['https://www.example.com/news/story?amp=1', 'https://www.example.com/news/story'],
    ['https://www.example.com/news/story?amp', 'https://www.example.com/news/story'],
    ['https://www.example.com/news/story?id=5&outputType=amp', 'https://www.example.com/news/story?id=5'],
    [
      'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story/amp/',
      'https://www.example.com/news/story/',
    ],
    [
      'https://www-example-com.cdn.ampproject.org/v/s/www.example.com/news/story?amp_js_v=0.1&usqp=mq331AQ',
      'https://www.example.com/news/story',
    ],
  ])('%s -> %s', (amp, canonical) => {
    expect(ampToCanonical(amp)).toBe(canonical);
  });

  it('leaves other URLs alone', () => {
    for (const url of [
      'https://www.example.com/news/ample-story',
      'https://amp.com/x',
      'https://example.com/?output=rss',
      'mailto:a@b.c',
      'not a url',
    ]) {
      expect(ampToCanonical(url)).toBe(url);
    }
    expect(ampToCanonical('https://example.com/a?ampere=2')).toBe('https://example.com/a?ampere=2');
  });

  it('gives AMP and canonical forms one url key, in every ingest path (urlKey applies ampToCanonical)', () => {
    const key = urlKey('https://www.example.com/news/story');
    expect(urlKey(ampToCanonical('https://amp.example.com/news/story/amp/?utm_source=x'))).toBe(key);
    expect(urlKey('https://amp.example.com/news/story/amp/')).toBe(key);
    expect(urlKey('https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story')).toBe(key);
  });
});

describe('canonicalUrlFromHtml', () => {
  const page = (head: string) => `<!doctype html><html><head>${head}</head><body><p>text</p></body></html>`;

  it('uses the page’s rel=canonical on the same site', () => {
    expect(
      canonicalUrlFromHtml(
        page('<link rel="canonical" href="https://www.example.com/news/story">'),
        'https://www.example.com/news/story/amp',
      ),
    ).toBe('https://www.example.com/news/story');
    expect(
      canonicalUrlFromHtml(
        page("<link href='/news/story?x=1&amp;y=2' rel='canonical'/>"),
        'https://m.example.com/n/1',
      ),
    ).toBe('https://m.example.com/news/story?x=1&y=2');
    expect(
      canonicalUrlFromHtml(
        page('<link rel=canonical href=https://example.com/s>'),
        'https://www.example.com/amp/s',
      ),
    ).toBe('https://example.com/s');
  });

  it('falls back to the page URL (AMP forms removed) without a usable canonical', () => {
    expect(canonicalUrlFromHtml(page(''), 'https://www.example.com/news/story/amp/')).toBe(
      'https://www.example.com/news/story/',
    );
    expect(
      canonicalUrlFromHtml(
        page('<link rel="canonical" href="javascript:alert(1)">'),
        'https://example.com/a',
      ),
    ).toBe('https://example.com/a');
    expect(canonicalUrlFromHtml(page(''), 'file:///etc/passwd')).toBeNull();
  });

  it('refuses a canonical on another site (a page cannot claim another site’s article)', () => {
    expect(
      canonicalUrlFromHtml(
        page('<link rel="canonical" href="https://www.bbc.co.uk/news/world-1">'),
        'https://evil.example/copy',
      ),
    ).toBe('https://evil.example/copy');
  });

  it('accepts the origin named by a Google AMP cache page', () => {
    const cached = 'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story/amp/';
    expect(
      canonicalUrlFromHtml(page('<link rel="canonical" href="https://www.example.com/news/story">'), cached),
    ).toBe('https://www.example.com/news/story');
  });

  it('reads rel=amphtml as the AMP name of a canonical page', () => {
    expect(
      ampUrlFromHtml(
        page('<link rel="amphtml" href="/news/story/amp">'),
        'https://www.example.com/news/story',
      ),
    ).toBe('https://www.example.com/news/story/amp');
    expect(
      ampUrlFromHtml(
        page('<link rel="amphtml" href="https://other.example/x">'),
        'https://www.example.com/news/story',
      ),
    ).toBeNull();
  });
});
