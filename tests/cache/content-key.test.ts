import { describe, expect, it } from 'vitest';
import { canonicalJson, contentKey, CONTENT_KEY_PREFIX } from '../../src/cache/content-key.js';

const base = {
  kind: 'briefing',
  prompt: 'abc123',
  model: 'gpt-x',
  length: 'short',
  topic: 'climate',
  language: 'en',
  articles: [
    [1, 'h1'],
    [2, 'h2'],
  ],
  options: { hours: 24, widened: false },
};

describe('contentKey', () => {
  it('is the prefix plus 32 hex characters', () => {
    expect(contentKey(base)).toMatch(/^briefing:v1:[0-9a-f]{32}$/);
    expect(contentKey(base).startsWith(CONTENT_KEY_PREFIX)).toBe(true);
    expect(contentKey(base, 'digest:v2:')).toMatch(/^digest:v2:[0-9a-f]{32}$/);
  });

  it('does not depend on the order of object keys, at any depth', () => {
    const reordered = {
      options: { widened: false, hours: 24 },
      articles: base.articles,
      language: 'en',
      topic: 'climate',
      length: 'short',
      model: 'gpt-x',
      prompt: 'abc123',
      kind: 'briefing',
    };
    expect(contentKey(reordered)).toBe(contentKey(base));
  });

  it('changes when any value changes', () => {
    const key = contentKey(base);
    const variants: Record<string, unknown>[] = [
      { ...base, prompt: 'abc124' },
      { ...base, model: 'gpt-y' },
      { ...base, length: 'long' },
      { ...base, topic: null },
      { ...base, topic: 'Climate' },
      { ...base, language: 'de' },
      {
        ...base,
        articles: [
          [1, 'h1'],
          [2, 'h3'],
        ],
      },
      { ...base, articles: [[1, 'h1']] },
      {
        ...base,
        articles: [
          [2, 'h2'],
          [1, 'h1'],
        ],
      },
      { ...base, options: { hours: 48, widened: false } },
      { ...base, options: { hours: 24, widened: true } },
      { ...base, options: { hours: '24', widened: false } },
      { ...base, extra: 1 },
    ];
    const keys = variants.map((v) => contentKey(v));
    for (const k of keys) expect(k).not.toBe(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps string boundaries unambiguous', () => {
    expect(contentKey({ a: 'x,"b":"y' })).not.toBe(contentKey({ a: 'x', b: 'y' }));
    expect(contentKey({ a: ['x', 'y'] })).not.toBe(contentKey({ a: ['x,y'] }));
  });
});

describe('canonicalJson', () => {
  it('sorts keys, keeps array order, drops undefined properties and uses toJSON', () => {
    expect(canonicalJson({ b: [3, 1], a: { d: undefined, c: new Date(0) } })).toBe(
      '{"a":{"c":"1970-01-01T00:00:00.000Z"},"b":[3,1]}',
    );
  });

  it('refuses values JSON cannot represent faithfully', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/finite/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});
