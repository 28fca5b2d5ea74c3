/**
 * `npx tsx bench/feeds.ts`: feed parsing figures.
 *  - feed items parsed per second: the 14 rss-parser fixture feeds (bytes decoded, then parsed), repeated;
 *  - a ~10 MB synthetic feed: parse time, and the event-loop delay (p99, max) seen by the main thread
 *    while it is parsed inline and while it is parsed by a FeedWorker.
 * Options: BENCH_FEED_ROUNDS (default 30), BENCH_FEED_MB (default 10).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { decodeFeedBytes } from '../src/feeds/decode-feed.js';
import { parseFeed } from '../src/feeds/parse-feed.js';
import { FeedWorker } from '../src/feeds/parse-feed-in-worker.js';
import { rssParserInput, rssParserInputs } from '../tests/feeds/fixtures.js';
import { syntheticRss } from '../tests/feeds/synthetic-feed.js';

const ROUNDS = Number(process.env.BENCH_FEED_ROUNDS ?? 30);
const MEGABYTES = Number(process.env.BENCH_FEED_MB ?? 10);

function fixtureThroughput(): { items: number; seconds: number } {
  const feeds = rssParserInputs()
    .filter((n) => n !== 'unrecognized.rss')
    .map((n) => rssParserInput(n));
  for (const bytes of feeds) parseFeed(decodeFeedBytes(bytes, null)); // warm-up
  let items = 0;
  const started = performance.now();
  for (let r = 0; r < ROUNDS; r++)
    for (const bytes of feeds) items += parseFeed(decodeFeedBytes(bytes, null)).items.length;
  return { items, seconds: (performance.now() - started) / 1000 };
}

/** Runs `task` while sampling the event loop: returns its result, duration and the delay p99/max in ms. */
async function withLoopDelay<T>(
  task: () => Promise<T>,
): Promise<{ result: T; ms: number; p99: number; max: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  // Something to delay: a timer that would run every 5 ms on an idle loop.
  const ticker = setInterval(() => undefined, 5);
  histogram.enable();
  const started = performance.now();
  const result = await task();
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 20));
  histogram.disable();
  clearInterval(ticker);
  return { result, ms, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
}

async function main(): Promise<void> {
  const fixtures = fixtureThroughput();
  console.log(
    `fixtures: ${fixtures.items} items in ${fixtures.seconds.toFixed(2)} s = ${Math.round(fixtures.items / fixtures.seconds)} items/s (14 feeds x ${ROUNDS})`,
  );

  const text = syntheticRss(MEGABYTES * 1_000_000);
  const mb = (text.length / 1e6).toFixed(1);
  const idle = await withLoopDelay(() => new Promise((r) => setTimeout(r, 1000)));
  console.log(`idle loop: event-loop delay p99 ${idle.p99.toFixed(1)} ms, max ${idle.max.toFixed(1)} ms`);

  const inline = await withLoopDelay(async () => {
    await new Promise((r) => setTimeout(r, 50));
    return parseFeed(text);
  });
  const n = inline.result.items.length;
  console.log(
    `${mb} MB feed inline: ${n} items in ${inline.ms.toFixed(0)} ms (${Math.round(n / (inline.ms / 1000))} items/s); event-loop delay p99 ${inline.p99.toFixed(1)} ms, max ${inline.max.toFixed(1)} ms`,
  );

  const worker = new FeedWorker();
  await worker.parse(syntheticRss(300_000)); // start the worker (about a second from TS sources)
  const off = await withLoopDelay(() => worker.parse(text));
  console.log(
    `${mb} MB feed in FeedWorker: ${off.result.items.length} items in ${off.ms.toFixed(0)} ms; event-loop delay p99 ${off.p99.toFixed(1)} ms, max ${off.max.toFixed(1)} ms`,
  );
  await worker.close();
}

await main();
