import { WorkerPool } from '../worker-pool.js';
import { FeedParseError } from './feed-parse-error.js';
import type { ParsedFeed, ParseFeedOptions } from './feed-types.js';
import type { FeedWorkerRequest } from './feed-worker.js';
import { parseFeed } from './parse-feed.js';

/** Options for {@link FeedWorker}. */
export interface FeedWorkerOptions {
  /** Texts shorter than this many characters are parsed on the calling thread (default 256 KiB; 0 = never). */
  inlineBelowChars?: number;
  /** A parse taking longer ends the worker and rejects (default 30 s). */
  timeoutMs?: number;
  /** Heap limit of the worker, MiB (default 512): a hostile feed cannot exhaust the bot's memory. */
  maxHeapMb?: number;
}

/** A FeedParseError as it crossed from the worker: its own fields beside name and message. */
type CrossedError = Error & Partial<Pick<FeedParseError, 'reason' | 'line' | 'column' | 'feedLinks'>>;

function restore(err: unknown): unknown {
  const e = err as CrossedError;
  if (!(err instanceof Error) || e.name !== 'FeedParseError' || !e.reason) return err;
  return new FeedParseError(e.reason, e.message, { line: e.line, column: e.column, feedLinks: e.feedLinks });
}

/**
 * Parses feeds on a worker thread (the shared {@link WorkerPool}, one worker), so that a 10 MB feed does
 * not stall the event loop (and with it Discord interactions). The worker starts on first use (about a
 * second from TypeScript sources) and is reused; it does not keep the process alive while idle. Small
 * texts are parsed inline, where a worker round trip would cost more than the parse. Results and
 * `FeedParseError`s are as from `parseFeed`.
 */
export class FeedWorker {
  readonly #inlineBelow: number;
  readonly #pool: WorkerPool<FeedWorkerRequest, ParsedFeed>;

  constructor(options: FeedWorkerOptions = {}) {
    this.#inlineBelow = options.inlineBelowChars ?? 256 * 1024;
    this.#pool = new WorkerPool({
      entry: new URL('./feed-worker.js', import.meta.url),
      name: 'feed worker',
      size: 1,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxHeapMb: options.maxHeapMb ?? 512,
    });
  }

  /** Parses `text` as `parseFeed` does, off the calling thread when it is large. */
  async parse(text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
    if (text.length < this.#inlineBelow) return parseFeed(text, options);
    try {
      return await this.#pool.run({ text, options });
    } catch (err) {
      throw restore(err);
    }
  }

  /** Stops the worker; parses in progress reject. The next parse starts a fresh worker. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}

/**
 * One-off {@link FeedWorker.parse} on a fresh worker, closed afterwards. For repeated parsing (polling),
 * keep one `FeedWorker` instead: starting a worker takes up to a second.
 */
export async function parseFeedInWorker(text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const worker = new FeedWorker({ inlineBelowChars: 0 });
  try {
    return await worker.parse(text, options);
  } finally {
    await worker.close();
  }
}
