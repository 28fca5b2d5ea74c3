/**
 * Worker-thread entry for `FeedWorker`: parses feeds sent by the main thread so that a large feed
 * never blocks it. Messages in: `{ id, text, options }`; out: `{ id, feed }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import { FeedParseError } from './feed-parse-error.js';
import type { ParsedFeed, ParseFeedOptions } from './feed-types.js';
import { parseFeed } from './parse-feed.js';

/** A request to the worker. */
export interface FeedWorkerRequest {
  id: number;
  text: string;
  options: ParseFeedOptions;
}

/** The worker's answer: the feed, or the error as plain data. */
export type FeedWorkerResponse =
  | { id: number; feed: ParsedFeed }
  | {
      id: number;
      error: {
        name: string;
        message: string;
        reason?: FeedParseError['reason'];
        line?: number | null;
        column?: number | null;
        feedLinks?: string[];
      };
    };

function answer(request: FeedWorkerRequest): FeedWorkerResponse {
  try {
    return { id: request.id, feed: parseFeed(request.text, request.options) };
  } catch (err) {
    if (err instanceof FeedParseError) {
      const { reason, line, column, feedLinks } = err;
      return {
        id: request.id,
        error: { name: err.name, message: err.message, reason, line, column, feedLinks },
      };
    }
    return {
      id: request.id,
      error: { name: err instanceof Error ? err.name : 'Error', message: errorMessage(err) },
    };
  }
}

parentPort?.on('message', (request: FeedWorkerRequest) => {
  parentPort!.postMessage(answer(request));
});
