import type { APIEmbed } from 'discord-api-types/v10';
import type { BriefingResult } from '../briefing/types.js';

/** Why a channel operation failed, decided by Discord's error codes, never by message text. */
export type ChannelProblem =
  | 'unknown_channel'
  | 'no_access'
  | 'missing_permissions'
  /** The channel is an archived thread. */
  | 'archived_thread'
  | 'pin_limit'
  | 'unknown_message'
  | 'other';

/** A failed channel operation; `cause` keeps Discord's error. */
export class ChannelOpError extends Error {
  override readonly name = 'ChannelOpError';
  constructor(
    readonly problem: ChannelProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A pinned message as the pin rotation needs to see it. */
export interface PinnedMessage {
  messageId: string;
  authorId: string;
  /** Posted by this bot and shaped like a briefing (see isBriefingEmbed in discord/discord-channel-ops.ts). */
  isBriefing: boolean;
  pinnedAt: number;
}

/** A message's line of text and embeds, as Discord holds them. */
export interface MessageContent {
  content?: string;
  embeds: APIEmbed[];
}

/**
 * A message to post, never pinging anyone: an optional line of text, and embeds as they are (e.g.
 * copied from the message a button was pressed on) or a briefing, which the transport renders.
 */
export interface PostPayload {
  content?: string;
  embeds?: APIEmbed[];
  /** Rendered by the transport (Discord: one embed, as for a reply), in place of `embeds`. */
  briefing?: BriefingResult;
  /** The language of the briefing's labels and footer (a public post: the server's locale). */
  locale?: string;
}

/** A channel the bot knows of. */
export interface ChannelInfo {
  id: string;
  guildId: string;
  name: string;
  /** Whether messages can be posted there (text, announcement or thread). */
  textBased: boolean;
}

/**
 * The channel operations the moderator features and the digests need. Implemented over discord.js
 * (discord/discord-channel-ops.ts); absent on the console. Permission lookups are answered from the gateway cache (no REST call).
 */
export interface ChannelOps {
  readonly botUserId: string;
  channel(channelId: string): ChannelInfo | null;
  /** Effective permissions of a member (or of the bot with `'bot'`) in a channel; null when unknown. */
  permissions(channelId: string, who: string): bigint | null;
  /** Posts with `nonce` + `enforce_nonce`, so a retried post returns the first message instead of a second one. */
  post(channelId: string, payload: PostPayload, nonce: string): Promise<{ messageId: string }>;
  pin(channelId: string, messageId: string): Promise<void>;
  unpin(channelId: string, messageId: string): Promise<void>;
  /** Every pin in the channel, newest first. */
  pins(channelId: string): Promise<PinnedMessage[]>;
}

/** A link to a message, for confirmations. */
export function messageUrl(guildId: string, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}
