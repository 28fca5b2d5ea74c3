import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/articles/database.js';
import { ArticleStore } from '../../src/articles/store.js';
import { FeedParseError } from '../../src/feeds/parse-feed.js';
import { ingestFeed, ingestPage, ingestUrl, type IngestDeps } from '../../src/ingest/ingest-url.js';
import { createSafeFetch, FetchError } from '../../src/net/index.js';
import { recordingLogger } from '../support/app-fixtures.js';

let server: Server;
let base = '';
const hits: string[] = [];
let guidVersion = 0;
const LONG = 'The harbour authority confirmed on Tuesday that the new quay will open in May. '.repeat(8);

function rss(items: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Harbour Wire</title><link>${base}/</link>${items}</channel></rss>`;
}

const PAGE = (
  title: string,
) => `<!doctype html><html><head><title>${title}</title><meta property="og:site_name" content="Harbour Wire"><meta property="article:published_time" content="2026-11-20T08:00:00Z"></head>
<body><nav>Home | News</nav><article><h1>${title}</h1><p>${LONG}</p><p>Officials said the works were on budget and that ferries would use the new quay from June.</p><p>Share this article</p></article><footer>© 2026 Harbour Wire</footer></body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const url = req.url ?? '/';
    if (url === '/feed.xml') {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' });
      return void res.end(
        rss(`<item><title>Quay opens in May</title><link>${base}/quay?utm_source=rss</link><guid>q1</guid><pubDate>Tue, 17 Nov 2026 09:00:00 GMT</pubDate><description>${LONG}</description></item>
             <item><title>Ferries move to the new quay</title><link>${base}/page/ferries.html</link><guid>f1</guid><pubDate>Wed, 18 Nov 2026 09:00:00 GMT</pubDate><description>Ferries will move… Read more</description></item>`),
      );
    }
    if (url.startsWith('/page/'))
      return void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(PAGE('Ferries move to the new quay'));
    if (url === '/article.html')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE('Harbour budget approved'));
    if (url === '/broken.xml')
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end('<rss><channel><title>x</title><item><title>unclosed');
    if (url === '/to-private') return void res.writeHead(302, { location: 'http://10.0.0.1/feed.xml' }).end();
    if (url === '/guid.xml') {
      guidVersion += 1;
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(
        rss(
          `<item><title>Quay opening moved</title><link>${base}/quay-v${guidVersion}</link><guid>quay-story</guid><description>${LONG} Version ${guidVersion} of the story, with new details.</description></item>`,
        ),
      );
    }
    if (url === '/feed-as-html')
      return void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          rss(`<item><title>Sniffed</title><link>${base}/s</link><description>${LONG}</description></item>`),
        );
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function deps(now = Date.UTC(2026, 10, 26)): IngestDeps & { store: ArticleStore } {
  const store = new ArticleStore({ db: openDatabase(':memory:'), now: () => now });
  return {
    store,
    fetch: createSafeFetch({ allowHosts: ['127.0.0.1'] }),
    logger: recordingLogger().logger,
    now: () => now,
  };
}

describe('ingesting feeds', () => {
  it('stores the items, fetching the page of a summary-only item, and uses conditional requests', async () => {
    const d = deps();
    const first = await ingestFeed(`${base}/feed.xml`, d, { backlog: false });
    expect(first.title).toBe('Harbour Wire');
    expect(first.items.map((i) => i.status)).toEqual(['added', 'added']);
    expect(hits).toContain('GET /page/ferries.html');
    const ferries = d.store.search({ query: 'ferries budget' });
    expect(ferries).toHaveLength(1);
    expect(ferries[0]!.body).toMatch(/on budget/);
    expect(ferries[0]!.body).not.toMatch(/Share this article|© 2026/);
    expect(d.store.list().map((a) => a.url)).toContain(`${base}/quay`);
    const again = await ingestFeed(`${base}/feed.xml`, d, { etag: first.etag });
    expect(again).toMatchObject({ notModified: true, items: [] });
    const unchanged = await ingestFeed(`${base}/feed.xml`, d);
    expect(unchanged.items.map((i) => i.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('treats a GUID repeat under a new link as the same story: updated, not duplicated', async () => {
    const { FeedRegistry } = await import('../../src/ingest/feed-registry.js');
    const db = openDatabase(':memory:');
    const store = new ArticleStore({ db });
    const d: IngestDeps = {
      store,
      guids: new FeedRegistry(db),
      fetch: createSafeFetch({ allowHosts: ['127.0.0.1'] }),
      logger: recordingLogger().logger,
    };
    const first = await ingestFeed(`${base}/guid.xml`, d);
    const second = await ingestFeed(`${base}/guid.xml`, d);
    expect(first.items.map((i) => i.status)).toEqual(['added']);
    expect(second.items.map((i) => i.status)).toEqual(['updated']);
    expect(second.items[0]!.articleId).toBe(first.items[0]!.articleId);
    expect(store.count()).toBe(1);
    expect(store.list()[0]!.body).toMatch(/Version 2/);
  });

  it('does not fetch the page of a summary-only item again once its article is stored', async () => {
    const d = deps();
    await ingestFeed(`${base}/feed.xml`, d);
    const before = hits.filter((h) => h === 'GET /page/ferries.html').length;
    const again = await ingestFeed(`${base}/feed.xml`, d);
    expect(hits.filter((h) => h === 'GET /page/ferries.html').length).toBe(before);
    expect(again.items.map((i) => i.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('stores a new feed’s backlog as of publication, so it is not news for older digests', async () => {
    const d = deps();
    await ingestFeed(`${base}/feed.xml`, d, { backlog: true });
    const quay = d.store.search({ query: 'quay opens' })[0]!;
    expect(quay.fetchedAt).toBe(Date.UTC(2026, 10, 17, 9));
  });

  it.each([
    ['a broken feed', '/broken.xml', FeedParseError, /malformed|XML/i],
    ['an HTML page posing as a feed', '/article.html', FeedParseError, /web page, not a feed/],
    ['a redirect to a private address', '/to-private', FetchError, /private or local network/],
    ['a missing feed', '/nope.xml', FetchError, /answered with an error/],
  ])('refuses %s with a clear reason', async (_name, path, type, message) => {
    const d = deps();
    const err = await ingestFeed(`${base}${path}`, d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(type);
    expect((err as Error).message).toMatch(message);
    expect(d.store.count()).toBe(0);
  });

  it('recognises a feed served as text/html by its root element', async () => {
    const result = await ingestUrl(`${base}/feed-as-html`, deps());
    expect(result.kind).toBe('feed');
  });
});

describe('ingesting pages', () => {
  it('extracts the article of a page and reports a second import as unchanged', async () => {
    const d = deps();
    const first = await ingestPage(`${base}/article.html`, d);
    expect(first.item).toMatchObject({ status: 'added', title: 'Harbour budget approved' });
    const stored = d.store.get(first.item.articleId!)!;
    expect(stored).toMatchObject({ source: 'Harbour Wire', publishedAt: Date.UTC(2026, 10, 20, 8) });
    expect(stored.body).not.toMatch(/Home \| News|Share this article/);
    expect((await ingestUrl(`${base}/article.html`, d)).kind).toBe('page');
    expect((await ingestPage(`${base}/article.html`, d)).item.status).toBe('unchanged');
  });
});

describe('page URLs', () => {
  it('stores a fetched page under its same-site canonical link, never under another site’s', async () => {
    const { parseHtmlArticle } = await import('../../src/extract/parse-html.js');
    const html = (canonical: string) =>
      `<html><head><title>T</title><link rel="canonical" href="${canonical}"></head><body><article><h1>T</h1><p>${LONG}</p></article></body></html>`;
    expect(
      parseHtmlArticle(html('https://news.example/story'), {
        url: 'https://news.example/story/amp',
        fallbackSource: 'x',
      }).url,
    ).toBe('https://news.example/story');
    expect(
      parseHtmlArticle(html('https://bbc.example/stolen'), {
        url: 'https://evil.example/page',
        fallbackSource: 'x',
      }).url,
    ).toBe('https://evil.example/page');
  });
});
