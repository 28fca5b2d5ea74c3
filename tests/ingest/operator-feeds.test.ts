import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { ArticleStore } from '../../src/articles/store.js';
import { FeedRegistry } from '../../src/ingest/feed-registry.js';
import { readFeedsFile } from '../../src/ingest/feeds-file.js';
import { IngestService } from '../../src/ingest/ingest-service.js';
import { createSafeFetch } from '../../src/net/index.js';
import { recordingLogger } from '../support/app-fixtures.js';

function service() {
  const db = openDatabase(':memory:');
  const registry = new FeedRegistry(db);
  const ingest = new IngestService({
    store: new ArticleStore({ db }),
    registry,
    fetch: createSafeFetch({}),
    logger: recordingLogger().logger,
    now: () => 1_000,
    feedIntervalMs: 900_000,
  });
  return { registry, ingest };
}

describe('operator feeds from FEEDS_FILE', () => {
  it('follows the file: adds, updates, and removes what left it, but keeps feeds added on the console', () => {
    const { registry, ingest } = service();
    registry.add({
      url: 'https://console.example/rss',
      guildId: null,
      addedBy: 'console',
      intervalMs: 900_000,
      now: 0,
    });
    expect(
      ingest.syncOperatorFeeds([
        { url: 'https://a.example/rss', topic: null, intervalMs: null },
        { url: 'https://b.example/rss', topic: 'tech', intervalMs: 1_800_000 },
      ]),
    ).toEqual({ added: 2, removed: 0 });
    expect(
      ingest.syncOperatorFeeds([{ url: 'https://b.example/rss', topic: 'science', intervalMs: 1_800_000 }]),
    ).toEqual({ added: 0, removed: 1 });
    expect(registry.list(null).map((f) => [f.url, f.topic])).toEqual([
      ['https://console.example/rss', null],
      ['https://b.example/rss', 'science'],
    ]);
    expect(ingest.syncOperatorFeeds([])).toEqual({ added: 0, removed: 1 });
    expect(registry.list(null).map((f) => f.url)).toEqual(['https://console.example/rss']);
  });

  it('reads the documented format and lists every bad entry', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feeds-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        feeds: [
          { url: 'https://x.example/rss', topic: 'world', interval: '30m' },
          'https://y.example/atom.xml',
        ],
      }),
    );
    expect(readFeedsFile(good, 300_000)).toEqual([
      { url: 'https://x.example/rss', topic: 'world', intervalMs: 1_800_000 },
      { url: 'https://y.example/atom.xml', topic: null, intervalMs: null },
    ]);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ feeds: ['ftp://nope', { url: 'https://z.example/rss', interval: '1m' }] }),
    );
    expect(() => readFeedsFile(bad, 300_000)).toThrow(
      /feeds\[0\]: "ftp:\/\/nope" is not an http\(s\) URL\n\s+feeds\[1\]: interval "1m" must be a duration of at least 5 minutes/,
    );
    writeFileSync(bad, '{"feeds": [');
    expect(() => readFeedsFile(bad, 300_000)).toThrow(/invalid JSON/);
  });
});
