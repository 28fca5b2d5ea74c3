import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../src/feeds/parse-feed.js';
import { FeedWorker, parseFeedInWorker } from '../../src/feeds/parse-feed-in-worker.js';
import { syntheticRss } from './synthetic-feed.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const worker = new FeedWorker({ inlineBelowChars: 0 });
afterAll(() => worker.close());

describe('FeedWorker', () => {
  it('parses on a worker thread (TypeScript sources under vitest) with the same result as parseFeed', async () => {
    const text = syntheticRss(500_000);
    const feed = await worker.parse(text, { baseUrl: 'https://synthetic.example/feed' });
    expect(feed).toEqual(parseFeed(text, { baseUrl: 'https://synthetic.example/feed' }));
    expect(feed.items.length).toBeGreaterThan(200);
  });

  it('hands back FeedParseError with its reason and position', async () => {
    await expect(worker.parse('<html><body>hi</body></html>')).rejects.toMatchObject({
      name: 'FeedParseError',
      reason: 'html-page',
    });
    const err = await worker.parse('<rss>\n<channel><title>x</channel></rss>').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect(err).toMatchObject({ reason: 'malformed-xml', line: 2 });
  });

  it('keeps the event loop responsive while a ~10 MB feed is parsed', async () => {
    const text = syntheticRss(10_000_000);
    await worker.parse('<rss><channel><title>warm</title></channel></rss>'); // worker started
    // The main thread keeps running callbacks while the worker parses (the delay itself is
    // measured by `npm run bench`, bench/feeds.ts, not asserted here).
    let ticks = 0;
    let parsed = false;
    let ticksBeforeResult = 0;
    const ticker = setInterval(() => {
      ticks += 1;
      if (!parsed) ticksBeforeResult = ticks;
    }, 5);
    const feed = await worker.parse(text);
    parsed = true;
    clearInterval(ticker);
    expect(feed.items.length).toBeGreaterThan(5000);
    expect(ticksBeforeResult).toBeGreaterThan(3);
  });

  it('parses small texts inline by default', async () => {
    const inline = new FeedWorker();
    await expect(inline.parse('<rss><channel><title>Small</title></channel></rss>')).resolves.toMatchObject({
      title: 'Small',
    });
    await inline.close();
  });

  it('rejects pending parses when closed, and can be used again after', async () => {
    const w = new FeedWorker({ inlineBelowChars: 0 });
    const outcome = w.parse(syntheticRss(2_000_000)).then(
      () => 'parsed',
      (err: unknown) => (err instanceof Error ? err.message : err),
    );
    await w.close();
    expect(await outcome).toBe('feed worker closed');
    await expect(w.parse('<rss><channel><title>Again</title></channel></rss>')).resolves.toMatchObject({
      title: 'Again',
    });
    await w.close();
  });
});

describe('parseFeedInWorker', () => {
  it('works in a one-off worker', async () => {
    await expect(
      parseFeedInWorker('<feed xmlns="http://www.w3.org/2005/Atom"><title>One-off</title></feed>'),
    ).resolves.toMatchObject({ kind: 'atom', title: 'One-off' });
  });

  it('works when the app runs under `tsx` (as bin/newsdesk-dev.js and npm run dev do)', async () => {
    const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [tsxCli, path.join(here, 'worker-under-tsx.ts')],
      { timeout: 60_000 },
    );
    const result = JSON.parse(stdout) as { items: number };
    expect(result).toMatchObject({ kind: 'rss', first: 'Story 0: harbour works — costs rise' });
    expect(result.items).toBeGreaterThan(100);
  });
});
