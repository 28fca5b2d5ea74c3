/**
 * `npx tsx bench/store.ts`: the article store at scale, and ingest without stalling the bot.
 *  - 100,000 synthetic articles upserted into a real SQLite file: rate, size on disk;
 *  - /news topic search over them (the query /news makes: FTS5 bm25 + recency, last 24 h, then any age),
 *    median and p99 over many topics; the full /news engine path (selection + extractive briefing);
 *  - event-loop delay p99 while a ~10 MB feed is fetched from a local server, parsed in the worker and stored;
 *  - peak RSS of this process.
 * Options: BENCH_ARTICLES (default 100000), BENCH_FEED_MB (default 10).
 */
import { mkdtempSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../src/articles/database.js';
import { ArticleStore } from '../src/articles/store.js';
import { Briefings } from '../src/briefing/briefings.js';
import { FeedWorker } from '../src/feeds/parse-feed-in-worker.js';
import { ingestFeed } from '../src/ingest/ingest-url.js';
import { createLogger } from '../src/logger.js';
import { createSafeFetch } from '../src/net/index.js';
import { syntheticRss } from '../tests/feeds/synthetic-feed.js';
import { fmt, median, peakRssMiB, percentile } from './stats.js';
import { PLACES, WORDS } from './vocabulary.js';

const COUNT = Number(process.env.BENCH_ARTICLES ?? 100_000);
const FEED_MB = Number(process.env.BENCH_FEED_MB ?? 10);
const HOUR = 3_600_000;

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

function article(i: number, now: number) {
  const a = pick(WORDS, i * 7);
  const b = pick(WORDS, i * 13 + 3);
  const place = pick(PLACES, i * 11);
  const body = Array.from(
    { length: 5 },
    (_, p) =>
      `${place} officials said on day ${i % 31} that the ${a} plan would affect the ${b} sector, paragraph ${p}, case ${i}.`,
  ).join('\n\n');
  return {
    url: `https://bench.example/${i}`,
    source: pick(['Wire A', 'Wire B', 'Gazette'], i),
    title: `${place}: ${a} and ${b} update ${i}`,
    byline: null,
    publishedAt: now - (i % (24 * 30)) * HOUR,
    body,
    imageUrl: null,
  };
}

async function loopDelayDuring<T>(
  task: () => Promise<T>,
): Promise<{ result: T; ms: number; p99: number; max: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  const ticker = setInterval(() => undefined, 5);
  h.enable();
  const started = performance.now();
  const result = await task();
  const ms = performance.now() - started;
  h.disable();
  clearInterval(ticker);
  return { result, ms, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-bench-'));
  const file = path.join(dir, 'newsdesk.db');
  const db = openDatabase(file);
  const now = Date.now();
  const store = new ArticleStore({ db, now: () => now });
  const logger = createLogger({ level: 'silent' });

  const started = performance.now();
  const insert = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) store.upsert(article(i, now));
  });
  for (let i = 0; i < COUNT; i += 5_000) insert(i, Math.min(COUNT, i + 5_000));
  const insertSeconds = (performance.now() - started) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = statSync(file).size;

  const topics = [...WORDS, ...PLACES, ...WORDS.map((w, i) => `${w} ${pick(PLACES, i)}`)];
  const search: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const topic of topics) {
      const t0 = performance.now();
      const recent = store.search({ query: topic, since: now - 24 * HOUR, limit: 10 });
      if (!recent.length) store.search({ query: topic, limit: 10 });
      search.push(performance.now() - t0);
    }
  }
  const cache = { get: () => Promise.resolve(undefined), set: () => Promise.resolve() };
  const briefings = new Briefings({
    articles: store,
    cache,
    llm: null,
    logger,
    maxArticles: 12,
    now: () => now,
  });
  const engine: number[] = [];
  for (const topic of topics) {
    const t0 = performance.now();
    await briefings.get({ topic, hours: 24, length: 'standard' }).catch(() => undefined);
    engine.push(performance.now() - t0);
  }
  const suggest: number[] = [];
  for (const prefix of ['h', 'ha', 'li', 'fe', 'vol', '']) {
    const t0 = performance.now();
    store.topTitleTerms({ prefix, limit: 25 });
    suggest.push(performance.now() - t0);
  }

  const feed = Buffer.from(syntheticRss(FEED_MB * 1024 * 1024));
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  const worker = new FeedWorker();
  const deps = {
    store,
    logger,
    now: () => now,
    fetch: createSafeFetch({ allowHosts: ['127.0.0.1'], maxBytes: 64 * 1024 * 1024 }),
    parseFeedText: (text: string, baseUrl: string) => worker.parse(text, { baseUrl }),
  };
  await worker.parse(syntheticRss(300 * 1024)); // start the worker outside the measurement
  const ingest = await loopDelayDuring(() => ingestFeed(url, deps, { backlog: true }));
  await worker.close();
  server.close();

  const rows: [string, string][] = [
    [
      `store: ${COUNT.toLocaleString('en')} articles upserted`,
      `${Math.round(COUNT / insertSeconds).toLocaleString('en')} articles/s; ${(bytes / 1024 / 1024).toFixed(1)} MiB on disk (${Math.round(bytes / COUNT)} bytes/article)`,
    ],
    [
      `/news topic search (${search.length} queries)`,
      `median ${fmt(median(search))}, p99 ${fmt(percentile(search, 99))}`,
    ],
    [
      `/news engine, selection + extractive briefing (${engine.length})`,
      `median ${fmt(median(engine))}, p99 ${fmt(percentile(engine, 99))}`,
    ],
    ['topic autocomplete', `median ${fmt(median(suggest))}, max ${fmt(Math.max(...suggest))}`],
    [
      `ingest of a ${FEED_MB} MB feed (${ingest.result.items.length} items: fetch, worker parse, store)`,
      `${fmt(ingest.ms)}; event-loop delay p99 ${fmt(ingest.p99)}, max ${fmt(ingest.max)}`,
    ],
    ['peak RSS of this process', `${(await peakRssMiB(process.pid))?.toFixed(1) ?? 'n/a'} MiB`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  db.close();
}

await main();
