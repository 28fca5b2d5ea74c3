import { REST, type InternalRequest } from 'discord.js';

/** Interaction responses: the callback, and the edits and follow-ups made with the interaction's token. */
const INTERACTION_ROUTE = /^\/(?:interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/]+)/;

/** True for a request Discord does not count against the bot's global rate limit. */
export function isInteractionResponse(request: { fullRoute: string; auth?: boolean | undefined }): boolean {
  return request.auth === false && INTERACTION_ROUTE.test(request.fullRoute);
}

/**
 * Sends interaction responses (callbacks, edits of the original reply, follow-ups: unauthenticated
 * requests on the interaction's token) through a second REST manager without the global limiter.
 * Discord exempts them from the bot's global 50 requests/s, but discord.js's one manager queues every
 * request behind it, so a burst of cache hits waited up to a second for its edits. Per-route buckets and
 * 429 handling stay, in both managers. (The second manager's sweeper timers are unref'd, as the first's.)
 */
export function exemptInteractionResponses(rest: REST): void {
  const { options } = rest;
  const interactions = new REST({
    api: options.api,
    version: options.version,
    timeout: options.timeout,
    retries: options.retries,
    userAgentAppendix: options.userAgentAppendix,
    globalRequestsPerSecond: Number.POSITIVE_INFINITY,
  });
  const queue = rest.queueRequest.bind(rest);
  rest.queueRequest = (request: InternalRequest) =>
    isInteractionResponse(request) ? interactions.queueRequest(request) : queue(request);
}
