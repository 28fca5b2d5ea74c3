import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewArticle } from '../../src/articles/article.js';
import { openDatabase, type Db } from '../../src/articles/database.js';
import { ArticleStore } from '../../src/articles/store.js';

export const DAY = 86_400_000;
/** A fixed "now" for tests: 2021-07-28T12:00:00Z. */
export const NOW = Date.UTC(2021, 6, 28, 12);

/** A temp folder removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-articles-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A store over a real SQLite file in a temp folder. */
export function fileStore(now: () => number = () => NOW): {
  store: ArticleStore;
  db: Db;
  path: string;
  close: () => void;
} {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 'data', 'newsdesk.db');
  const db = openDatabase(path);
  const store = new ArticleStore({ db, now });
  return {
    store,
    db,
    path,
    close: () => {
      db.close();
      cleanup();
    },
  };
}

/** A store over an in-memory database. */
export function memoryStore(now: () => number = () => NOW): ArticleStore {
  return new ArticleStore({ db: openDatabase(':memory:'), now });
}

const LONG_BODY =
  'The finance ministry published revised growth figures on Tuesday, showing the economy expanded faster than ' +
  'expected in the second quarter. Economists said strong consumer spending and a recovery in exports explained ' +
  'most of the change, while warning that inflation remained a risk for the rest of the year.';

/** A valid article with overridable fields. */
export function article(overrides: Partial<NewArticle> = {}): NewArticle {
  return {
    url: 'https://news.example.com/economy/growth-figures',
    source: 'Example News',
    title: 'Economy grew faster than expected',
    byline: 'A. Reporter',
    publishedAt: NOW - DAY,
    body: LONG_BODY,
    imageUrl: null,
    ...overrides,
  };
}
