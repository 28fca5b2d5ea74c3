import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { ArticleStore } from '../../src/articles/store.js';
import { FeedRegistry } from '../../src/ingest/feed-registry.js';
import { IngestService } from '../../src/ingest/ingest-service.js';
import { createSafeFetch } from '../../src/net/index.js';
import { syntheticRss } from '../feeds/synthetic-feed.js';
import { startLocalServer, type LocalServer } from '../net/local-server.js';
import { recordingLogger } from '../support/app-fixtures.js';

let server: LocalServer;
let feed = syntheticRss(8_000);
beforeAll(async () => {
  server = await startLocalServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(feed);
  });
});
afterAll(async () => {
  await server.close();
});

describe('ingest metrics', () => {
  it('counts articles newly stored from a feed, not the ones seen again', async () => {
    const counted: [number, string][] = [];
    const db = openDatabase(':memory:');
    const registry = new FeedRegistry(db);
    const ingest = new IngestService({
      store: new ArticleStore({ db }),
      registry,
      fetch: createSafeFetch({ allowHosts: new Set(['127.0.0.1']) }),
      logger: recordingLogger().logger,
      now: () => Date.UTC(2026, 2, 30),
      feedIntervalMs: 900_000,
      metrics: { articlesIngested: (n, source) => void counted.push([n, source]) },
    });
    const url = `${server.origin}/rss`;
    const { stored } = await ingest.addFeed({ url, guildId: 'g', topic: null, addedBy: 'u' });
    expect(stored).toBeGreaterThan(1);
    expect(counted).toEqual([[stored, 'feed']]);
    await ingest.poll(registry.find(url, 'g')!);
    expect(counted[1]).toEqual([0, 'feed']);
    const items = (rss: string) => rss.split('<item>').length - 1;
    const before = items(feed);
    feed = syntheticRss(16_000); // the same items and more
    await ingest.poll(registry.find(url, 'g')!);
    expect(stored).toBe(before);
    expect(counted[2]).toEqual([items(feed) - before, 'feed']);
  });
});
