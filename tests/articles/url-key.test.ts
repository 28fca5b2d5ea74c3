import { describe, expect, it } from 'vitest';
import { cleanUrl, urlKey } from '../../src/articles/url-key.js';

describe('urlKey', () => {
  const key = 'news.example.com/world/story-1?id=5&page=2';
  it.each([
    'https://news.example.com/world/story-1?id=5&page=2',
    'http://news.example.com/world/story-1?page=2&id=5',
    'https://WWW.News.Example.com:443/world/story-1/?id=5&page=2#comments',
    'https://news.example.com/world/story-1?utm_source=t&utm_medium=s&id=5&fbclid=x&page=2&gclid=y&mc_cid=z',
    'http://news.example.com:80/world/story-1?id=5&page=2&ref=twitter&_ga=1.2',
    '  https://news.example.com/world/story-1?id=5&page=2  ',
  ])('%s', (url) => {
    expect(urlKey(url)).toBe(key);
  });

  it('keeps real differences: path case, other params, ports, hosts', () => {
    expect(urlKey('https://ex.com/Story')).not.toBe(urlKey('https://ex.com/story'));
    expect(urlKey('https://ex.com/s?id=1')).not.toBe(urlKey('https://ex.com/s?id=2'));
    expect(urlKey('https://ex.com:8080/s')).not.toBe(urlKey('https://ex.com/s'));
    expect(urlKey('https://a.ex.com/s')).not.toBe(urlKey('https://b.ex.com/s'));
  });

  it('handles empty, relative and non-http input', () => {
    expect(urlKey(null)).toBeNull();
    expect(urlKey('  ')).toBeNull();
    expect(urlKey('/local/port')).toBe('/local/port');
    expect(urlKey('urn:isbn:123')).toBe('urn:isbn:123');
    expect(urlKey('https://ex.com')).toBe('ex.com/');
  });
});

describe('cleanUrl', () => {
  it('drops tracking parameters and the fragment but keeps the rest as given', () => {
    expect(cleanUrl('https://Ex.com/A/?utm_source=x&id=3#top')).toBe('https://ex.com/A/?id=3');
    expect(cleanUrl('https://ex.com/a?utm_campaign=x')).toBe('https://ex.com/a');
    expect(cleanUrl('not a url')).toBe('not a url');
  });
});
