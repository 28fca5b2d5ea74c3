/**
 * Worker-thread entry for `FeedWorker`: parses feeds sent by the main thread so that a large feed never
 * blocks it. A `FeedParseError` crosses back as plain data (reason, line, column, feedLinks).
 */
import { serveTasks } from '../worker-pool.js';
import type { ParseFeedOptions } from './feed-types.js';
import { parseFeed } from './parse-feed.js';

/** A request to the worker. */
export interface FeedWorkerRequest {
  text: string;
  options: ParseFeedOptions;
}

serveTasks((request: FeedWorkerRequest) => parseFeed(request.text, request.options));
