import {
  PostError,
  toPostError,
  type DigestContent,
  type DigestPoster,
  type PostErrorKind,
  type PostMeta,
} from '../digest/poster.js';
import { digestLocale, type Digest } from '../digest/types.js';
import { errorMessage } from '../errors.js';
import type { BriefingPins } from '../interactions/briefing-pins.js';
import {
  ChannelOpError,
  type ChannelOps,
  type ChannelProblem,
  type PostPayload,
} from '../interactions/channel-ops.js';
import { briefingEmbed } from './render-briefing.js';
import { tm } from '../i18n/index.js';
import { digestHeader, digestHeading, quietDayText } from '../interactions/describe-digest.js';

export { digestHeader } from '../interactions/describe-digest.js';

/**
 * The message for a digest: the header line and the briefing embed with the digest's heading (as
 * /digest preview shows it), or the quiet-day note, in the digest's language (its override, else the
 * server's).
 */
export function digestPayload(digest: Digest, content: DigestContent, meta: PostMeta): PostPayload {
  const header = digestHeader(digest, meta);
  const locale = digestLocale(digest);
  if (content.kind === 'briefing') {
    const heading = content.since === undefined ? undefined : digestHeading(digest, content.since, locale);
    return { content: header, embeds: [briefingEmbed(content.result, { digest: heading, locale })] };
  }
  return { content: `${header}\n${quietDayText(digest, content.since)}`, embeds: [] };
}

/** How the digest runner handles each failed channel operation (null: by the HTTP status of Discord's error). */
const POST_ERROR_KINDS: Record<ChannelProblem, PostErrorKind | null> = {
  unknown_channel: 'gone',
  no_access: 'forbidden',
  missing_permissions: 'forbidden',
  archived_thread: 'forbidden',
  pin_limit: 'transient',
  unknown_message: 'transient',
  other: null,
};

/**
 * Classifies a failed post by Discord's own codes (never by message text): a ChannelOpError by its
 * problem (the one code list is in discord-channel-ops.ts), one wrapping a Discord error we have no
 * name for by that error's HTTP status; anything else as {@link toPostError} does.
 */
export function classifyPostError(err: unknown): PostError {
  if (!(err instanceof ChannelOpError)) return toPostError(err);
  const kind =
    POST_ERROR_KINDS[err.problem] ?? (err.cause !== undefined ? toPostError(err.cause).kind : 'transient');
  return new PostError(kind, errorMessage(err), { cause: err });
}

/**
 * The digest poster over the bot's channel operations (nonce + enforce_nonce, no mentions); a failure
 * is thrown as a classified PostError. A channel missing from the gateway cache counts as gone only
 * while its server is available (pass `guildAvailable`; during a Discord outage a server's channels
 * are missing too, and that is transient).
 */
export function discordDigestPoster(
  ops: ChannelOps,
  options: { guildAvailable?: (guildId: string) => boolean } = {},
): DigestPoster {
  return async (digest, content, meta) => {
    if (!ops.channel(digest.channelId)) {
      const available = options.guildAvailable?.(digest.guildId) ?? true;
      throw new PostError(
        available ? 'gone' : 'transient',
        available
          ? 'the channel no longer exists or I can no longer see it'
          : 'the server is unavailable (Discord outage)',
      );
    }
    try {
      return await ops.post(digest.channelId, digestPayload(digest, content, meta), meta.nonce);
    } catch (err) {
      throw classifyPostError(err);
    }
  };
}

/** An `afterPost` that pins a digest set to `pin`, with the moderators' pin rotation; throws when Discord would not pin it. */
export function pinAfterPost(pins: BriefingPins): (digest: Digest, messageId: string) => Promise<void> {
  return async (digest, messageId) => {
    if (!digest.pin) return;
    const outcome = await pins.pin(digest.channelId, messageId);
    if (!outcome.pinned) throw new Error(outcome.note ? tm('en', outcome.note) : 'Discord would not pin it');
  };
}
