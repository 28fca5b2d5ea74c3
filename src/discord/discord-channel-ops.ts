import {
  DiscordAPIError,
  RESTJSONErrorCodes as Codes,
  type Client,
  type GuildTextBasedChannel,
} from 'discord.js';
import { briefingEmbed } from './render-briefing.js';
import { isBriefingFooter } from '../briefing/describe.js';
import {
  ChannelOpError,
  type ChannelInfo,
  type ChannelOps,
  type PinnedMessage,
  type PostPayload,
  type ChannelProblem,
} from '../interactions/channel-ops.js';

/** Discord's JSON error codes we act on: the one list, for the moderators' messages and the digest runner. */
const PROBLEMS: Partial<Record<number, ChannelProblem>> = {
  [Codes.UnknownChannel]: 'unknown_channel',
  [Codes.MissingAccess]: 'no_access',
  [Codes.MissingPermissions]: 'missing_permissions',
  [Codes.InvalidActionOnArchivedThread]: 'archived_thread',
  [Codes.MaximumNumberOfPinsReachedForTheChannel]: 'pin_limit',
  [Codes.UnknownMessage]: 'unknown_message',
};

/** Turns a discord.js error into a ChannelOpError by Discord's error code (never by message text). */
export function toChannelOpError(err: unknown): unknown {
  if (err instanceof DiscordAPIError) {
    const problem =
      PROBLEMS[Number(err.code)] ??
      (err.status === 404 ? 'unknown_channel' : err.status === 403 ? 'no_access' : 'other');
    return new ChannelOpError(problem, `Discord error ${err.code} (${err.status})`, { cause: err });
  }
  return err;
}

/**
 * Our briefing embeds start their footer with "N of M article(s) cited · …" in one of the catalogues'
 * languages (see briefing/describe.ts footerText), or, posted by earlier versions, "N article(s) · …".
 */
export function isBriefingEmbed(embed: { footer?: { text?: string } | null } | undefined): boolean {
  const footer = embed?.footer?.text ?? '';
  return /^\d+ (?:of \d+ )?articles? (?:cited )?· /.test(footer) || isBriefingFooter(footer);
}

async function wrap<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toChannelOpError(err);
  }
}

/**
 * ChannelOps over the discord.js client: permissions from the gateway cache, posts with a nonce and
 * `enforce_nonce`, and the pins routes. discord.js does not retry 4xx answers, so a 401/403/404 is
 * never repeated.
 */
export class DiscordChannelOps implements ChannelOps {
  constructor(private readonly client: Client) {}

  get botUserId(): string {
    return this.client.user?.id ?? '';
  }

  private text(channelId: string): GuildTextBasedChannel | null {
    const channel = this.client.channels.cache.get(channelId);
    return channel && !channel.isDMBased() && channel.isTextBased() ? channel : null;
  }

  channel(channelId: string): ChannelInfo | null {
    const channel = this.client.channels.cache.get(channelId);
    if (!channel || channel.isDMBased()) return null;
    return { id: channel.id, guildId: channel.guildId, name: channel.name, textBased: channel.isTextBased() };
  }

  permissions(channelId: string, who: string): bigint | null {
    const channel = this.client.channels.cache.get(channelId);
    if (!channel || channel.isDMBased()) return null;
    const subject = who === 'bot' ? channel.guild.members.me : channel.guild.members.cache.get(who);
    if (!subject) return null;
    return channel.permissionsFor(subject).bitfield;
  }

  post(channelId: string, payload: PostPayload, nonce: string): Promise<{ messageId: string }> {
    return wrap(async () => {
      const channel = this.text(channelId);
      if (!channel) throw new ChannelOpError('unknown_channel', 'channel not in cache');
      const { briefing, locale, ...message } = payload;
      const sent = await channel.send({
        ...message,
        ...(briefing ? { embeds: [briefingEmbed(briefing, { locale })] } : {}),
        allowedMentions: { parse: [] },
        nonce,
        enforceNonce: true,
      });
      return { messageId: sent.id };
    });
  }

  pin(channelId: string, messageId: string): Promise<void> {
    return wrap(async () => {
      const channel = this.text(channelId);
      if (!channel) throw new ChannelOpError('unknown_channel', 'channel not in cache');
      await channel.messages.pin(messageId);
    });
  }

  unpin(channelId: string, messageId: string): Promise<void> {
    return wrap(async () => {
      const channel = this.text(channelId);
      if (!channel) throw new ChannelOpError('unknown_channel', 'channel not in cache');
      await channel.messages.unpin(messageId);
    });
  }

  pins(channelId: string): Promise<PinnedMessage[]> {
    return wrap(async () => {
      const channel = this.text(channelId);
      if (!channel) throw new ChannelOpError('unknown_channel', 'channel not in cache');
      const out: PinnedMessage[] = [];
      let before: Date | undefined;
      for (let page = 0; page < 10; page++) {
        const { items, hasMore } = await channel.messages.fetchPins({
          limit: 50,
          ...(before ? { before } : {}),
        });
        for (const item of items) {
          out.push({
            messageId: item.message.id,
            authorId: item.message.author.id,
            isBriefing:
              item.message.author.id === this.botUserId && isBriefingEmbed(item.message.embeds[0]?.data),
            pinnedAt: item.pinnedTimestamp,
          });
        }
        if (!hasMore || !items.length) break;
        before = items.at(-1)!.pinnedAt;
      }
      return out;
    });
  }
}
