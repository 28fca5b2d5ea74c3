import { describe, expect, it } from 'vitest';
import { countText, pluralize } from '../../src/interactions/plural.js';

describe('countText', () => {
  it('says "1 article" and "2 articles", "0 new articles" and "1 new article"', () => {
    expect(countText(1, 'article')).toBe('1 article');
    expect(countText(2, 'article')).toBe('2 articles');
    expect(countText(0, 'newArticle')).toBe('0 new articles');
    expect(countText(1, 'newArticle')).toBe('1 new article');
    expect(countText(1204, 'article')).toBe('1,204 articles');
    expect(countText(3, 'story')).toBe('3 stories');
  });

  it('picks the plural category of the locale (Polish has few and many)', () => {
    const forms = { one: '{n} plik', few: '{n} pliki', many: '{n} plików', other: '{n} pliku' };
    expect(pluralize(1, forms, 'pl')).toBe('1 plik');
    expect(pluralize(3, forms, 'pl')).toBe('3 pliki');
    expect(pluralize(5, forms, 'pl')).toBe('5 plików');
    expect(pluralize(2, { other: '{n} 件' }, 'ja')).toBe('2 件');
  });
});
