import { Worker } from 'node:worker_threads';
import { FeedParseError } from './feed-parse-error.js';
import type { ParsedFeed, ParseFeedOptions } from './feed-types.js';
import type { FeedWorkerRequest, FeedWorkerResponse } from './feed-worker.js';
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

interface Pending {
  resolve: (feed: ParsedFeed) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** Runs from TypeScript sources (tsx, vitest): the worker needs tsx registered first (see feed-worker-boot.mjs). */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

function startWorker(maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  if (!FROM_SOURCE) return new Worker(new URL('./feed-worker.js', import.meta.url), { resourceLimits });
  const entry = new URL('./feed-worker.ts', import.meta.url).href;
  return new Worker(new URL('./feed-worker-boot.mjs', import.meta.url), {
    workerData: { entry },
    resourceLimits,
  });
}

function toError(error: Extract<FeedWorkerResponse, { error: unknown }>['error']): Error {
  if (error.reason) return new FeedParseError(error.reason, error.message, error);
  return Object.assign(new Error(error.message), { name: error.name });
}

/**
 * Parses feeds on a worker thread, so that a 10 MB feed does not stall the event loop (and with it
 * Discord interactions). One worker, started on first use (about a second from TypeScript sources)
 * and reused; it does not keep the process alive while idle. Small texts are parsed inline, where a
 * worker round trip would cost more than the parse. Results and `FeedParseError`s are as from `parseFeed`.
 */
export class FeedWorker {
  readonly #inlineBelow: number;
  readonly #timeoutMs: number;
  readonly #maxHeapMb: number;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | null = null;
  #nextId = 1;

  constructor(options: FeedWorkerOptions = {}) {
    this.#inlineBelow = options.inlineBelowChars ?? 256 * 1024;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxHeapMb = options.maxHeapMb ?? 512;
  }

  /** Parses `text` as `parseFeed` does, off the calling thread when it is large. */
  parse(text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
    if (text.length < this.#inlineBelow) return Promise.resolve().then(() => parseFeed(text, options));
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise<ParsedFeed>((resolve, reject) => {
      const timer = setTimeout(
        () => this.#fail(new Error(`feed parsing took longer than ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
      this.#pending.set(id, { resolve, reject, timer });
      worker.ref();
      worker.postMessage({ id, text, options } satisfies FeedWorkerRequest);
    });
  }

  /** Stops the worker; parses in progress reject. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#fail(new Error('feed worker closed'));
    if (worker) await worker.terminate();
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker(this.#maxHeapMb);
    worker.on('message', (response: FeedWorkerResponse) => this.#settle(response));
    worker.on('error', (err) => this.#fail(new Error(`feed worker failed: ${err.message}`, { cause: err })));
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#fail(new Error(`feed worker exited with code ${code}`));
    });
    this.#worker = worker;
    return worker;
  }

  #settle(response: FeedWorkerResponse): void {
    const pending = this.#pending.get(response.id);
    if (!pending) return;
    this.#pending.delete(response.id);
    clearTimeout(pending.timer);
    if ('feed' in response) pending.resolve(response.feed);
    else pending.reject(toError(response.error));
    if (this.#pending.size === 0) this.#worker?.unref();
  }

  /** Rejects everything pending and drops the worker (the next parse starts a fresh one). */
  #fail(err: Error): void {
    const worker = this.#worker;
    this.#worker = null;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(err);
    }
    this.#pending.clear();
    if (worker) void worker.terminate();
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
