import { openDatabase } from '../articles/database.js';
import { importFiles } from '../ingest/files/ingest-files.js';
import { ArticleStore } from '../articles/store.js';
import type { Config } from '../config.js';
import { errorMessage } from '../errors.js';
import { ingestUrl, type IngestDeps } from '../ingest/ingest-url.js';
import { emptyTally, tallyResults, type ImportTally } from '../ingest/tally.js';
import type { Logger } from '../logger.js';
import { createSafeFetch } from '../net/index.js';

const USAGE =
  'Usage: newsdesk ingest <file|folder|url>... [--feed]\n' +
  '  files and folders: .txt, .md, .html, .json (folders are read recursively)\n' +
  '  URLs: a web page (its article is extracted) or a feed (RSS, Atom, JSON Feed); --feed treats every URL as a feed\n';

/** Counts of the run and the failure lines printed at its end. */
interface Tally extends ImportTally {
  failures: string[];
}

/** Progress on stderr at most once a second: count, rate, failures. */
function progress(started: number) {
  let last = started;
  const tty = process.stderr.isTTY;
  return {
    tick(done: number, failed: number) {
      const now = performance.now();
      if (now - last < 1000) return;
      last = now;
      process.stderr.write(
        `${tty ? '\r' : ''}ingest: ${done} done, ${(done / ((now - started) / 1000)).toFixed(0)}/s, ${failed} failed${tty ? '' : '\n'}`,
      );
    },
    end() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}

async function ingestUrls(
  urls: string[],
  deps: IngestDeps,
  forceFeed: boolean,
  tally: Tally,
  tick: () => void,
): Promise<void> {
  for (const url of urls) {
    try {
      const result = await ingestUrl(url, deps, { forceFeed });
      const items = result.kind === 'page' ? [result.item] : result.items;
      if (result.kind === 'feed')
        process.stdout.write(`feed     ${url}: ${result.title || '(untitled)'}, ${items.length} items\n`);
      tallyResults(items, tally);
      for (const item of items)
        if (item.status === 'failed') tally.failures.push(`failed   ${item.url ?? url}: ${item.reason}`);
    } catch (err) {
      tally.failed += 1;
      tally.failures.push(`failed   ${url}: ${errorMessage(err)}`);
    }
    tick();
  }
}

/**
 * `newsdesk ingest <paths and urls...> [--feed]`: imports files, web pages and feeds with progress on
 * stderr and a summary at the end. Exits 1 when anything failed (the rest is still imported).
 */
export async function runIngestCommand(config: Config, logger: Logger, args: string[]): Promise<number> {
  const forceFeed = args.includes('--feed');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--feed');
  const targets = args.filter((a) => !a.startsWith('--'));
  if (!targets.length || unknown.length) {
    if (unknown.length) process.stderr.write(`Unknown option ${unknown.join(', ')}.\n`);
    process.stderr.write(USAGE);
    return 2;
  }
  const urls = targets.filter((t) => /^[a-z][a-z0-9+.-]*:\/\//i.test(t));
  const paths = targets.filter((t) => !urls.includes(t));
  const db = openDatabase(config.databasePath);
  try {
    const store = new ArticleStore({ db, maxBodyChars: config.maxArticleChars, logger });
    const started = performance.now();
    const meter = progress(started);
    const tally: Tally = { ...emptyTally(), failures: [] };
    let done = 0;
    for await (const r of importFiles(store, paths, { maxArticleChars: config.maxArticleChars })) {
      done += 1;
      tallyResults([r], tally);
      if (r.status === 'failed')
        tally.failures.push(`failed   ${r.path}${r.index === undefined ? '' : ` #${r.index}`}: ${r.reason}`);
      logger.debug({ path: r.path, status: r.status, reason: r.reason }, 'import result');
      meter.tick(done, tally.failed);
    }
    const fetch = createSafeFetch({ allowHosts: config.ingest.allowHosts, maxBytes: config.ingest.maxBytes });
    await ingestUrls(urls, { store, fetch, logger }, forceFeed, tally, () =>
      meter.tick(done + urls.length, tally.failed),
    );
    meter.end();
    for (const line of tally.failures) process.stdout.write(`${line}\n`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const count = store.count();
    process.stdout.write(
      `Added ${tally.added}, updated ${tally.updated}, unchanged ${tally.unchanged}, failed ${tally.failed}, skipped ${tally.skipped} (${seconds} s). ${count} article${count === 1 ? '' : 's'} stored.\n`,
    );
    return tally.failed ? 1 : 0;
  } finally {
    db.close();
  }
}
