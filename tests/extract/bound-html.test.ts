import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundHtml } from '../../src/extract/bound-html.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return pages(full);
    return /\.html?$/.test(e.name) ? [full] : [];
  });
}

/** The deepest nesting of an (already well-formed) HTML text, counted without a parser. */
function depthOf(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of html.matchAll(/<(\/?)div\b/g)) {
    depth += m[1] ? -1 : 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

describe('boundHtml', () => {
  it('leaves real pages exactly as they are', () => {
    const found = pages(FIXTURES);
    expect(found.length).toBeGreaterThan(5);
    for (const file of found) {
      const html = readFileSync(file, 'utf8');
      expect(boundHtml(html), file).toEqual({ html, cut: null, flattened: 0 });
    }
  });

  it.each([1_000, 10_000, 100_000])(
    'flattens %i nested elements to the depth limit and keeps their text',
    (n) => {
      const html = `<html><body>${'<div>'.repeat(n)}deep text${'</div>'.repeat(n)}<p>after</p></body></html>`;
      const bounded = boundHtml(html, { maxDepth: 50 });
      expect(bounded.cut).toBeNull();
      expect(bounded.flattened).toBe(n - 48); // html and body take two levels
      expect(depthOf(bounded.html)).toBe(48);
      expect(bounded.html).toContain('deep text');
      expect(bounded.html.endsWith('<p>after</p></body></html>')).toBe(true);
    },
  );

  it('does not count implicitly closed paragraphs, list items and cells as nesting', () => {
    const html = `<body><ul>${'<li><p>item'.repeat(500)}</ul><table>${'<tr><td>a<td>b'.repeat(300)}</table></body>`;
    expect(boundHtml(html, { maxDepth: 10 })).toEqual({ html, cut: null, flattened: 0 });
  });

  it('skips tags inside comments, scripts and quoted attributes', () => {
    const html = `<body><!-- <div><div> --><script>if (a<b) "<div>"</script><a title="x>y <div>">link</a></body>`;
    expect(boundHtml(html, { maxDepth: 2 })).toEqual({ html, cut: null, flattened: 0 });
  });

  it('cuts a document with too many elements or characters, saying why', () => {
    const many = `<body>${'<span>x</span>'.repeat(1_000)}</body>`;
    const cutByCount = boundHtml(many, { maxElements: 100 });
    expect(cutByCount.cut).toBe('more than 100 elements');
    expect(cutByCount.html.match(/<span>/g)).toHaveLength(99);
    const cutBySize = boundHtml(many, { maxChars: 500 });
    expect(cutBySize.cut).toBe('longer than 500 characters');
    expect(cutBySize.html).toHaveLength(500);
  });
});
