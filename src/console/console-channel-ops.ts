import {
  ChannelOpError,
  type ChannelInfo,
  type ChannelOps,
  type PinnedMessage,
  type PostPayload,
} from '../interactions/channel-ops.js';
import { ALL_PERMISSIONS, PRETEND_SERVER, pretendChannel } from './pretend-server.js';

/** What the console's channels do with a post: print it (see runConsole). */
export type PostPrinter = (channel: ChannelInfo, payload: PostPayload, messageId: string) => void;

/**
 * Channel operations of the pretend server: posting prints what Discord would show in that channel;
 * pins are kept in memory for the session, with Discord's rules (250 at most, bot briefings rotated by
 * BriefingPins as in Discord). The console user and the bot have every permission.
 */
export class ConsoleChannelOps implements ChannelOps {
  readonly botUserId: string = PRETEND_SERVER.bot.id;
  private next = 1n;
  private readonly byNonce = new Map<string, string>();
  private readonly messages = new Map<string, { channelId: string; isBriefing: boolean }>();
  private readonly pinned = new Map<string, PinnedMessage[]>();
  private clock = 0;

  constructor(
    private readonly print: PostPrinter,
    private readonly note: (text: string) => void = () => undefined,
  ) {}

  channel(channelId: string): ChannelInfo | null {
    return pretendChannel(channelId);
  }

  permissions(channelId: string): bigint | null {
    return pretendChannel(channelId) ? ALL_PERMISSIONS : null;
  }

  async post(channelId: string, payload: PostPayload, nonce: string): Promise<{ messageId: string }> {
    const channel = this.require(channelId);
    const earlier = this.byNonce.get(nonce);
    if (earlier) return { messageId: earlier };
    const messageId = String(BigInt(PRETEND_SERVER.guildId) + 1_000_000n + this.next++);
    this.byNonce.set(nonce, messageId);
    const isBriefing = payload.briefing !== undefined || (payload.embeds?.length ?? 0) > 0;
    this.messages.set(messageId, { channelId, isBriefing });
    this.print(channel, payload, messageId);
    return { messageId };
  }

  async pin(channelId: string, messageId: string): Promise<void> {
    const channel = this.require(channelId);
    const message = this.messages.get(messageId);
    if (message?.channelId !== channelId) throw new ChannelOpError('unknown_message', 'Unknown Message');
    const list = this.pinned.get(channelId) ?? [];
    if (list.some((p) => p.messageId === messageId)) return;
    if (list.length >= 250) throw new ChannelOpError('pin_limit', 'Maximum number of pins reached (250)');
    list.unshift({
      messageId,
      authorId: this.botUserId,
      isBriefing: message.isBriefing,
      pinnedAt: ++this.clock,
    });
    this.pinned.set(channelId, list);
    this.note(`📌 pinned in #${channel.name}`);
  }

  async unpin(channelId: string, messageId: string): Promise<void> {
    const channel = this.require(channelId);
    const list = this.pinned.get(channelId) ?? [];
    const index = list.findIndex((p) => p.messageId === messageId);
    if (index < 0) throw new ChannelOpError('unknown_message', 'Unknown Message');
    list.splice(index, 1);
    this.note(`📌 unpinned an older briefing in #${channel.name}`);
  }

  async pins(channelId: string): Promise<PinnedMessage[]> {
    this.require(channelId);
    return [...(this.pinned.get(channelId) ?? [])];
  }

  private require(channelId: string): ChannelInfo {
    const channel = pretendChannel(channelId);
    if (!channel) throw new ChannelOpError('unknown_channel', 'Unknown Channel');
    return channel;
  }
}
