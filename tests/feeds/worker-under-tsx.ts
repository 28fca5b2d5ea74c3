/** Run by feed-worker.test.ts with `tsx`: parses a feed with parseFeedInWorker and prints a summary as JSON. */
import { parseFeedInWorker } from '../../src/feeds/parse-feed-in-worker.js';
import { syntheticRss } from './synthetic-feed.js';

const feed = await parseFeedInWorker(syntheticRss(300_000));
process.stdout.write(
  JSON.stringify({ kind: feed.kind, items: feed.items.length, first: feed.items[0]?.title }),
);
