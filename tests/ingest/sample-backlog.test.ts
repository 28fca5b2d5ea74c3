import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { importSampleCorpusIfEmpty } from '../../src/ingest/files/sample-corpus.js';
import { articlesSince } from '../../src/articles/store.js';
import { ArticleStore } from '../../src/articles/store.js';

describe('the bundled samples', () => {
  it('are stored as of their publication, so a digest never posts them as news', () => {
    const db = openDatabase(':memory:');
    const now = Date.UTC(2026, 10, 26);
    const store = new ArticleStore({ db, now: () => now });
    expect(importSampleCorpusIfEmpty(store).added).toBe(21);
    expect(articlesSince(db, { since: now - 24 * 3_600_000, until: now + 3_600_000 })).toEqual([]);
    expect(
      store.list({ limit: 50 }).every((a) => a.publishedAt === null || a.fetchedAt === a.publishedAt),
    ).toBe(true);
  });
});
