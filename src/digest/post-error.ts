import { ChannelOpError } from '../interactions/channel-ops.js';
import { errorMessage } from '../errors.js';

/**
 * How a failed post is handled: 'gone' (the channel no longer exists) and 'forbidden' (the bot lost
 * access or a permission) pause the digest until /digest resume, never retried; 'transient' may be
 * retried once within the grace period; 'permanent' (e.g. Discord refused the body) is not retried
 * but does not pause the digest.
 */
export type PostErrorKind = 'gone' | 'forbidden' | 'transient' | 'permanent';

/** What a poster throws when it knows why a post failed. */
export class PostError extends Error {
  override readonly name = 'PostError';
  constructor(
    readonly kind: PostErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Discord JSON error codes that mean the channel is gone or closed to the bot. */
const GONE_CODES = new Set([10003]); // Unknown Channel
const FORBIDDEN_CODES = new Set([50001, 50013, 50083]); // Missing Access, Missing Permissions, archived thread

/**
 * Classifies any error from a post by Discord's own codes (never by message text): PostError as is;
 * ChannelOpError by its problem; anything carrying a Discord `code` / HTTP `status` (DiscordAPIError,
 * HTTPError) by those; everything else (timeouts, network) is transient.
 */
export function classifyPostError(err: unknown): PostError {
  if (err instanceof PostError) return err;
  const message = errorMessage(err);
  if (err instanceof ChannelOpError) {
    // 'other' wraps a Discord error we have no name for: classify Discord's own error by code and status.
    if (err.problem === 'other' && err.cause !== undefined)
      return new PostError(classifyPostError(err.cause).kind, message, { cause: err });
    const kind =
      err.problem === 'unknown_channel'
        ? 'gone'
        : err.problem === 'no_access' || err.problem === 'missing_permissions'
          ? 'forbidden'
          : 'transient';
    return new PostError(kind, message, { cause: err });
  }
  const e = err as { code?: unknown; status?: unknown } | null;
  const code = typeof e?.code === 'number' ? e.code : Number.NaN;
  const status = typeof e?.status === 'number' ? e.status : Number.NaN;
  if (GONE_CODES.has(code) || status === 404) return new PostError('gone', message, { cause: err });
  if (FORBIDDEN_CODES.has(code) || status === 403) return new PostError('forbidden', message, { cause: err });
  if (status === 401 || (status >= 400 && status < 500 && status !== 408 && status !== 429))
    return new PostError('permanent', message, { cause: err });
  return new PostError('transient', message, { cause: err });
}
