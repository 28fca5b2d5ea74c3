/** An 8 MB one-paragraph text file is an article of at most ARTICLE_MAX_CHARS, cut before it is parsed. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFilesSync } from '../../src/ingest/files/ingest-files.js';
import { memoryStore, tempDir } from '../articles/helpers.js';

const folder = tempDir();
afterAll(() => folder.cleanup());

describe('a huge text file', () => {
  it('is stored as the start of its text, cut at a word, and parsing it stays cheap', () => {
    const words = 'the harbour authority said repairs to the sea wall would finish on monday '.split(' ');
    const parts: string[] = ['Huge article', ''];
    let size = 0;
    for (let i = 0; size < 8_000_000; i++) {
      const word = words[i % words.length]!;
      parts.push(word);
      size += word.length + 1;
    }
    const file = join(folder.dir, 'huge.txt');
    writeFileSync(file, `${parts.slice(0, 2).join('\n')}\n${parts.slice(2).join(' ')}`);
    const store = memoryStore();
    const before = process.memoryUsage().rss;
    const summary = importFilesSync(store, [file], { maxArticleChars: 200_000 });
    expect(summary.added).toBe(1);
    const stored = store.get(summary.results[0]!.articleId!)!;
    expect(stored.body.length).toBeLessThanOrEqual(200_000);
    expect(stored.body.length).toBeGreaterThan(150_000);
    expect(stored.body.endsWith(' ')).toBe(false);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });
});
