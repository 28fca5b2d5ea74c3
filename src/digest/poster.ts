import type { BriefingResult } from '../briefing/types.js';
import { errorMessage } from '../errors.js';
import type { Digest } from './types.js';

/**
 * What to post: a briefing of what is new since `since` (epoch ms; absent from callers of earlier
 * versions), or the short quiet-day note ("nothing new since `since`").
 */
export type DigestContent =
  | { kind: 'briefing'; result: BriefingResult; stories: number; since?: number }
  | { kind: 'quiet'; since: number };

/** Facts about one post, for the poster. */
export interface PostMeta {
  /** Deterministic per (server, digest, local date): send it with `enforce_nonce: true`. */
  nonce: string;
  late: boolean;
  localDate: string;
  scheduledAt: number;
}

/**
 * Sends a digest to its channel (with `nonce` + `enforce_nonce`, `allowed_mentions: { parse: [] }`) and
 * returns the message id. Throws a PostError saying how the failure is to be handled (the Discord
 * poster, discord/digest-poster.ts, classifies Discord's error codes); anything else goes through
 * {@link toPostError}.
 */
export type DigestPoster = (
  digest: Digest,
  content: DigestContent,
  meta: PostMeta,
) => Promise<{ messageId: string }>;

/** What a transport gives the scheduler once it can post. */
export interface DigestTransport {
  post: DigestPoster;
  /** Called once a briefing is posted (pinning goes here); a failure is logged and noted, never undoes the post. */
  afterPost?: (digest: Digest, messageId: string) => unknown;
  /** Sharding: only digests of servers this process holds run here (default: all). */
  ownsGuild?: (guildId: string) => boolean;
}

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

/**
 * Any error from a post as a PostError: a PostError as is; an error carrying an HTTP `status` by that
 * (404 gone, 403 forbidden, 401 and other 4xx but 408/429 permanent); everything else (timeouts,
 * network, 5xx, 429) is transient.
 */
export function toPostError(err: unknown): PostError {
  if (err instanceof PostError) return err;
  const message = errorMessage(err);
  const e = err as { status?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : Number.NaN;
  if (status === 404) return new PostError('gone', message, { cause: err });
  if (status === 403) return new PostError('forbidden', message, { cause: err });
  if (status === 401 || (status >= 400 && status < 500 && status !== 408 && status !== 429))
    return new PostError('permanent', message, { cause: err });
  return new PostError('transient', message, { cause: err });
}
