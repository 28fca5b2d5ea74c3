import type { RecordedRequest } from './fake-discord/types.js';

/**
 * Matches the request that finished an interaction: the edit of the deferred reply, a follow-up
 * (an error after a public defer), or an immediate reply (callback type 4).
 */
export function finalReply(interactionId: string) {
  return (r: RecordedRequest) =>
    r.interactionId === interactionId &&
    ((r.method === 'PATCH' && r.path.endsWith('/messages/@original')) ||
      (r.method === 'POST' && r.path.startsWith('/webhooks/')) ||
      (r.method === 'POST' && r.path.endsWith('/callback') && (r.body as { type: number }).type === 4));
}
