import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { articlesSince, ArticleStore } from '../../src/articles/store.js';
import { article, DAY, fileStore, memoryStore, NOW } from './helpers.js';

describe('openDatabase', () => {
  const opened: (() => void)[] = [];
  afterEach(() => opened.splice(0).forEach((close) => close()));

  it('creates the folder and file and sets WAL, busy timeout, foreign keys and synchronous=NORMAL', () => {
    const { db, path, close } = fileStore();
    opened.push(close);
    expect(path).toMatch(/data[\\/]newsdesk\.db$/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
  });

  it('opens ":memory:" for tests', () => {
    const db = openDatabase(':memory:');
    expect(db.memory).toBe(true);
    db.close();
  });
});

describe('ArticleStore schema', () => {
  it('keeps other tables in a shared database and migrates idempotently', () => {
    const db = openDatabase(':memory:');
    db.exec("CREATE TABLE cache (key TEXT PRIMARY KEY, value TEXT); INSERT INTO cache VALUES ('k', 'v')");
    db.pragma('user_version = 42'); // someone else's
    const store = new ArticleStore({ db });
    store.upsert(article());
    new ArticleStore({ db }); // second construction: no error, no data loss
    expect(store.count()).toBe(1);
    expect(db.prepare('SELECT value FROM cache').pluck().get()).toBe('v');
    expect(db.pragma('user_version', { simple: true })).toBe(42);
    expect(db.prepare("SELECT value FROM articles_meta WHERE key = 'schema_version'").pluck().get()).toBe(
      '4',
    );
  });

  it('upgrades a version 1 database: its articles stay and are found through the new lead column', () => {
    const db = openDatabase(':memory:');
    new ArticleStore({ db });
    // Rebuild the version 1 full-text index (title, body) by hand, then store an article under it.
    db.exec(`DROP TRIGGER articles_fts_ai; DROP TRIGGER articles_fts_ad; DROP TRIGGER articles_fts_au;
      DROP TABLE articles_fts; ALTER TABLE articles DROP COLUMN lead;
      DROP INDEX articles_story; ALTER TABLE articles DROP COLUMN story_id;
      CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2');
      UPDATE articles_meta SET value = '1' WHERE key = 'schema_version';`);
    db.prepare(
      `INSERT INTO articles (url, url_key, source, title, published_at, fetched_at, body, content_hash, body_hash)
      VALUES ('https://ex.com/old', 'ex.com/old', 'Ex', 'Harbour reopens', ?, ?, 'The harbour reopened on Monday.', 'h1', 'b1')`,
    ).run(NOW - DAY, NOW - DAY);
    const store = new ArticleStore({ db, now: () => NOW });
    expect(store.search({ query: 'harbour' }).map((a) => a.url)).toEqual(['https://ex.com/old']);
    expect(db.prepare("SELECT value FROM articles_meta WHERE key = 'schema_version'").pluck().get()).toBe(
      '4',
    );
    store.upsert(article({ url: 'https://ex.com/new', title: 'Harbour closes again' }));
    expect(store.search({ query: 'harbour' })).toHaveLength(2);
  });

  it('refuses a database written by a newer schema', () => {
    const db = openDatabase(':memory:');
    new ArticleStore({ db });
    db.prepare("UPDATE articles_meta SET value = '99' WHERE key = 'schema_version'").run();
    expect(() => new ArticleStore({ db })).toThrow(/newer/);
  });

  it('persists across reopening the file', () => {
    const { store, db, path, close } = fileStore();
    const { article: saved } = store.upsert(article());
    db.close();
    const again = new ArticleStore({ db: openDatabase(path) });
    expect(again.get(saved.id)).toEqual(saved);
    close();
  });
});

describe('ArticleStore.upsert', () => {
  it('adds an article with id, content hash and fetchedAt from the clock', () => {
    const store = memoryStore();
    const { status, article: a } = store.upsert(article());
    expect(status).toBe('added');
    expect(a.id).toBeGreaterThan(0);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.fetchedAt).toBe(NOW);
    expect(store.get(a.id)).toEqual(a);
    expect(store.count()).toBe(1);
  });

  it.each([
    'https://news.example.com/economy/growth-figures?utm_source=twitter&utm_medium=social',
    'https://news.example.com/economy/growth-figures/',
    'https://NEWS.example.com:443/economy/growth-figures#comments',
    'http://www.news.example.com/economy/growth-figures?fbclid=abc123&gclid=xyz',
  ])('treats %s as the same article (unchanged)', (variant) => {
    const store = memoryStore();
    const first = store.upsert(article()).article;
    const again = store.upsert(article({ url: variant }));
    expect(again.status).toBe('unchanged');
    expect(again.article.id).toBe(first.id);
    expect(store.count()).toBe(1);
  });

  it('stores the URL without tracking parameters or fragment', () => {
    const store = memoryStore();
    const { article: a } = store.upsert(article({ url: 'https://ex.com/a?id=7&utm_campaign=x#top' }));
    expect(a.url).toBe('https://ex.com/a?id=7');
  });

  it('keeps URLs that differ in a real query parameter apart', () => {
    const store = memoryStore();
    store.upsert(article({ url: 'https://ex.com/story?id=1', body: 'First story. ' + 'x '.repeat(150) }));
    const other = store.upsert(
      article({ url: 'https://ex.com/story?id=2', body: 'Second story. ' + 'y '.repeat(150) }),
    );
    expect(other.status).toBe('added');
    expect(store.count()).toBe(2);
  });

  it('reports the same body text at a second URL as unchanged', () => {
    const store = memoryStore();
    const first = store.upsert(article()).article;
    const mirror = store.upsert(
      article({
        url: 'https://mirror.example.org/syndicated/123',
        title: 'Growth beats forecasts',
        source: 'Mirror',
      }),
    );
    expect(mirror.status).toBe('unchanged');
    expect(mirror.article.id).toBe(first.id);
    expect(store.count()).toBe(1);
  });

  it('does not merge different articles that share a short generic body', () => {
    const store = memoryStore();
    store.upsert(article({ url: 'https://ex.com/v/1', title: 'Flood video', body: 'Watch the video.' }));
    const second = store.upsert(
      article({ url: 'https://ex.com/v/2', title: 'Storm video', body: 'Watch the video.' }),
    );
    expect(second.status).toBe('added');
  });

  it('updates the article at the same URL when its text changed, keeping id and fetchedAt', () => {
    let now = NOW;
    const store = memoryStore(() => now);
    const first = store.upsert(article()).article;
    now += DAY;
    const changed = store.upsert(
      article({ body: `${article().body} Update: the central bank responded on Wednesday.` }),
    );
    expect(changed.status).toBe('updated');
    expect(changed.article.id).toBe(first.id);
    expect(changed.article.fetchedAt).toBe(first.fetchedAt);
    expect(changed.article.contentHash).not.toBe(first.contentHash);
    expect(store.get(first.id)!.body).toContain('central bank responded');
    expect(store.count()).toBe(1);
  });

  it('treats identical text re-fetched without metadata as unchanged and keeps the metadata', () => {
    const store = memoryStore();
    const first = store.upsert(article({ imageUrl: 'https://ex.com/i.jpg' })).article;
    const again = store.upsert(article({ byline: null, publishedAt: null, imageUrl: null }));
    expect(again.status).toBe('unchanged');
    expect(store.get(first.id)).toMatchObject({
      byline: 'A. Reporter',
      imageUrl: 'https://ex.com/i.jpg',
      publishedAt: NOW - DAY,
    });
  });

  it('dedupes URL-less articles with the same title and text, and adopts a URL found later', () => {
    const store = memoryStore();
    const local = store.upsert(article({ url: null, body: 'Short local note.' }));
    expect(store.upsert(article({ url: null, body: 'Short local note.' })).status).toBe('unchanged');
    const withUrl = store.upsert(article({ url: 'https://ex.com/note', body: 'Short local note.' }));
    expect(withUrl).toMatchObject({
      status: 'updated',
      article: { id: local.article.id, url: 'https://ex.com/note' },
    });
  });

  it('rejects an empty title or body', () => {
    const store = memoryStore();
    expect(() => store.upsert(article({ title: '  ' }))).toThrow(/title/);
    expect(() => store.upsert(article({ body: '\n' }))).toThrow(/body/);
    expect(store.count()).toBe(0);
  });
});

describe('ArticleStore.list and recent', () => {
  it('lists by published time, falling back to fetched time; recent() never counts an undated one as new', () => {
    const store = memoryStore();
    const a = store.upsert(
      article({ url: 'https://ex.com/a', title: 'A', body: 'a '.repeat(120), publishedAt: NOW - 3 * DAY }),
    ).article;
    const b = store.upsert(
      article({
        url: 'https://ex.com/b',
        title: 'B',
        body: 'b '.repeat(120),
        publishedAt: null,
        fetchedAt: NOW - DAY,
      }),
    ).article;
    const c = store.upsert(
      article({ url: 'https://ex.com/c', title: 'C', body: 'c '.repeat(120), publishedAt: NOW - 2 * DAY }),
    ).article;
    expect(store.list().map((x) => x.id)).toEqual([b.id, c.id, a.id]);
    expect(store.list({ limit: 1, offset: 1 }).map((x) => x.id)).toEqual([c.id]);
    expect(store.list({ since: NOW - 2 * DAY }).map((x) => x.id)).toEqual([b.id, c.id]);
    // b has no date: fetched a day ago, it may be years old, so it is in no window and comes last.
    expect(store.recent({ since: NOW - 36 * 3_600_000 }).map((x) => x.id)).toEqual([]);
    expect(store.recent({ since: NOW - 60 * 3_600_000 }).map((x) => x.id)).toEqual([c.id]);
    expect(store.recent({ limit: 2 }).map((x) => x.id)).toEqual([c.id, a.id]);
    expect(store.recent().map((x) => x.id)).toEqual([c.id, a.id, b.id]);
    expect(store.get(9999)).toBeNull();
  });
});

describe('ArticleStore.since', () => {
  it('finds what was published or fetched in the window, as articlesSince does over the same database', () => {
    const { store, db, close } = fileStore();
    const old = store.upsert(
      article({
        url: 'https://ex.com/old',
        title: 'Old',
        body: 'o '.repeat(120),
        publishedAt: NOW - 9 * DAY,
        fetchedAt: NOW - 9 * DAY,
      }),
    ).article;
    const late = store.upsert(
      article({
        url: 'https://ex.com/late',
        title: 'Late harbour story',
        body: 'harbour '.repeat(40),
        publishedAt: NOW - 9 * DAY,
        fetchedAt: NOW - 1000,
      }),
    ).article;
    const window = { since: NOW - DAY, until: NOW };
    expect(store.since(window).map((a) => a.id)).toEqual([late.id]);
    expect(store.since({ ...window, topic: 'harbour' }).map((a) => a.id)).toEqual([late.id]);
    expect(store.since({ ...window, topic: '!!!' })).toEqual([]);
    expect(store.since({ since: NOW - 10 * DAY, until: NOW }).map((a) => a.id)).toEqual([late.id, old.id]);
    expect(articlesSince(db, window)).toEqual(store.since(window));
    close();
  });
});

describe('ArticleStore.upsert metadata on a URL match', () => {
  it('keeps the first source name and reports a new image as an update', () => {
    const store = memoryStore();
    const first = store.upsert(article({ source: 'Example News' })).article;
    expect(store.upsert(article({ source: 'example.com' })).status).toBe('unchanged');
    const withImage = store.upsert(article({ source: 'example.com', imageUrl: 'https://ex.com/new.jpg' }));
    expect(withImage).toMatchObject({
      status: 'updated',
      article: { id: first.id, source: 'Example News', imageUrl: 'https://ex.com/new.jpg' },
    });
  });
});
