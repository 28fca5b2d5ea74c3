import { escapeMarkdown } from 'discord.js';
import { neutralizeMentions } from '../briefing/sanitize.js';
import type { BriefingPins } from '../interactions/briefing-pins.js';
import type { ChannelOps, PostPayload } from '../interactions/channel-ops.js';
import { briefingEmbed } from '../discord/render-briefing.js';
import { PostError } from './post-error.js';
import { localTimeOf } from './schedule.js';
import type { Digest, DigestContent, DigestPoster, PostMeta } from './types.js';

/** The digest's first line: name and local date, and why it is late. */
export function digestHeader(digest: Digest, meta: PostMeta): string {
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(Date.parse(`${meta.localDate}T12:00:00Z`));
  const late = meta.late ? ` · late: I was offline at ${localTimeOf(meta.scheduledAt, digest.timezone)}` : '';
  return `🗞️ **${escapeMarkdown(neutralizeMentions(digest.name))}** · ${date}${late}`;
}

/** The message for a digest: the header line and the briefing embed, or the quiet-day note. */
export function digestPayload(digest: Digest, content: DigestContent, meta: PostMeta): PostPayload {
  const header = digestHeader(digest, meta);
  if (content.kind === 'briefing') return { content: header, embeds: [briefingEmbed(content.result)] };
  const about = digest.topic ? ` about “${escapeMarkdown(neutralizeMentions(digest.topic))}”` : '';
  return {
    content: `${header}\nQuiet day: nothing new${about} since <t:${Math.floor(content.since / 1000)}:f>.`,
    embeds: [],
  };
}

/**
 * The digest poster over the bot's channel operations (nonce + enforce_nonce, no mentions). A channel
 * missing from the gateway cache counts as gone only while its server is available (pass
 * `guildAvailable`; during a Discord outage a server's channels are missing too, and that is transient).
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
    return ops.post(digest.channelId, digestPayload(digest, content, meta), meta.nonce);
  };
}

/** An `afterPost` that pins a digest set to `pin`, with the moderators' pin rotation; throws when Discord would not pin it. */
export function pinAfterPost(pins: BriefingPins): (digest: Digest, messageId: string) => Promise<void> {
  return async (digest, messageId) => {
    if (!digest.pin) return;
    const outcome = await pins.pin(digest.channelId, messageId);
    if (!outcome.pinned) throw new Error(outcome.note ?? 'Discord would not pin it');
  };
}
